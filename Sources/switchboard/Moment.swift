import ArgumentParser
import Foundation
import SwitchboardCore

/// `--now`: an RFC 3339 moment (or a date, midnight UTC) to render the portal for.
struct Moment: ExpressibleByArgument {
    let date: Date

    init?(argument: String) {
        guard let date = try? SiteTime(timeZone: TimeZone(identifier: "UTC") ?? .current).parse(argument) else { return nil }
        self.date = date
    }

    static var defaultValueDescription: String { "now" }
}

/// Options every site command shares.
struct SiteOptions: ParsableArguments {
    @Option(help: "The site folder (with site.yaml and content/).")
    var site: String = "."

    @Option(help: ArgumentHelp("The moment to render for, e.g. 2026-12-01T00:00:00+08:00.", valueName: "ISO8601"))
    var now: Moment?

    var siteURL: URL { URL(fileURLWithPath: site, isDirectory: true).standardizedFileURL }
    var moment: Date { now?.date ?? Date() }
}

/// Writes to standard output at once, unbuffered.
func printOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
