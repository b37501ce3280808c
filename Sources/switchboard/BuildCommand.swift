import ArgumentParser
import Foundation
import SwitchboardSite

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Check the site, then render it into a static portal.")

    @OptionGroup var options: SiteOptions

    @Option(help: ArgumentHelp("The output folder; replaced whole. Default: <site>/public.", valueName: "DIR"))
    var output: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The portal's public address; overrides site.yaml.", valueName: "URL"))
    var baseURL: String?

    @Flag(help: "Include items marked draft: true.")
    var drafts = false

    @Flag(help: "Print only errors and the summary.")
    var quiet = false

    @Flag(
        name: .customLong("next-change"),
        help: "Build nothing; print the next moment after --now at which the portal changes (RFC 3339 in the site's zone), or 'none'.")
    var nextChange = false

    func run() async throws {
        if nextChange {
            try await printNextChange()
            return
        }
        let buildOptions = SiteBuilder.Options(
            site: options.siteURL, output: output.map { URL(fileURLWithPath: $0, isDirectory: true) },
            now: options.moment, includeDrafts: drafts, baseURL: baseURL)
        let quiet = self.quiet
        // On a terminal, long renders show a counter that the step's own line then replaces.
        let live = !quiet && isatty(STDOUT_FILENO) == 1
        do {
            let summary = try await SiteBuilder.build(
                buildOptions,
                log: { line in if !quiet { printOut(live ? "\r\u{1B}[K" + line + "\n" : line + "\n") } },
                progress: { done, total in
                    guard live, total >= 1000 else { return }
                    printOut("\r\u{1B}[K      rendered \(done) of \(total) pages")
                })
            for warning in summary.warnings { printError(warning.description) }
            print(summary.description)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
    }

    /// `--next-change`: for operators who host `public/` elsewhere and rebuild from cron.
    private func printNextChange() async throws {
        let now = options.moment
        do {
            let facts = try await SiteFacts.load(site: options.siteURL, now: now)
            print(facts.nextChange(after: now).map(facts.time.rfc3339) ?? "none")
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}
