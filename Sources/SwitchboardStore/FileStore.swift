import Dispatch
import Foundation
import SwitchboardCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The flat-file `Store`: one actor per process owns `data/` (under an exclusive flock) and
/// is its only writer.
///
/// Commits become journal lines appended to `journal/<YYYY-MM>.jsonl` with group commit:
/// commits that arrive while an `fdatasync` runs are written together with one `write` and
/// made durable by the next one, so throughput grows with concurrency. Accounts and bills are
/// small files replaced whole. Indexes are rebuilt from the files at `open`.
///
/// Reads see a commit as soon as it is accepted (before its fsync finishes). If a write or
/// fsync of the journal fails, the store stops (`StoreError.fatal`) and must be reopened.
public actor FileStore: Store {
    public nonisolated let layout: DataLayout
    /// Warnings found at open (e.g. a torn tail that was cut off).
    public nonisolated let warnings: [DataProblem]

    private struct JournalFile {
        var month: YearMonth
        var path: String
        var fd: Int32
        /// Logical end: durable bytes plus those queued for the next flush.
        var end: Int64
    }

    private let configuration: StoreConfiguration
    private let io: FileIO
    private let lock: DataLock
    private var index: StoreIndex
    private var accounts: [String: Account]
    private var accountByEmail: [String: String] = [:]
    private var accountByKeyHash: [String: String] = [:]
    private var accountBySessionHash: [String: String] = [:]
    private var files: [JournalFile]
    private var fileByMonth: [YearMonth: UInt32] = [:]
    private var nextSeq: UInt64
    private let flusher: JournalFlusher
    /// Why the store stopped (a failed journal or folder sync), if it did.
    private var failure: String?
    private var isClosed = false
    private let encoder = JournalLine.encoder()
    private let decoder = JSONDecoder()

    // MARK: Opening

    /// Opens the data directory: takes the lock (waiting up to `lockTimeout`), checks
    /// `VERSION`, loads accounts, replays the journal into the indexes, cuts a torn tail off
    /// with a warning, and checks the balance cache. Throws `.damaged` listing every problem
    /// (path and line) when anything else is wrong, and then changes nothing (beyond removing
    /// temporary files an interrupted replacement left). `createIfMissing` starts an empty
    /// directory; `switchboard serve` should pass it only for a directory it may create.
    /// Replaying blocks the calling thread (about 2 s per million sends): open before serving,
    /// e.g. in Hummingbird's `processesRunBeforeServerStart`.
    public static func open(_ configuration: StoreConfiguration) async throws -> FileStore {
        let layout = DataLayout(root: configuration.directory)
        let io = FileIO(faults: configuration.faults)
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: layout.root, isDirectory: &isDirectory) {
            guard configuration.createIfMissing else {
                throw StoreError.notADataDirectory(path: layout.root, reason: "it does not exist")
            }
            try io.makeDirectories(layout.root)
        } else if !isDirectory.boolValue {
            throw StoreError.notADataDirectory(path: layout.root, reason: "it is a file")
        }
        let lock = try DataLock(path: layout.lock, timeout: configuration.lockTimeout)
        do {
            return try FileStore(configuration: configuration, layout: layout, io: io, lock: lock)
        } catch {
            lock.release()
            throw error
        }
    }

    private init(configuration: StoreConfiguration, layout: DataLayout, io: FileIO, lock: DataLock) throws {
        self.configuration = configuration
        self.layout = layout
        self.io = io
        self.lock = lock
        let warn = configuration.warn
        let root = layout.root
        self.flusher = JournalFlusher(io: io) { message in warn(DataProblem(path: root, message: "store stopped: \(message)")) }
        try Self.prepareSchema(layout, io: io)
        var problems: [DataProblem] = []
        var warnings: [DataProblem] = []

        // Accounts, and leftovers of interrupted replacements elsewhere.
        let loaded = layout.loadAccounts(removeLeftovers: true, problems: &problems, warnings: &warnings)
        layout.removeLeftovers(in: layout.journal, warnings: &warnings)
        self.accounts = loaded

        // Journal.
        let cache: BalanceCache?
        if FileIO.exists(layout.balances) {
            do {
                cache = try JSONDecoder().decode(BalanceCache.self, from: Data(FileIO.read(layout.balances)))
            } catch {
                problems.append(DataProblem(path: layout.balances, message: "does not parse: \(DataChecker.explain(error))"))
                cache = nil
            }
        } else {
            cache = nil
        }
        let replay = JournalReplay.run(layout, balanceCacheSeq: cache?.throughSeq, problems: &problems)
        self.index = replay.index
        self.nextSeq = replay.nextSeq
        if let cache {
            Self.compare(cache, with: replay.cachedBalances, lastSeq: replay.nextSeq - 1, path: layout.balances, problems: &problems)
        }
        guard problems.isEmpty else { throw StoreError.damaged(problems) }

        // Cut a torn tail now that nothing else is wrong.
        // (The torn file is the newest non-empty one; an empty newer month may follow it.)
        if let torn = replay.tornTail, let file = replay.files.first(where: { $0.path == torn.path }) {
            let fd = Glibc.open(file.path, O_RDWR | O_CLOEXEC)
            guard fd >= 0 else { throw StoreError.io(path: file.path, operation: "open", errno: errno) }
            defer { Glibc.close(fd) }
            guard ftruncate(fd, off_t(file.validEnd)) == 0 else {
                throw StoreError.io(path: file.path, operation: "truncate torn tail", errno: errno)
            }
            try io.sync(fd, path: file.path)
            warnings.append(torn)
        }
        self.warnings = warnings
        for warning in warnings { configuration.warn(warning) }

        var files: [JournalFile] = []
        for scanned in replay.files {
            let fd = Glibc.open(scanned.path, O_RDWR | O_APPEND | O_CLOEXEC)
            guard fd >= 0 else {
                let code = errno
                for file in files { Glibc.close(file.fd) }
                throw StoreError.io(path: scanned.path, operation: "open", errno: code)
            }
            fileByMonth[scanned.month] = UInt32(files.count)
            files.append(JournalFile(month: scanned.month, path: scanned.path, fd: fd, end: scanned.validEnd))
        }
        self.files = files
        for account in loaded.values {
            accountByEmail[account.email.lowercased()] = account.id
            for hash in account.activeKeyHashes { accountByKeyHash[hash] = account.id }
            for session in account.sessions where session.revokedAt == nil { accountBySessionHash[session.tokenHash] = account.id }
        }
    }

    /// Starts an empty directory (writing `VERSION`) and checks the schema version. A
    /// non-empty directory without `VERSION` is refused: it is not ours to write into.
    private static func prepareSchema(_ layout: DataLayout, io: FileIO) throws {
        if !FileIO.exists(layout.version) {
            guard FileIO.list(layout.root).allSatisfy({ $0.hasPrefix(".") }) else {
                throw StoreError.notADataDirectory(path: layout.root, reason: "it is not empty and has no VERSION file")
            }
            try io.replaceFile(at: layout.version, with: Array(DataLayout.versionFileContent.utf8))
        }
        let found = String(decoding: try FileIO.read(layout.version), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard found == String(DataLayout.schemaVersion) else {
            throw StoreError.wrongSchemaVersion(path: layout.version, found: found, expected: DataLayout.schemaVersion)
        }
        for folder in [layout.accounts, layout.journal, layout.bills] { try io.makeDirectories(folder) }
    }

    static func compare(_ cache: BalanceCache, with ledger: [String: Money]?, lastSeq: UInt64, path: String, problems: inout [DataProblem])
    {
        guard let ledger else {
            problems.append(
                DataProblem(
                    path: path,
                    message:
                        "was written after journal line \(cache.throughSeq), but the journal ends at line \(lastSeq): acknowledged journal lines are missing"
                ))
            return
        }
        for account in Set(cache.balances.keys).union(ledger.keys).sorted() {
            let cached = cache.balances[account] ?? .zero
            let summed = ledger[account] ?? .zero
            if cached != summed {
                problems.append(
                    DataProblem(
                        path: path,
                        message: "account \(account): cached balance \(cached) at seq \(cache.throughSeq), but its ledger sums to \(summed)"
                    ))
            }
        }
    }

    // MARK: Accounts

    public func createAccount(_ account: Account) async throws -> Account {
        try ensureOpen()
        var account = account
        account.revision = 1
        try validate(account)
        guard accounts[account.id] == nil else { throw StoreError.conflict("account \(account.id) already exists") }
        try writeAccount(account)
        return account
    }

    public func updateAccount(id: String, _ change: @Sendable (inout Account) throws -> Void) async throws -> Account {
        try ensureOpen()
        guard let old = accounts[id] else { throw StoreError.notFound("no account \(id)") }
        var account = old
        try change(&account)
        guard account.id == id else { throw StoreError.invalidRecord("an account's id cannot change") }
        account.revision = old.revision + 1
        try validate(account)
        try writeAccount(account)
        return account
    }

    public func account(id: String) async throws -> Account? {
        try ensureOpen()
        return accounts[id]
    }

    public func account(email: String) async throws -> Account? {
        try ensureOpen()
        return accountByEmail[email.lowercased()].flatMap { accounts[$0] }
    }

    public func account(apiKeyHash: String) async throws -> Account? {
        try ensureOpen()
        return accountByKeyHash[apiKeyHash].flatMap { accounts[$0] }
    }

    public func account(sessionTokenHash: String) async throws -> Account? {
        try ensureOpen()
        return accountBySessionHash[sessionTokenHash].flatMap { accounts[$0] }
    }

    public func allAccounts() async throws -> [Account] {
        try ensureOpen()
        return accounts.values.sorted { $0.id < $1.id }
    }

    private func validate(_ account: Account) throws {
        if let problem = account.problems().first { throw StoreError.invalidRecord("account \(account.id): \(problem)") }
        guard DataLayout.isPlainName(account.id) else { throw StoreError.invalidRecord("account id '\(account.id)' cannot be a file name") }
        if let owner = accountByEmail[account.email.lowercased()], owner != account.id {
            throw StoreError.conflict("email \(account.email) belongs to account \(owner)")
        }
        for hash in account.apiKeys.map(\.hash) {
            if let owner = accountByKeyHash[hash], owner != account.id {
                throw StoreError.conflict("an API key hash belongs to account \(owner)")
            }
        }
    }

    private func writeAccount(_ account: Account) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let bytes = Array(try encoder.encode(account)) + [10]
        do {
            try io.replaceFile(at: layout.account(account.id), with: bytes)
        } catch StoreError.fatal(let message) {
            stop(message)
            throw StoreError.fatal(message)
        }
        if let old = accounts[account.id] { unindexAccount(old) }
        accounts[account.id] = account
        indexAccount(account)
    }

    private func indexAccount(_ account: Account) {
        accountByEmail[account.email.lowercased()] = account.id
        for hash in account.activeKeyHashes { accountByKeyHash[hash] = account.id }
        for session in account.sessions where session.revokedAt == nil { accountBySessionHash[session.tokenHash] = account.id }
    }

    private func unindexAccount(_ account: Account) {
        accountByEmail[account.email.lowercased()] = nil
        for key in account.apiKeys { accountByKeyHash[key.hash] = nil }
        for session in account.sessions { accountBySessionHash[session.tokenHash] = nil }
    }

    // MARK: Commits

    @discardableResult
    public func commit(_ transaction: StoreTransaction) async throws -> CommitReceipt {
        try ensureOpen()
        guard !transaction.isEmpty else { throw StoreError.invalidRecord("nothing to commit") }
        let (records, balances) = try check(transaction)

        // Encode every line of the commit; all go to the current month's file.
        let file = try journalFile(for: configuration.clock().month)
        let firstSeq = nextSeq
        var bytes: [UInt8] = []
        var locations: [LineLocation] = []
        var lines: [(LineLocation, [UInt8])] = []
        var offset = files[Int(file)].end
        for (position, (kind, json, _)) in records.enumerated() {
            let line = JournalLine.encode(
                seq: firstSeq + UInt64(position), kind: kind, more: records.count - 1 - position, recordJSON: json)
            let location = LineLocation(file: file, offset: offset)
            offset += Int64(line.count)
            locations.append(location)
            lines.append((location, line))
            bytes.append(contentsOf: line)
        }
        nextSeq += UInt64(records.count)
        files[Int(file)].end = offset
        for ((_, _, record), location) in zip(records, locations) {
            // Checked above, so applying cannot fail.
            _ = index.apply(record, at: location)
        }
        let receipt = CommitReceipt(firstSeq: firstSeq, lastSeq: nextSeq - 1, balances: balances)
        let target = files[Int(file)]
        return try await withCheckedThrowingContinuation { continuation in
            flusher.enqueue(
                JournalFlusher.Commit(
                    fd: target.fd, path: target.path, bytes: bytes, locations: locations, receipt: receipt, continuation: continuation),
                lines: lines)
        }
    }

    /// Validates a transaction against the indexes and encodes its records.
    private func check(_ transaction: StoreTransaction) throws -> ([(JournalKind, Data, IndexedRecord)], [String: Money]) {
        var records: [(JournalKind, Data, IndexedRecord)] = []
        var newSends: [String: (channel: Channel, status: SendStatus, at: Timestamp)] = [:]
        for send in transaction.sends {
            guard accounts[send.accountId] != nil else { throw StoreError.notFound("send \(send.id): no account \(send.accountId)") }
            guard DataLayout.isPlainName(send.id), index.sendNumber(send.id) == nil, newSends[send.id] == nil else {
                throw StoreError.conflict("send \(send.id) already exists")
            }
            if let problem = send.problems().first { throw StoreError.invalidRecord("send \(send.id): \(problem)") }
            guard let last = send.statusHistory.last else { throw StoreError.invalidRecord("send \(send.id) has no status") }
            newSends[send.id] = (send.channel, last.status, last.at)
            records.append(
                (
                    .send, Data(send.json),
                    .send(
                        id: send.id, accountId: send.accountId, month: send.createdAt.month, channel: send.channel, status: last.status,
                        lastAt: last.at)
                ))
        }
        for (sendId, change) in transaction.statusChanges {
            guard let current = newSends[sendId] ?? index.slot(ofSend: sendId).map({ ($0.channel, $0.status, $0.lastAt) }) else {
                throw StoreError.notFound("no send \(sendId)")
            }
            guard current.status.canMove(to: change.status, channel: current.channel), change.at >= current.at else {
                throw StoreError.conflict(
                    "send \(sendId) cannot move from \(current.status.rawValue) to \(change.status.rawValue) at \(change.at): statuses only move forward"
                )
            }
            newSends[sendId] = (current.channel, change.status, change.at)
            records.append(
                (
                    .status, Data(SendStatusUpdate(sendId: sendId, change: change).json),
                    .status(sendId: sendId, status: change.status, at: change.at)
                ))
        }
        var balances: [String: Money] = [:]
        var newReferences: Set<AccountScopedKey> = []
        for entry in transaction.ledgerEntries {
            guard accounts[entry.accountId] != nil else {
                throw StoreError.notFound("ledger entry \(entry.id): no account \(entry.accountId)")
            }
            if let problem = entry.problems().first { throw StoreError.invalidRecord("ledger entry \(entry.id): \(problem)") }
            if let sendId = entry.sendId, newSends[sendId] == nil, index.sendNumber(sendId) == nil {
                throw StoreError.notFound("ledger entry \(entry.id) refers to send \(sendId), which does not exist")
            }
            var topUpReference: String? = nil
            if entry.kind == .topUp, let reference = entry.reference {
                // Top-ups are idempotent on their external reference (BILL-2).
                if let existing = try topUpIfAny(accountId: entry.accountId, reference: reference) {
                    throw StoreError.topUpRecorded(existing)
                }
                guard newReferences.insert(AccountScopedKey(accountId: entry.accountId, key: reference)).inserted else {
                    throw StoreError.invalidRecord("top-up reference \(reference) appears twice in one commit")
                }
                topUpReference = reference
            }
            balances[entry.accountId] = (balances[entry.accountId] ?? index.balance(entry.accountId)) + entry.amount
            records.append(
                (
                    .ledger, Data(entry.json),
                    .ledger(accountId: entry.accountId, month: entry.at.month, amount: entry.amount, topUpReference: topUpReference)
                ))
        }
        for (account, balance) in balances where balance < .zero {
            throw StoreError.insufficientBalance(accountId: account, balance: index.balance(account), shortBy: -balance)
        }
        if let record = transaction.idempotency {
            guard accounts[record.accountId] != nil else { throw StoreError.notFound("idempotency record: no account \(record.accountId)") }
            if let existing = try idempotencyRecordIfAny(accountId: record.accountId, key: record.key) {
                throw StoreError.idempotencyKeyUsed(existing)
            }
            records.append((.idempotency, try encoder.encode(record), .idempotency(accountId: record.accountId, key: record.key)))
        }
        for optOut in transaction.optOuts {
            guard accounts[optOut.accountId] != nil else { throw StoreError.notFound("opt-out: no account \(optOut.accountId)") }
            records.append(
                (
                    .optOut, try encoder.encode(optOut),
                    .optOut(accountId: optOut.accountId, number: optOut.number, optedOut: optOut.optedOut)
                ))
        }
        var attemptNumbers: [String: (attempt: Int, pending: Bool)] = [:]
        for webhook in transaction.webhookAttempts {
            guard accounts[webhook.accountId] != nil else {
                throw StoreError.notFound("callback event \(webhook.eventId): no account \(webhook.accountId)")
            }
            guard newSends[webhook.sendId] != nil || index.sendNumber(webhook.sendId) != nil else {
                throw StoreError.notFound("callback event \(webhook.eventId) refers to send \(webhook.sendId), which does not exist")
            }
            if let problem = webhook.problems().first { throw StoreError.invalidRecord("callback event \(webhook.eventId): \(problem)") }
            // Each event is queued (attempt 0) once, then attempts follow while it is pending.
            let previous = try attemptNumbers[webhook.eventId] ?? latestWebhookAttempt(eventId: webhook.eventId, sendId: webhook.sendId)
            if let previous {
                guard webhook.attempt > previous.attempt, previous.pending else {
                    throw StoreError.conflict(
                        "callback event \(webhook.eventId): attempt \(webhook.attempt) cannot follow attempt \(previous.attempt)\(previous.pending ? "" : ", which finished it")"
                    )
                }
            } else if webhook.attempt != 0 {
                throw StoreError.notFound("callback event \(webhook.eventId) was never queued (attempt 0)")
            }
            attemptNumbers[webhook.eventId] = (webhook.attempt, webhook.isPending)
            let indexed = IndexedRecord.webhook(
                eventId: webhook.eventId, sendId: webhook.sendId, attempt: webhook.attempt, pending: webhook.isPending)
            records.append((.webhook, try encoder.encode(webhook), indexed))
        }
        return (records, balances)
    }

    /// The latest attempt number of a callback event, and whether it is still pending.
    private func latestWebhookAttempt(eventId: String, sendId: String) throws -> (attempt: Int, pending: Bool)? {
        if let pending = index.pendingWebhooks[eventId] { return (pending.attempt, true) }
        // A finished event (or none): its send's few records tell.
        var latest: (attempt: Int, pending: Bool)?
        for location in index.webhooksBySend[sendId] ?? [] {
            let record = try read(WebhookAttempt.self, at: location)
            if record.eventId == eventId { latest = (record.attempt, record.isPending) }
        }
        return latest
    }

    /// The file number of `month`'s journal, created (and its folder synced) when new.
    private func journalFile(for clockMonth: YearMonth) throws -> UInt32 {
        // Files are replayed in month order, so a clock stepping back must not send lines to
        // an older file than the newest one.
        let month = files.last.map { max($0.month, clockMonth) } ?? clockMonth
        if let number = fileByMonth[month] { return number }
        let path = layout.journal(month)
        let fd = Glibc.open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.io(path: path, operation: "create", errno: errno) }
        try io.syncDirectory(layout.journal)
        let number = UInt32(files.count)
        files.append(JournalFile(month: month, path: path, fd: fd, end: Int64(lseek(fd, 0, SEEK_END))))
        fileByMonth[month] = number
        return number
    }

    /// Stops the store for good after a failed write of an account, a bill or a folder.
    private func stop(_ message: String) {
        guard failure == nil else { return }
        failure = message
        configuration.warn(DataProblem(path: layout.root, message: "store stopped: \(message)"))
    }

    private func ensureOpen() throws {
        if let failure = failure ?? flusher.failure { throw StoreError.fatal(failure) }
        if isClosed { throw StoreError.closed }
    }

    // MARK: Reads

    public func balance(accountId: String) async throws -> Money {
        try ensureOpen()
        return index.balance(accountId)
    }

    public func send(id: String) async throws -> Send? {
        try ensureOpen()
        return try index.sendNumber(id).map { try send(at: $0) }
    }

    public func sends(accountId: String, month: YearMonth) async throws -> [Send] {
        try ensureOpen()
        return try (index.sendsByAccount[accountId]?[month] ?? []).map { try send(at: $0) }
    }

    public func sendsInFlight(accountId: String, month: YearMonth) async throws -> [Send] {
        try ensureOpen()
        // The index knows each send's status: only those not yet final are read.
        return try (index.sendsByAccount[accountId]?[month] ?? []).filter { !index.slots[Int($0)].status.isFinal }.map { try send(at: $0) }
    }

    public func sends(accountId: String, month: YearMonth, startingAfter: String?, limit: Int) async throws -> [Send] {
        try ensureOpen()
        let numbers = index.sendsByAccount[accountId]?[month] ?? []
        var start = 0
        if let cursor = startingAfter {
            // Slot numbers rise in commit order, so the cursor's position is a binary search away.
            guard let number = index.sendNumber(cursor) else { throw StoreError.notFound("no send \(cursor)") }
            var low = 0
            var high = numbers.count
            while low < high {
                let middle = (low + high) / 2
                if numbers[middle] <= number { low = middle + 1 } else { high = middle }
            }
            start = low
        }
        return try numbers[start..<min(numbers.count, start + max(0, limit))].map { try send(at: $0) }
    }

    public func sendCount(accountId: String, month: YearMonth) async throws -> Int {
        try ensureOpen()
        return index.sendsByAccount[accountId]?[month]?.count ?? 0
    }

    /// The send in index slot `number`, with its later status changes.
    private func send(at number: Int32) throws -> Send {
        let slot = index.slots[Int(number)]
        var send = try read(Send.self, at: slot.location)
        for location in index.updateLocations(of: slot) {
            send.statusHistory.append(try read(SendStatusUpdate.self, at: location).change)
        }
        return send
    }

    public func ledgerEntries(accountId: String, month: YearMonth) async throws -> [LedgerEntry] {
        try ensureOpen()
        return try (index.ledgerByAccount[accountId]?[month] ?? []).map { try read(LedgerEntry.self, at: $0) }
    }

    public func ledgerEntries(accountId: String, month: YearMonth, kinds: Set<LedgerEntry.Kind>) async throws -> [LedgerEntry] {
        try ensureOpen()
        var found: [LedgerEntry] = []
        for location in index.ledgerByAccount[accountId]?[month] ?? [] {
            let (line, record) = try recordBytes(at: location)
            // The kind is read in place; only the entries asked for are decoded.
            var kind: LedgerEntry.Kind?
            _ = line.withUnsafeBytes { bytes in
                let scanner = JSONScanner(bytes: bytes)
                return scanner.forEachMemberWhile(of: record) { key, value in
                    guard scanner.key(key, is: "kind") else { return true }
                    kind = scanner.enumValue(value, LedgerEntry.Kind.self)
                    return false
                }
            }
            guard let kind, kinds.contains(kind) else { continue }
            found.append(try decode(LedgerEntry.self, from: line[record], at: location))
        }
        return found
    }

    public func idempotencyRecord(accountId: String, key: String) async throws -> IdempotencyRecord? {
        try ensureOpen()
        return try idempotencyRecordIfAny(accountId: accountId, key: key)
    }

    private func idempotencyRecordIfAny(accountId: String, key: String) throws -> IdempotencyRecord? {
        try index.idempotency[AccountScopedKey(accountId: accountId, key: key)].map { try read(IdempotencyRecord.self, at: $0) }
    }

    public func topUp(accountId: String, reference: String) async throws -> LedgerEntry? {
        try ensureOpen()
        return try topUpIfAny(accountId: accountId, reference: reference)
    }

    private func topUpIfAny(accountId: String, reference: String) throws -> LedgerEntry? {
        try index.topUps[AccountScopedKey(accountId: accountId, key: reference)].map { try read(LedgerEntry.self, at: $0) }
    }

    public func isOptedOut(accountId: String, number: String) async throws -> Bool {
        try ensureOpen()
        return index.optOuts[accountId]?.contains(number) ?? false
    }

    public func webhookAttempts(sendId: String) async throws -> [WebhookAttempt] {
        try ensureOpen()
        return try (index.webhooksBySend[sendId] ?? []).map { try read(WebhookAttempt.self, at: $0) }
    }

    public func pendingWebhooks() async throws -> [WebhookAttempt] {
        try ensureOpen()
        let pending = try index.pendingWebhooks.values.map { try read(WebhookAttempt.self, at: $0.location) }
        return pending.sorted { ($0.nextAttemptAt ?? $0.at, $0.eventId) < ($1.nextAttemptAt ?? $1.at, $1.eventId) }
    }

    public func bill(accountId: String, month: YearMonth) async throws -> MonthlyBill? {
        try ensureOpen()
        let path = layout.bill(account: accountId, month: month)
        guard FileIO.exists(path) else { return nil }
        do {
            return try decoder.decode(MonthlyBill.self, from: Data(FileIO.read(path)))
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.damaged([DataProblem(path: path, message: "does not parse as a bill: \(DataChecker.explain(error))")])
        }
    }

    public func writeBill(_ bill: MonthlyBill) async throws {
        try ensureOpen()
        guard accounts[bill.accountId] != nil else { throw StoreError.notFound("no account \(bill.accountId)") }
        guard bill.reconciles else {
            throw StoreError.invalidRecord("bill \(bill.accountId) \(bill.month) does not add up to its closing balance")
        }
        let path = layout.bill(account: bill.accountId, month: bill.month)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try io.makeDirectories((path as NSString).deletingLastPathComponent)
            try io.replaceFile(at: path, with: Array(try encoder.encode(bill)) + [10])
        } catch StoreError.fatal(let message) {
            stop(message)
            throw StoreError.fatal(message)
        }
    }

    /// Reads one journal line (from the flush queue if not yet on disk) and decodes its record.
    private func read<T: Decodable>(_ type: T.Type, at location: LineLocation) throws -> T {
        let (line, record) = try recordBytes(at: location)
        return try decode(type, from: line[record], at: location)
    }

    /// The journal line at `location` (from the flusher if not yet written) and where its
    /// `record` member is in it.
    private func recordBytes(at location: LineLocation) throws -> (line: [UInt8], record: Range<Int>) {
        let file = files[Int(location.file)]
        var line: [UInt8]
        if let queued = flusher.unflushedLine(at: location) {
            line = queued
        } else {
            // Read until the newline: 1 KiB holds most lines; grow for longer ones.
            var size = 1024
            while true {
                line = [UInt8](repeating: 0, count: size)
                let count = line.withUnsafeMutableBytes { pread(file.fd, $0.baseAddress, $0.count, off_t(location.offset)) }
                guard count > 0 else { throw StoreError.io(path: file.path, operation: "read", errno: count < 0 ? errno : EIO) }
                if let newline = line[..<count].firstIndex(of: 10) {
                    line.removeSubrange((newline + 1)...)
                    break
                }
                guard count == size else { throw StoreError.io(path: file.path, operation: "read", errno: EIO) }
                size *= 4
            }
        }
        var record: Range<Int>? = nil
        let count = line.count - 1
        _ = line.withUnsafeBytes { bytes in
            let scanner = JSONScanner(bytes: bytes)
            return scanner.forEachMember(of: 0..<count) { key, value in
                if scanner.key(key, is: "record") { record = value }
            }
        }
        guard let record else {
            throw StoreError.damaged([DataProblem(path: file.path, message: "the line at byte \(location.offset) changed after start-up")])
        }
        return (line, record)
    }

    private func decode<T: Decodable>(_ type: T.Type, from bytes: ArraySlice<UInt8>, at location: LineLocation) throws -> T {
        do {
            return try decoder.decode(T.self, from: Data(bytes))
        } catch {
            throw StoreError.damaged([
                DataProblem(
                    path: files[Int(location.file)].path,
                    message: "the record at byte \(location.offset) does not decode: \(DataChecker.explain(error))")
            ])
        }
    }

    // MARK: Erasure (PRIV-1)

    /// Erases the text and recipient of the account's sends created before `cutoff` (and the
    /// stored answers of its idempotent requests from then, which may quote them), keeping
    /// every amount, status and date. Each journal month concerned is rewritten whole (temp
    /// file, fsync, rename, folder fsync) with the same `seq`s and fresh checksums, then the
    /// indexes are rebuilt. Returns how many records were erased. Other calls wait meanwhile.
    public func eraseMessageData(accountId: String, createdBefore cutoff: Timestamp) async throws -> Int {
        try ensureOpen()
        guard accounts[accountId] != nil else { throw StoreError.notFound("no account \(accountId)") }
        // Let queued commits reach the disk; from the last check on nothing suspends, so no
        // commit can slip in while the files are rewritten.
        repeat { await flusher.drain() } while !flusher.isIdle
        try ensureOpen()
        let now = configuration.clock()
        var erased = 0
        for number in files.indices where FileIO.size(files[number].path) > 0 {
            erased += try rewrite(fileNumber: number, erasing: accountId, before: cutoff, at: now)
        }
        guard erased > 0 else { return 0 }
        var problems: [DataProblem] = []
        let replay = JournalReplay.run(layout, balanceCacheSeq: nil, problems: &problems)
        guard problems.isEmpty, replay.nextSeq == nextSeq else {
            stop("the journal did not replay after erasure: \(problems.first?.description ?? "seq changed")")
            throw StoreError.fatal(failure ?? "erasure")
        }
        index = replay.index
        return erased
    }

    /// Rewrites one journal file with the account's message data erased; returns the count.
    private func rewrite(fileNumber: Int, erasing accountId: String, before cutoff: Timestamp, at now: Timestamp) throws -> Int {
        let file = files[fileNumber]
        let temporary = layout.journal + "/." + file.month.description + ".jsonl.tmp"
        let fd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.io(path: temporary, operation: "create", errno: errno) }
        var closed = false
        defer {
            if !closed {
                Glibc.close(fd)
                unlink(temporary)
            }
        }
        var output: [UInt8] = []
        var erased = 0
        var failure: (any Error)?
        var seq: UInt64 = 1
        var problems: [DataProblem] = []
        let outcome = JournalReader(path: file.path, isLast: true).scan(expectedSeq: &seq, acceptAnyFirstSeq: true, problems: &problems) {
            line, scanner in
            guard failure == nil else { return nil }
            do {
                if let replacement = try erasedLine(line, scanner, accountId: accountId, before: cutoff, at: now) {
                    output += replacement
                    erased += 1
                } else {
                    output += UnsafeRawBufferPointer(rebasing: scanner.bytes[line.start..<(line.start + line.length)])
                }
                if output.count >= 8 << 20 {
                    try output.withUnsafeBytes { try io.writeAll(fd, path: temporary, $0) }
                    output.removeAll(keepingCapacity: true)
                }
            } catch {
                failure = error
            }
            return nil
        }
        if let failure { throw failure }
        guard problems.isEmpty, outcome.tornTail == nil, outcome.validEnd == FileIO.size(file.path) else {
            throw StoreError.damaged(
                problems.isEmpty ? [DataProblem(path: file.path, message: "changed while the store had it open")] : problems)
        }
        guard erased > 0 else { return 0 }
        try output.withUnsafeBytes { try io.writeAll(fd, path: temporary, $0) }
        try io.sync(fd, path: temporary)
        closed = true
        Glibc.close(fd)
        guard rename(temporary, file.path) == 0 else {
            let code = errno
            unlink(temporary)
            throw StoreError.io(path: file.path, operation: "rename", errno: code)
        }
        // From here the new file is in place: any failure leaves the store unusable until restart.
        do {
            try io.syncDirectory(layout.journal)
            let reopened = Glibc.open(file.path, O_RDWR | O_APPEND | O_CLOEXEC)
            guard reopened >= 0 else { throw StoreError.io(path: file.path, operation: "open", errno: errno) }
            Glibc.close(file.fd)
            files[fileNumber].fd = reopened
            files[fileNumber].end = FileIO.size(file.path)
        } catch {
            let message = "\(file.path) was rewritten but could not be reopened: \(error)"
            stop(message)
            throw StoreError.fatal(message)
        }
        return erased
    }

    /// The line with the record's message data erased, or `nil` when it has none to erase.
    private func erasedLine(
        _ line: JournalReader.Line, _ scanner: JSONScanner, accountId: String, before cutoff: Timestamp, at now: Timestamp
    ) throws -> [UInt8]? {
        guard line.kind == .send || line.kind == .idempotency else { return nil }
        var owner: String?
        var created: Timestamp?
        _ = scanner.forEachMember(of: line.record) { key, value in
            if scanner.key(key, is: "accountId") {
                owner = scanner.string(value)
            } else if scanner.key(key, is: "createdAt") {
                created = scanner.timestamp(value)
            }
        }
        guard owner == accountId, let created, created < cutoff else { return nil }
        let json = Data(UnsafeRawBufferPointer(rebasing: scanner.bytes[line.record]))
        let record: Data
        if line.kind == .send {
            var send = try decoder.decode(Send.self, from: json)
            guard send.body != nil || !send.to.isEmpty else { return nil }
            send.body = nil
            send.to = ""
            send.erasedAt = now
            record = try encoder.encode(send)
        } else {
            var answer = try decoder.decode(IdempotencyRecord.self, from: json)
            guard answer.responseBody != Self.erasedResponse, Self.holdsMessageData(answer.responseBody) else { return nil }
            answer.responseBody = Self.erasedResponse
            record = try encoder.encode(answer)
        }
        return JournalLine.encode(seq: line.seq, kind: line.kind, more: line.more, recordJSON: record)
    }

    /// Whether a stored answer carries a recipient or a text (a send's), which erasure removes;
    /// other answers (a capability application, a package) stay replayable.
    static func holdsMessageData(_ responseBody: String) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: Data(responseBody.utf8)) as? [String: Any] else { return false }
        return object["to"] != nil || object["body"] != nil
    }

    /// What an erased idempotency record answers with.
    public static let erasedResponse = #"{"erased":true}"#

    // MARK: Closing

    /// Waits for queued commits, writes the balance cache, closes the files and releases the lock.
    public func close() async throws {
        guard !isClosed else { return }
        await flusher.drain()
        guard !isClosed else { return }
        isClosed = true
        defer {
            for file in files { Glibc.close(file.fd) }
            lock.release()
        }
        if failure == nil, flusher.failure == nil {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let cache = BalanceCache(throughSeq: nextSeq - 1, balances: index.balances)
            try io.replaceFile(at: layout.balances, with: Array(try encoder.encode(cache)) + [10])
        }
    }

    /// The sequence number the next journal line will get (for tests and diagnostics).
    public var nextSequenceNumber: UInt64 { nextSeq }
}
