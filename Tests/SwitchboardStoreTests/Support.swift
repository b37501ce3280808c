import Foundation
import Testing
import SwitchboardCore
@testable import SwitchboardStore

/// A fresh directory under /tmp, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("store-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    var data: String { path + "/data" }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A clock tests set by hand.
final class TestClock: Sendable {
    private let now: Locked<Timestamp>
    init(_ start: Timestamp) { now = Locked(start) }
    func read() -> Timestamp { now.withLock { $0 } }
    func set(_ value: Timestamp) { now.withLock { $0 = value } }
}

/// Collects warnings the store reports.
final class WarningLog: Sendable {
    private let items = Locked<[DataProblem]>([])
    func append(_ problem: DataProblem) { items.withLock { $0.append(problem) } }
    var all: [DataProblem] { items.withLock { $0 } }
}

let november = Timestamp("2026-11-10T09:00:00.000Z")!

func configuration(_ directory: String, clock: TestClock? = nil, faults: IOFaults = .none, warnings: WarningLog? = nil, lockTimeout: Duration = .seconds(2)) -> StoreConfiguration {
    StoreConfiguration(
        directory: directory, lockTimeout: lockTimeout, createIfMissing: true,
        clock: { clock?.read() ?? november }, faults: faults, warn: { warnings?.append($0) })
}

func makeAccount(_ id: String, email: String? = nil, keyHash: String? = nil) -> Account {
    Account(
        id: id, email: email ?? "\(id)@example.com", entityType: .individual, profile: AccountProfile(displayName: id),
        apiKeys: keyHash.map { [APIKeyRecord(id: "key_\(id)", hash: $0, prefix: "sk_test_", createdAt: november)] } ?? [],
        createdAt: november)
}

func topUp(_ account: String, _ amount: String, reference: String, at: Timestamp = november) -> LedgerEntry {
    LedgerEntry(id: "led_\(reference)", accountId: account, at: at, kind: .topUp, amount: Money(amount)!, method: "alipay", reference: reference)
}

func sms(_ id: String, account: String, at: Timestamp = november, price: String = "0.0450") -> Send {
    Send(
        id: id, accountId: account, channel: .sms, to: "+8613800138000", body: "【Acme】hello", segments: 1, price: Money(price)!,
        createdAt: at, statusHistory: [StatusChange(status: .queued, at: at)])
}

func charge(for send: Send) -> LedgerEntry {
    LedgerEntry(id: "led_\(send.id)", accountId: send.accountId, at: send.createdAt, kind: .charge, amount: -send.price, service: "sms", sendId: send.id)
}

/// How the behavioural tests get a `Store`: each backend runs the same tests. A PostgreSQL
/// backend adds itself to `all` (opening a fresh schema per directory name) and must pass them.
struct StoreBackend: Sendable, CustomTestStringConvertible {
    var name: String
    /// Opens (or reopens) the store kept under `directory`.
    var open: @Sendable (_ directory: String) async throws -> any Store
    /// The backend's own consistency check of what it stored (for files: `check --data`).
    var problems: @Sendable (_ directory: String) -> [String]

    var testDescription: String { name }

    static let files = StoreBackend(
        name: "FileStore", open: { try await FileStore.open(configuration($0)) },
        problems: { DataChecker.check(directory: $0).problems.map(\.description) })
    static let all: [StoreBackend] = [.files]
}

/// Opens a store of `backend` with one funded account `acc_1` (balance 10.0000).
func openFunded(_ backend: StoreBackend, _ directory: TemporaryDirectory) async throws -> any Store {
    let store = try await backend.open(directory.data)
    _ = try await store.createAccount(makeAccount("acc_1"))
    try await store.appendLedger([topUp("acc_1", "10", reference: "pay_1")])
    return store
}

/// Opens a store with one funded account `acc_1` (balance 10.0000).
func openFunded(_ directory: TemporaryDirectory, clock: TestClock? = nil) async throws -> FileStore {
    let store = try await FileStore.open(configuration(directory.data, clock: clock))
    _ = try await store.createAccount(makeAccount("acc_1"))
    try await store.appendLedger([topUp("acc_1", "10", reference: "pay_1")])
    return store
}

/// The journal file of November 2026 in a test data directory.
func novemberJournal(_ directory: TemporaryDirectory) -> String { directory.data + "/journal/2026-11.jsonl" }

func lines(of path: String) throws -> [String] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

func write(_ lines: [String], to path: String) throws {
    try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
}


