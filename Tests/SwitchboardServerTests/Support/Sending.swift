import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SwitchboardCore
import SwitchboardSite
import SwitchboardStore
import Testing

@testable import SwitchboardServer

/// Helpers of the send, carrier, package, bill and statistics tests: developers ready to send,
/// the money they hold, a carrier desk next to the router, and a server on a data folder that
/// outlives it (for restarts).
extension API {
    /// A developer with the given capabilities approved and, when `topUp` is given, that much on its balance.
    func sender(_ email: String, capabilities: [String] = ["sms"], topUp amount: String? = "10.00") async throws -> Developer {
        let developer = try await developer(email, name: "Sender \(email.prefix { $0 != "@" })")
        for capability in capabilities { try await grant(capability, to: developer) }
        if let amount {
            let answer = try await topUp(developer.id, amount: amount, reference: "top-up-\(developer.id)")
            guard answer.status == .created else { throw HarnessError("top-up failed: \(answer)") }
        }
        return developer
    }

    /// `POST /v1/sms` with the developer's API key.
    func sms(
        _ developer: Developer, to: String = "+8613900000001", body: String = "Your code is 1234", sign: String? = nil,
        key: String? = nil
    ) async throws -> Answer {
        var json: [String: Any] = ["to": to, "body": body]
        if let sign { json["sign"] = sign }
        var headers: HTTPFields = [:]
        if let key { headers[.idempotencyKey] = key }
        return try await post("/v1/sms", json, token: developer.key, headers: headers)
    }

    /// `POST /v1/calls` with the developer's API key.
    func call(
        _ developer: Developer, to: String = "+8613900000001", tts: String = "Your code is 1 2 3 4", minutes: Int? = nil
    ) async throws -> Answer {
        var json: [String: Any] = ["to": to, "tts": tts]
        if let minutes { json["estimatedMinutes"] = minutes }
        return try await post("/v1/calls", json, token: developer.key)
    }

    /// The developer's balance as `GET /v1/balance` shows it, e.g. `"9.9550"`.
    func balance(_ developer: Developer) async throws -> String? {
        try await get("/v1/balance", token: developer.key).string("balance")
    }

    /// Every ledger entry of the account, as stored, in the months from the clock's previous to its next.
    func ledger(_ developer: Developer) async throws -> [LedgerEntry] {
        let month = Timestamp(server.clock.now).month
        var entries: [LedgerEntry] = []
        for month in [month.previous, month, month.next] {
            entries += try await server.store.ledgerEntries(accountId: developer.id, month: month)
        }
        return entries
    }

    /// Every send of the account, as stored, in the months from the clock's previous to its next.
    func storedSends(_ developer: Developer) async throws -> [Send] {
        let month = Timestamp(server.clock.now).month
        var sends: [Send] = []
        for month in [month.previous, month, month.next] {
            sends += try await server.store.sends(accountId: developer.id, month: month)
        }
        return sends
    }

    /// Polls `GET /v1/sms/{id}` or `/v1/calls/{id}` until the send reaches a final status.
    func waitForFinal(_ path: String, _ developer: Developer, timeout: Duration = .seconds(10)) async throws -> Answer {
        let deadline = ContinuousClock.now + timeout
        while true {
            let answer = try await get(path, token: developer.key)
            if let status = answer.string("status").flatMap(SendStatus.init(rawValue:)), status.isFinal { return answer }
            guard ContinuousClock.now < deadline else { throw HarnessError("\(path) did not reach a final status: \(answer)") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Waits until `condition` holds, polling every 10 ms.
    func waitUntil(
        _ what: String, timeout: Duration = .seconds(10), _ condition: @Sendable () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw HarnessError("timed out waiting until \(what)") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}

extension Answer {
    /// A number field of the body (`segments`, `estimatedMinutes`, …).
    func int(_ key: String) -> Int? { json[key] as? Int }
}

extension TestServer {
    /// Operator settings for tests that watch the carrier: the simulator moves a status every
    /// few milliseconds, with the given rates.
    static func fastCarrier(
        deliveryRate: Double = 1, failureRate: Double = 0, noAnswerRate: Double = 0, seed: Int = 7
    ) -> (inout OperatorConfig) -> Void {
        { settings in
            settings.carrier = .init(
                seed: seed, delayMilliseconds: 3, deliveryRate: deliveryRate, failureRate: failureRate, noAnswerRate: noAnswerRate)
        }
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "switchboard-test-desk")
        logger.logLevel = .critical
        return logger
    }

    /// Runs `body` while a `CarrierDesk` records what the platform's carrier reports and a
    /// `WebhookDispatcher` posts callbacks, then stops both and waits for them to end (so the
    /// store is not closed under them).
    func withDesk<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        // As `serve` runs them: the desk hands status changes to the callback dispatcher.
        let dispatcher = WebhookDispatcher(
            platform: platform, settings: WebhookSettings(backoffBase: .milliseconds(50), timeout: .seconds(2)), logger: Self.quietLogger)
        let desk = CarrierDesk(platform: platform, logger: Self.quietLogger, webhooks: dispatcher)
        let tasks = [Task { try await dispatcher.run() }, Task { try await desk.run() }]
        func stop() async {
            for task in tasks { task.cancel() }
            for task in tasks { _ = await task.result }
        }
        do {
            let result = try await body()
            await stop()
            return result
        } catch {
            await stop()
            throw error
        }
    }

    /// Drives the application with a carrier desk running next to it.
    func testWithDesk(_ body: @escaping @Sendable (API) async throws -> Void) async throws {
        try await withDesk { try await test(.router, body) }
    }

    /// Opens a server on the data folder under `root` (created when missing), standing at the
    /// clock's moment, with `carrier` or the configured simulator. The caller closes `store` and
    /// removes `root`: a second server may open the same folder after the first one closed it.
    static func open(
        root: URL, clock: TestClock, carrier: (any Carrier)? = nil, configure: (inout OperatorConfig) -> Void = { _ in }
    ) async throws -> TestServer {
        let dataDirectory = root.appendingPathComponent("data")
        let publicFolder = root.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: publicFolder, withIntermediateDirectories: true)
        try Data("<!DOCTYPE html><title>Page not found</title>".utf8).write(to: publicFolder.appendingPathComponent("404.html"))
        let facts = try await SiteFacts.load(site: fixtureSite, now: clock.now)
        var settings = OperatorConfig(siteConfig: facts.config)
        settings.bcryptCost = 4
        configure(&settings)
        let store = try await FileStore.open(
            StoreConfiguration(directory: dataDirectory.path, createIfMissing: true, clock: { Timestamp(clock.now) }))
        let platform = try Platform(
            store: store, settings: settings, adminToken: adminToken, site: { facts }, clock: { clock.now }, carrier: carrier)
        return TestServer(
            root: root, dataDirectory: dataDirectory, publicFolder: publicFolder, clock: clock, store: store, facts: facts,
            settings: settings, platform: platform)
    }
}

/// Runs `body` against a fresh test server with a carrier desk running next to the router.
func withDeskAPI(
    at moment: Date = Moments.standard, configure: (inout OperatorConfig) -> Void = TestServer.fastCarrier(),
    _ body: @escaping @Sendable (API) async throws -> Void
) async throws {
    try await TestServer.run(at: moment, configure: configure) { server in try await server.testWithDesk(body) }
}

/// A carrier that takes every send and never reports anything: sends stay where they are, as
/// when the server stops before the carrier answered.
final class SilentCarrier: Carrier {
    let reports: AsyncStream<CarrierReport>
    private let continuation: AsyncStream<CarrierReport>.Continuation
    private let submitted = TestLocked<[CarrierMessage]>([])

    init() { (reports, continuation) = AsyncStream.makeStream(of: CarrierReport.self) }

    func submit(_ message: CarrierMessage, current: SendStatus) async { submitted.withLock { $0.append(message) } }

    var messages: [CarrierMessage] { submitted.withLock { $0 } }

    deinit { continuation.finish() }
}

/// A value behind a lock, for test doubles.
final class TestLocked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}

/// Moments the send tests use.
extension Moments {
    /// Inside the fixture's maintenance window (2026-12-08 01:00–03:00 in Shanghai).
    static let duringMaintenance = parse("2026-12-08T02:00:00+08:00")
    /// The moment the December price sheet takes effect (2026-12-10 00:00 in Shanghai).
    static let decemberPrices = parse("2026-12-10T00:00:00+08:00")
    /// A day with the December sheet (and its sms-1k package) in effect.
    static let packagesOffered = parse("2026-12-11T10:00:00+08:00")
}
