import Foundation
import SwitchboardCore

/// The result of `DataChecker.check`: every problem with its path and line, warnings, and counts.
public struct DataCheckReport: Sendable {
    public var directory: String
    /// Each makes the check fail (exit 1).
    public var problems: [DataProblem]
    /// Worth knowing, not failing: e.g. a torn tail the next start will cut off.
    public var warnings: [DataProblem]
    /// How many accounts, sends, ledger entries, … were read.
    public var counts: [(what: String, count: Int)]

    /// No problems.
    public var isClean: Bool { problems.isEmpty }

    /// The report as the command line prints it: one `path:line: error: …` per problem, then a summary.
    public func rendered() -> String {
        var lines = problems.map { problem -> String in
            problem.line.map { "\(problem.path):\($0): error: \(problem.message)" } ?? "\(problem.path): error: \(problem.message)"
        }
        lines += warnings.map { warning -> String in
            warning.line.map { "\(warning.path):\($0): warning: \(warning.message)" } ?? "\(warning.path): warning: \(warning.message)"
        }
        let summary = counts.map { "\($0.count) \($0.what)" }.joined(separator: ", ")
        let verdict = problems.isEmpty ? "ok" : "\(problems.count) problem\(problems.count == 1 ? "" : "s")"
        lines.append("check \(directory): \(summary): \(verdict)")
        if !problems.isEmpty { lines.append(StoreError.repairAdvice) }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `switchboard check --data DIR`: reads every file under a data directory without changing
/// anything and verifies the format and the invariants docs/data-format.md lists.
public enum DataChecker {
    /// Checks `directory`. Takes no lock and writes nothing, so it may run beside a server
    /// (a torn tail seen mid-append is then reported as a warning).
    public static func check(directory: String) -> DataCheckReport {
        let layout = DataLayout(root: directory)
        var checker = Checker(layout: layout)
        checker.run()
        return DataCheckReport(
            directory: layout.root, problems: checker.problems, warnings: checker.warnings,
            counts: [
                ("accounts", checker.accounts.count), ("sends", checker.sends.count),
                ("status changes", checker.statusCount), ("ledger entries", checker.ledgerIds.count),
                ("idempotency records", checker.idempotencyKeys.count), ("opt-outs", checker.optOutCount),
                ("bills", checker.billCount), ("callback attempts", checker.webhookCount),
            ])
    }

    /// A decoding error in one line of words (which field, what was wrong).
    static func explain(_ error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return keys.isEmpty ? "" : " at \(keys)"
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context): return "missing field '\(key.stringValue)'\(path(context))"
        case DecodingError.typeMismatch(_, let context): return "wrong type\(path(context)): \(context.debugDescription)"
        case DecodingError.valueNotFound(_, let context): return "null value\(path(context))"
        case DecodingError.dataCorrupted(let context): return "invalid value\(path(context)): \(context.debugDescription)"
        default: return "\(error)"
        }
    }
}

/// The state of one check run.
private struct Checker {
    let layout: DataLayout
    let decoder = JSONDecoder()
    var problems: [DataProblem] = []
    var warnings: [DataProblem] = []
    var accounts: [String: Account] = [:]
    var sends: [String: (accountId: String, channel: Channel, last: StatusChange)] = [:]
    var statusCount = 0
    var ledgerIds: Set<String> = []
    var topUpReferences: Set<String> = []
    var balances: [String: Money] = [:]
    /// Sum of ledger amounts by account and month, for bills.
    var monthly: [String: [YearMonth: Money]] = [:]
    var idempotencyKeys: Set<AccountScopedKey> = []
    var optOutCount = 0
    var billCount = 0
    var webhookCount = 0
    /// The latest attempt number of each callback event.
    var webhookAttempts: [String: Int] = [:]

    init(layout: DataLayout) { self.layout = layout }

    mutating func run() {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: layout.root, isDirectory: &isDirectory), isDirectory.boolValue else {
            problems.append(DataProblem(path: layout.root, message: "is not a directory"))
            return
        }
        checkVersion()
        checkAccounts()
        let cacheSeq = balanceCache()
        checkJournal(cacheSeq: cacheSeq)
        checkBills()
    }

    mutating func checkVersion() {
        guard let bytes = try? FileIO.read(layout.version) else {
            problems.append(DataProblem(path: layout.version, message: "is missing or unreadable: every data directory names its schema version"))
            return
        }
        let found = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if found != String(DataLayout.schemaVersion) {
            problems.append(DataProblem(path: layout.version, line: 1, message: "schema version '\(found)', this switchboard reads \(DataLayout.schemaVersion)"))
        }
    }

    mutating func checkAccounts() {
        accounts = layout.loadAccounts(removeLeftovers: false, problems: &problems, warnings: &warnings)
    }

    mutating func decode<T: Decodable>(_ type: T.Type, path: String) -> T? {
        do {
            return try decoder.decode(T.self, from: Data(FileIO.read(path)))
        } catch let error as StoreError {
            problems.append(DataProblem(path: path, message: error.description))
        } catch {
            problems.append(DataProblem(path: path, message: "does not parse: \(DataChecker.explain(error))"))
        }
        return nil
    }

    mutating func balanceCache() -> BalanceCache? {
        guard FileIO.exists(layout.balances) else { return nil }
        return decode(BalanceCache.self, path: layout.balances)
    }

    /// One decoded journal record waiting for the rest of its commit.
    enum Decoded {
        case send(Send)
        case ledger(LedgerEntry)
        case status(SendStatusUpdate)
        case idempotency(IdempotencyRecord)
        case optOut(OptOutRecord)
        case webhook(WebhookAttempt)
    }

    mutating func checkJournal(cacheSeq: BalanceCache?) {
        let (names, lastNonEmpty) = layout.journalFiles(problems: &problems)
        var expectedSeq: UInt64 = 1
        var cachedBalances: [String: Money]? = cacheSeq?.throughSeq == 0 ? [:] : nil
        for (position, (_, path)) in names.enumerated() {
            var group: [(Decoded, Int)] = []
            var journalProblems: [DataProblem] = []
            var copy = self
            let reader = JournalReader(path: path, isLast: position == lastNonEmpty)
            let outcome = reader.scan(expectedSeq: &expectedSeq, problems: &journalProblems) { line, scanner in
                let data = Data(UnsafeRawBufferPointer(rebasing: scanner.bytes[line.record]))
                do {
                    switch line.kind {
                    case .send: group.append((.send(try copy.decoder.decode(Send.self, from: data)), line.number))
                    case .ledger: group.append((.ledger(try copy.decoder.decode(LedgerEntry.self, from: data)), line.number))
                    case .status: group.append((.status(try copy.decoder.decode(SendStatusUpdate.self, from: data)), line.number))
                    case .idempotency: group.append((.idempotency(try copy.decoder.decode(IdempotencyRecord.self, from: data)), line.number))
                    case .optOut: group.append((.optOut(try copy.decoder.decode(OptOutRecord.self, from: data)), line.number))
                    case .webhook: group.append((.webhook(try copy.decoder.decode(WebhookAttempt.self, from: data)), line.number))
                    }
                } catch {
                    return "a \(line.kind.rawValue) record does not parse: \(DataChecker.explain(error))"
                }
                guard line.more == 0 else { return nil }
                for (record, number) in group { copy.apply(record, path: path, line: number) }
                group.removeAll()
                copy.checkBalancesNotNegative(path: path, line: line.number)
                if line.seq == cacheSeq?.throughSeq { cachedBalances = copy.balances }
                return nil
            }
            self = copy
            problems += journalProblems
            if let torn = outcome.tornTail { warnings.append(DataProblem(path: torn.path, line: torn.line, message: torn.message + "; the next start cuts it off")) }
        }
        if let cache = cacheSeq {
            FileStore.compare(cache, with: cachedBalances, lastSeq: expectedSeq - 1, path: layout.balances, problems: &problems)
        }
    }

    /// Balances touched by the last commit must not be negative (BILL-2).
    mutating func checkBalancesNotNegative(path: String, line: Int) {
        for (account, balance) in pendingBalanceCheck where balance < .zero {
            problems.append(DataProblem(path: path, line: line, message: "account \(account)'s balance goes negative (\(balance)) (BILL-2)"))
        }
        pendingBalanceCheck = [:]
    }

    var pendingBalanceCheck: [String: Money] = [:]

    mutating func apply(_ record: Decoded, path: String, line: Int) {
        func problem(_ message: String) { problems.append(DataProblem(path: path, line: line, message: message)) }
        switch record {
        case .send(let send):
            for message in send.problems() { problem("send \(send.id): \(message)") }
            if accounts[send.accountId] == nil { problem("send \(send.id) belongs to account \(send.accountId), which does not exist") }
            if sends[send.id] != nil { problem("send \(send.id) is stored twice") }
            if let last = send.statusHistory.last { sends[send.id] = (send.accountId, send.channel, last) }
        case .status(let update):
            statusCount += 1
            guard let send = sends[update.sendId] else {
                problem("status \(update.change.status.rawValue) for send \(update.sendId), which is not stored before it")
                return
            }
            if !send.last.status.canMove(to: update.change.status, channel: send.channel) {
                problem("send \(update.sendId) moves from \(send.last.status.rawValue) to \(update.change.status.rawValue): statuses only move forward")
            } else if update.change.at < send.last.at {
                problem("send \(update.sendId): status \(update.change.status.rawValue) is dated before \(send.last.status.rawValue)")
            }
            sends[update.sendId]?.last = update.change
        case .ledger(let entry):
            for message in entry.problems() { problem("ledger entry \(entry.id): \(message)") }
            if accounts[entry.accountId] == nil { problem("ledger entry \(entry.id) belongs to account \(entry.accountId), which does not exist") }
            if !ledgerIds.insert(entry.id).inserted { problem("ledger entry \(entry.id) is stored twice") }
            if let sendId = entry.sendId, sends[sendId] == nil {
                problem("ledger entry \(entry.id) (\(entry.kind.rawValue)) refers to send \(sendId), which does not exist")
            }
            if entry.kind == .topUp, let reference = entry.reference,
                !topUpReferences.insert(entry.accountId + "\u{0}" + reference).inserted
            {
                problem("top-up reference \(reference) of account \(entry.accountId) is recorded twice (BILL-2)")
            }
            balances[entry.accountId, default: .zero] += entry.amount
            pendingBalanceCheck[entry.accountId] = balances[entry.accountId]
            monthly[entry.accountId, default: [:]][entry.at.month, default: .zero] += entry.amount
        case .idempotency(let record):
            if accounts[record.accountId] == nil { problem("idempotency record of account \(record.accountId), which does not exist") }
            if !idempotencyKeys.insert(AccountScopedKey(accountId: record.accountId, key: record.key)).inserted {
                problem("idempotency key '\(record.key)' of account \(record.accountId) is used twice")
            }
        case .optOut(let record):
            optOutCount += 1
            if accounts[record.accountId] == nil { problem("opt-out for account \(record.accountId), which does not exist") }
        case .webhook(let attempt):
            webhookCount += 1
            for message in attempt.problems() { problem("callback event \(attempt.eventId): \(message)") }
            if accounts[attempt.accountId] == nil { problem("callback event \(attempt.eventId) of account \(attempt.accountId), which does not exist") }
            if let send = sends[attempt.sendId] {
                if send.accountId != attempt.accountId {
                    problem("callback event \(attempt.eventId) of account \(attempt.accountId) is about send \(attempt.sendId) of account \(send.accountId)")
                }
            } else {
                problem("callback event \(attempt.eventId) refers to send \(attempt.sendId), which is not stored before it")
            }
            if let previous = webhookAttempts[attempt.eventId] {
                if attempt.attempt <= previous { problem("callback event \(attempt.eventId): attempt \(attempt.attempt) after attempt \(previous)") }
            } else if attempt.attempt != 0 {
                problem("callback event \(attempt.eventId): attempt \(attempt.attempt) without the event being queued (attempt 0) before it")
            }
            webhookAttempts[attempt.eventId] = attempt.attempt
        }
    }

    mutating func checkBills() {
        for accountId in FileIO.list(layout.bills) {
            let folder = layout.bills + "/" + accountId
            for name in FileIO.list(folder) {
                let path = folder + "/" + name
                guard name.hasSuffix(".json"), let month = YearMonth(name.dropLast(5)) else {
                    if !(name.hasPrefix(".") && name.hasSuffix(".tmp")) {
                        problems.append(DataProblem(path: path, message: "unexpected file in bills/ (only <account>/<YYYY-MM>.json belongs here)"))
                    }
                    continue
                }
                guard let bill = decode(MonthlyBill.self, path: path) else { continue }
                billCount += 1
                if bill.accountId != accountId || bill.month != month {
                    problems.append(DataProblem(path: path, message: "holds the bill of \(bill.accountId) for \(bill.month), not \(accountId) for \(month)"))
                    continue
                }
                if accounts[accountId] == nil { problems.append(DataProblem(path: path, message: "bill of account \(accountId), which does not exist")) }
                if !bill.reconciles {
                    problems.append(DataProblem(path: path, message: "opening balance + credits + lines ≠ closing balance (BILL-1)"))
                }
                let sums = monthly[accountId] ?? [:]
                let opening = sums.filter { $0.key < month }.values.reduce(Money.zero, +)
                let closing = opening + (sums[month] ?? .zero)
                if bill.openingBalance != opening || bill.closingBalance != closing {
                    problems.append(DataProblem(path: path, message: "bill says \(bill.openingBalance) → \(bill.closingBalance), the ledger says \(opening) → \(closing) (BILL-1)"))
                }
            }
        }
    }
}
