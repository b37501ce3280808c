import Foundation
import Testing

@testable import SwitchboardSite

/// Whole pages compared with approved copies in `Tests/Fixtures/golden/`. After an intended
/// change to the theme, regenerate them with `SWITCHBOARD_UPDATE_GOLDEN=1 swift test` and
/// review the diff.
@Suite("Golden pages")
struct GoldenPageTests {
    static let golden = FixtureSite.source.deletingLastPathComponent().appendingPathComponent("golden")

    @Test(
        "Rendered pages match the approved copies",
        arguments: [
            "prices/index.html", "agreement/2.0/changes/index.html", "agreement/index.html",
            "announcements/index.html", "announcements/webhooks-v2/index.html", "feed.xml", "api/prices.json",
        ])
    func page(path: String) async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        let rendered = try site.page(path)
        let approved = GoldenPageTests.golden.appendingPathComponent(path)
        if ProcessInfo.processInfo.environment["SWITCHBOARD_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: approved.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(rendered.utf8).write(to: approved)
        }
        let expected = try String(contentsOf: approved, encoding: .utf8)
        #expect(rendered == expected, "\(path) differs from Tests/Fixtures/golden/\(path)")
    }
}
