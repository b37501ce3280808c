import Foundation
import SwitchboardCore

/// How to open a `FileStore`.
public struct StoreConfiguration: Sendable {
    /// The data directory, e.g. `data`.
    public var directory: String
    /// How long to wait for another process to release `data/.lock` before failing.
    public var lockTimeout: Duration
    /// Create an empty data directory (with `VERSION`) when there is none.
    public var createIfMissing: Bool
    /// The clock that dates journal files; injected so tests can cross month boundaries.
    public var clock: @Sendable () -> Timestamp
    /// Write faults to inject (tests only).
    public var faults: IOFaults
    /// Receives warnings such as a torn tail that was cut off; prints to standard error by default.
    public var warn: @Sendable (DataProblem) -> Void

    public init(
        directory: String, lockTimeout: Duration = .seconds(5), createIfMissing: Bool = false,
        clock: @escaping @Sendable () -> Timestamp = { Timestamp(Date()) }, faults: IOFaults = .none,
        warn: @escaping @Sendable (DataProblem) -> Void = { FileHandle.standardError.write(Data("warning: \($0)\n".utf8)) }
    ) {
        self.directory = directory
        self.lockTimeout = lockTimeout
        self.createIfMissing = createIfMissing
        self.clock = clock
        self.faults = faults
        self.warn = warn
    }
}

/// The balance cache in `data/balances.json`: every account's balance after journal line
/// `throughSeq`, written at a clean close and checked against the ledger at the next start.
struct BalanceCache: Codable, Sendable {
    var throughSeq: UInt64
    var balances: [String: Money]
}
