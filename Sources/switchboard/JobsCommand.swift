import ArgumentParser
import SwitchboardServer

struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs", abstract: "The platform's periodic work, safe to run from cron.",
        subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Recycle accounts idle for 12 months, record deemed acceptance of agreement versions that took effect, forfeit expired packages."
        )

        @OptionGroup var options: PlatformOptions

        func run() async throws {
            let report = try await options.withPlatform { try await Jobs(platform: $0).run() }
            print(report.description)
            for id in report.recycledAccounts { print("recycled \(id)") }
        }
    }
}
