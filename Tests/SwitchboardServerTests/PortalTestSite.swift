import Foundation
import SwitchboardCore
import SwitchboardServer
import SwitchboardSite
import SwitchboardStore

/// A copy of `Tests/Fixtures/site` in a temporary folder, and a clock that starts at a chosen
/// moment and runs on in real time.
struct PortalTestSite {
    let root: URL

    static let source = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/site")

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-portal-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: PortalTestSite.source, to: root)
    }

    var output: URL { root.appendingPathComponent("public") }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func edit(_ path: String, replacing old: String, with new: String) throws {
        let text = try read(path)
        precondition(text.contains(old), "\(path) does not contain \(old)")
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }

    static func moment(_ text: String) -> Date {
        // Test literals are well-formed; a typo should fail loudly.
        try! SiteTime(timeZone: TimeZone(identifier: "Asia/Shanghai")!).parse(text)
    }

    /// A clock standing at `start` when made, running on in real time.
    static func clock(from start: Date) -> @Sendable () -> Date {
        let began = ContinuousClock.now
        return {
            let elapsed = began.duration(to: .now).components
            return start.addingTimeInterval(Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
        }
    }
}

/// Waits until `condition` holds, polling, for at most `seconds`.
func eventually(within seconds: Double = 5, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// A clock tests move: it stands still at a moment, or runs on in real time from one.
// @unchecked Sendable: the only state, `start` and `began`, is read and written under `lock`.
final class RunningTestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var start: Date
    private var began: ContinuousClock.Instant?

    init(standingAt moment: Date) { start = moment }

    /// From now on the clock reads `moment` plus the real time elapsed.
    func run(from moment: Date) {
        lock.withLock {
            start = moment
            began = .now
        }
    }

    func now() -> Date {
        lock.withLock {
            guard let began else { return start }
            let elapsed = began.duration(to: .now).components
            return start.addingTimeInterval(Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
        }
    }
}

/// A platform over a new data folder in `folder`, reading the site's facts from `site`, for
/// building the application as `serve` does.
func portalTestPlatform(in folder: URL, site: @escaping @Sendable () async -> SiteFacts) async throws -> Platform {
    let store = try await FileStore.open(
        StoreConfiguration(directory: folder.appendingPathComponent("data").path, createIfMissing: true))
    let facts = await site()
    return try Platform(store: store, settings: OperatorConfig(siteConfig: facts.config), adminToken: nil, site: site)
}
