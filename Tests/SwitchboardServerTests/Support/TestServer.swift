import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SwitchboardCore
import SwitchboardSite
import SwitchboardStore

@testable import SwitchboardServer

/// One server for one test: a fresh data folder, the fixture site's facts, operator settings with
/// the cheapest bcrypt cost, a known admin token, a settable clock and a `public/` with a 404
/// page. Built by `TestServer.run`, which closes the store and removes the folder afterwards.
struct TestServer: Sendable {
    static let adminToken = "admin-token-for-tests-0123456789abcdef"

    /// `Tests/Fixtures/site`, found from this file's place in the package.
    static let fixtureSite = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // SwitchboardServerTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures/site")

    /// The package's root folder.
    static let packageRoot = fixtureSite.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let root: URL
    let dataDirectory: URL
    let publicFolder: URL
    let clock: TestClock
    let store: FileStore
    let facts: SiteFacts
    let settings: OperatorConfig
    let platform: Platform

    /// Opens a server standing at `moment`; `configure` may change the operator's settings.
    static func run<T: Sendable>(
        at moment: Date = Moments.standard, configure: (inout OperatorConfig) -> Void = { _ in },
        _ body: (TestServer) async throws -> T
    ) async throws -> T {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-api-\(UUID().uuidString)")
        let dataDirectory = root.appendingPathComponent("data")
        let publicFolder = root.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: publicFolder, withIntermediateDirectories: true)
        try Data("<!DOCTYPE html><title>Page not found</title>".utf8).write(to: publicFolder.appendingPathComponent("404.html"))
        defer { try? FileManager.default.removeItem(at: root) }

        let clock = TestClock(moment)
        let facts = try await SiteFacts.load(site: fixtureSite, now: moment)
        var settings = OperatorConfig(siteConfig: facts.config)
        settings.bcryptCost = 4
        configure(&settings)
        let store = try await FileStore.open(
            StoreConfiguration(directory: dataDirectory.path, createIfMissing: true, clock: { Timestamp(clock.now) }))
        let platform = try Platform(
            store: store, settings: settings, adminToken: adminToken, site: { facts }, clock: { clock.now })
        let server = TestServer(
            root: root, dataDirectory: dataDirectory, publicFolder: publicFolder, clock: clock, store: store, facts: facts,
            settings: settings, platform: platform)
        do {
            let result = try await body(server)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// The application under test, as `serve` builds it.
    func application() -> some ApplicationProtocol {
        var logger = Logger(label: "switchboard-test")
        logger.logLevel = .critical
        return buildApplication(ServerConfiguration(publicFolder: publicFolder.path), platform: platform, logger: logger)
    }

    /// Drives the application with HummingbirdTesting (in-process router by default).
    func test(_ setup: TestingSetup = .router, _ body: @escaping @Sendable (API) async throws -> Void) async throws {
        let server = self
        try await application().test(setup) { client in try await body(API(client: client, server: server)) }
    }

    /// The agreement version in effect at the clock's moment.
    var agreementInEffect: String { facts.agreementInEffect(at: clock.now)?.version ?? "none" }

    /// The raw text of an account's data file.
    func accountFile(_ id: String) throws -> String {
        try String(contentsOf: dataDirectory.appendingPathComponent("accounts/\(id).json"), encoding: .utf8)
    }

    /// Every byte stored under the data folder, as text (to look for secrets that must not be there).
    func allDataText() throws -> String {
        var text = ""
        let enumerator = FileManager.default.enumerator(at: dataDirectory, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if let data = FileManager.default.contents(atPath: url.path) { text += String(decoding: data, as: UTF8.self) }
        }
        return text
    }

    /// The account as stored.
    func storedAccount(_ id: String) async throws -> Account {
        guard let account = try await store.account(id: id) else { throw HarnessError("account \(id) is not stored") }
        return account
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body` against a fresh test server standing at `moment`, driven in process (`.router`)
/// unless `setup` says otherwise.
func withAPI(
    at moment: Date = Moments.standard, _ setup: TestingSetup = .router, configure: (inout OperatorConfig) -> Void = { _ in },
    _ body: @escaping @Sendable (API) async throws -> Void
) async throws {
    try await TestServer.run(at: moment, configure: configure) { server in try await server.test(setup, body) }
}
