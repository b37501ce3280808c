/// One thing wrong in `data/`, located by path and (for JSON Lines files) line number.
public struct DataProblem: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// 1-based; `nil` for a problem with a whole file.
    public var line: Int?
    public var message: String

    public init(path: String, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: message`, the form editors and CI logs link.
    public var description: String { line.map { "\(path):\($0): \(message)" } ?? "\(path): \(message)" }
}

/// Everything the store can refuse or fail with. `description` is written for the operator:
/// what happened, where, and what to do.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// Another process holds `data/.lock` and did not let go within the wait.
    case locked(path: String, holderPID: Int32?, waitedSeconds: Double)
    /// `data/` is damaged somewhere other than a torn last line; the store refuses to open.
    case damaged([DataProblem])
    /// `data/VERSION` names a schema this build does not read.
    case wrongSchemaVersion(path: String, found: String, expected: Int)
    /// The directory is missing or is not a Switchboard data directory.
    case notADataDirectory(path: String, reason: String)
    /// A system call failed without endangering acknowledged data (nothing was changed).
    case io(path: String, operation: String, errno: Int32)
    /// A write or fsync of acknowledged-to-be data failed: the store has stopped and must be
    /// reopened (which replays the log). It never retries and carries on.
    case fatal(String)
    /// The store was closed.
    case closed
    /// The commit would take the balance below zero (BILL-2); nothing was written.
    case insufficientBalance(accountId: String, balance: Money, shortBy: Money)
    /// The idempotency key was used before by this account; the first record is returned.
    case idempotencyKeyUsed(IdempotencyRecord)
    /// A top-up with this account and external reference is already recorded (BILL-2); the
    /// first entry is returned so the caller can answer as it did the first time.
    case topUpRecorded(LedgerEntry)
    /// The write contradicts what is stored (duplicate id or email, unknown send, backward status…).
    case conflict(String)
    /// No record with that id.
    case notFound(String)
    /// The record is invalid on its own.
    case invalidRecord(String)

    public var description: String {
        switch self {
        case .locked(let path, let pid, let waited):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return "\(path) is locked by \(holder) (waited \(waited) s). Another switchboard command is "
                + "using this data directory; stop it or wait for it to finish, then try again."
        case .damaged(let problems):
            let lines = problems.prefix(20).map { "  \($0)" }.joined(separator: "\n")
            let more = problems.count > 20 ? "\n  … and \(problems.count - 20) more" : ""
            return "the data directory is damaged; refusing to start so nothing is overwritten:\n\(lines)\(more)\n"
                + Self.repairAdvice
        case .wrongSchemaVersion(let path, let found, let expected):
            return "\(path): schema version '\(found)', but this switchboard reads version \(expected). "
                + "Use the switchboard release that wrote this data, or migrate it first."
        case .notADataDirectory(let path, let reason):
            return "\(path): not a switchboard data directory (\(reason))."
        case .io(let path, let operation, let code):
            return "\(path): \(operation) failed: \(StoreError.describe(errno: code)); nothing was changed."
        case .fatal(let message):
            return "the store stopped after a failed write: \(message). Acknowledged data is safe on disk; "
                + "restart to replay the log (check free space and the disk first)."
        case .closed:
            return "the store is closed"
        case .insufficientBalance(let account, let balance, let short):
            return "account \(account) has a balance of \(balance), short by \(short)"
        case .idempotencyKeyUsed(let record):
            return "idempotency key '\(record.key)' was already used by account \(record.accountId)"
        case .topUpRecorded(let entry):
            return "top-up reference '\(entry.reference ?? "")' of account \(entry.accountId) is already recorded as \(entry.id)"
        case .conflict(let message), .notFound(let message), .invalidRecord(let message):
            return message
        }
    }

    /// How to repair a damaged data directory, printed with every `.damaged` error and by `check --data`.
    public static let repairAdvice = """
        To repair: restore the named files from a backup. If no backup has them, keep a copy of \
        the data directory, stop every switchboard process using it, and run \
        `switchboard check --data DIR --repair`: it drops the damaged lines with the rest of \
        their commits (the records on them are lost; it saves them under repaired/), renumbers \
        the journal, then run `switchboard check --data DIR` until it reports no problems.
        """

    static func describe(errno code: Int32) -> String {
        String(cString: strerror(code)) + " (errno \(code))"
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import SwitchboardCore
