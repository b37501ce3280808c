import ArgumentParser
import SwitchboardCore
import SwitchboardSite

struct NewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Start a new content file.", subcommands: [NewAnnouncement.self])
}

extension NoticeKind: ExpressibleByArgument {}

struct NewAnnouncement: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "announcement",
        abstract: "Write a notice published now, with the earliest lawful effective date filled in.")

    @OptionGroup var options: SiteOptions

    @Option(help: "price-change, agreement-update, maintenance, feature-change or general.")
    var kind: NoticeKind

    @Option(help: "The notice's title; the file name is made from it.")
    var title: String

    func run() async throws {
        do {
            let path = try await AnnouncementDraft.create(site: options.siteURL, kind: kind, title: title, now: options.moment)
            print("wrote \(path)")
        } catch {
            printError("error: \(error.description)")
            throw ExitCode.failure
        }
    }
}
