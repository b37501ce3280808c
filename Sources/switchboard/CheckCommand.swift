import ArgumentParser
import SwitchboardCore
import SwitchboardSite
import SwitchboardStore

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report every problem in the site's content (or, with --data, in a data folder) as path:line: error: message.")

    @OptionGroup var options: SiteOptions

    @Flag(help: "Check items marked draft: true as the portal would show them.")
    var drafts = false

    @Option(
        help: ArgumentHelp(
            "Check this data folder instead of the content: formats, balances against the ledger, charges, idempotency keys, status histories.",
            valueName: "DIR"))
    var data: String?

    @Flag(help: "With --data: drop damaged journal lines (saving them under repaired/), after a backup has been kept.")
    var repair = false

    func validate() throws {
        if repair, data == nil { throw ValidationError("--repair works on a data folder: add --data DIR") }
    }

    func run() async throws {
        if let data, repair {
            do {
                let report = try DataRepair.dropDamagedLines(directory: data, now: Timestamp(options.moment))
                print(report.rendered(), terminator: "")
            } catch {
                printError("error: \(error)")
                throw ExitCode.failure
            }
            return
        }
        if let data {
            let report = DataChecker.check(directory: data)
            if report.isClean {
                print(report.rendered(), terminator: "")
            } else {
                printError(report.rendered())
                throw ExitCode.failure
            }
            return
        }
        let report = await SiteBuilder.check(site: options.siteURL, now: options.moment, includeDrafts: drafts)
        if report.diagnostics.isEmpty {
            print("no problems found")
            return
        }
        printError(report.description)
        if report.hasErrors { throw ExitCode.failure }
    }
}
