import Foundation
import SwitchboardCore

@testable import SwitchboardSite

/// A copy of `Tests/Fixtures/site` in a temporary folder, to change and build in tests.
struct FixtureSite {
    let root: URL

    static let source = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/site")

    /// The moment most tests render for: agreement 2.0 in effect, the December prices upcoming,
    /// maintenance on 8 December scheduled.
    static let now = moment("2026-12-02T00:00:00+08:00")

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-site-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: FixtureSite.source, to: root)
    }

    var output: URL { root.appendingPathComponent("public") }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func writeData(_ path: String, _ data: Data) throws {
        try data.write(to: root.appendingPathComponent(path))
    }

    /// Replaces the first occurrence of `old` in a file.
    func edit(_ path: String, replacing old: String, with new: String) throws {
        let url = root.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        precondition(text.contains(old), "\(path) does not contain \(old)")
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    func check(now: Date = FixtureSite.now, drafts: Bool = false) async -> CheckReport {
        await SiteBuilder.check(site: root, now: now, includeDrafts: drafts)
    }

    @discardableResult
    func build(now: Date = FixtureSite.now, drafts: Bool = false) async throws -> SiteBuilder.Summary {
        try await SiteBuilder.build(.init(site: root, output: output, now: now, includeDrafts: drafts))
    }

    func page(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }

    static func moment(_ text: String) -> Date {
        // Test literals are well-formed; a typo should fail loudly.
        try! SiteTime(timeZone: TimeZone(identifier: "Asia/Shanghai")!).parse(text)
    }
}

extension CheckReport {
    /// The rendered lines of the errors, for `contains` assertions.
    var lines: [String] { errors.map(\.description) }

    func has(_ prefix: String, _ fragment: String) -> Bool {
        lines.contains { $0.hasPrefix(prefix) && $0.contains(fragment) }
    }
}
