import SwitchboardCore

/// Everything written by one atomic commit: all of it is durable before the call returns, or
/// none of it is ever visible after a restart.
///
/// The usual commit is a send with its charge and the request's idempotency record.
public struct StoreTransaction: Sendable {
    public var sends: [Send]
    public var ledgerEntries: [LedgerEntry]
    /// Status changes to sends already stored (or created in this commit).
    public var statusChanges: [(sendId: String, change: StatusChange)]
    public var idempotency: IdempotencyRecord?
    public var optOuts: [OptOutRecord]
    /// Callback deliveries: an event queued with its status change (attempt 0), or an attempt.
    public var webhookAttempts: [WebhookAttempt]

    public init(
        sends: [Send] = [], ledgerEntries: [LedgerEntry] = [],
        statusChanges: [(sendId: String, change: StatusChange)] = [],
        idempotency: IdempotencyRecord? = nil, optOuts: [OptOutRecord] = [], webhookAttempts: [WebhookAttempt] = []
    ) {
        self.sends = sends
        self.ledgerEntries = ledgerEntries
        self.statusChanges = statusChanges
        self.idempotency = idempotency
        self.optOuts = optOuts
        self.webhookAttempts = webhookAttempts
    }

    /// Whether there is nothing to write.
    public var isEmpty: Bool {
        sends.isEmpty && ledgerEntries.isEmpty && statusChanges.isEmpty && idempotency == nil && optOuts.isEmpty
            && webhookAttempts.isEmpty
    }
}

/// What a durable commit reports back.
public struct CommitReceipt: Sendable, Hashable {
    /// Sequence number of the commit's first and last journal line.
    public var firstSeq: UInt64
    public var lastSeq: UInt64
    /// Balances of the accounts the commit's ledger entries touched, after it.
    public var balances: [String: Money]

    /// For other `Store` backends.
    public init(firstSeq: UInt64, lastSeq: UInt64, balances: [String: Money]) {
        self.firstSeq = firstSeq
        self.lastSeq = lastSeq
        self.balances = balances
    }
}

/// The storage the API server and the command line work against. `FileStore` keeps it in
/// flat JSON files under `data/`; another backend (PostgreSQL) can implement the same
/// protocol and run the same tests.
///
/// Every write is durable when the call returns. Errors are `StoreError`s.
public protocol Store: Sendable {
    // MARK: Accounts

    /// Stores a new account; `.conflict` if its id, email or an API key hash is taken.
    func createAccount(_ account: Account) async throws -> Account
    /// Applies `change` to the stored account and stores the result whole (revision + 1).
    func updateAccount(id: String, _ change: @Sendable (inout Account) throws -> Void) async throws -> Account
    func account(id: String) async throws -> Account?
    /// Case-insensitive.
    func account(email: String) async throws -> Account?
    /// The account owning an active (unrevoked) API key with this SHA-256 hex hash.
    func account(apiKeyHash: String) async throws -> Account?
    /// The account owning an unrevoked login session with this token hash (expiry is the caller's to check).
    func account(sessionTokenHash: String) async throws -> Account?
    /// Every account, ordered by id.
    func allAccounts() async throws -> [Account]

    // MARK: Ledger and sends

    /// Writes the transaction atomically and durably. Refuses with `.insufficientBalance` if
    /// any touched balance would go below zero, `.idempotencyKeyUsed` if the key was used,
    /// `.topUpRecorded` if a top-up's reference was recorded before,
    /// `.conflict` for a duplicate send id or a status that does not move forward.
    @discardableResult
    func commit(_ transaction: StoreTransaction) async throws -> CommitReceipt
    /// The exact sum of the account's ledger entries.
    func balance(accountId: String) async throws -> Money
    func send(id: String) async throws -> Send?
    /// The account's sends created in `month`, oldest first.
    func sends(accountId: String, month: YearMonth) async throws -> [Send]
    /// The same, only those not yet in a final status (the carrier's work left at a restart).
    func sendsInFlight(accountId: String, month: YearMonth) async throws -> [Send]
    /// A page of them: at most `limit` sends after the one with id `startingAfter` (from the
    /// first when `nil`), oldest first — cursor pagination for the console and the API.
    func sends(accountId: String, month: YearMonth, startingAfter: String?, limit: Int) async throws -> [Send]
    /// How many sends the account created in `month`.
    func sendCount(accountId: String, month: YearMonth) async throws -> Int
    /// The account's ledger entries dated in `month`, in commit order.
    func ledgerEntries(accountId: String, month: YearMonth) async throws -> [LedgerEntry]
    /// The same, only of `kinds`: the others are skipped without being decoded.
    func ledgerEntries(accountId: String, month: YearMonth, kinds: Set<LedgerEntry.Kind>) async throws -> [LedgerEntry]

    // MARK: Idempotency, opt-outs, bills

    func idempotencyRecord(accountId: String, key: String) async throws -> IdempotencyRecord?
    /// The top-up recorded with this external reference, if any (top-ups are idempotent on it, BILL-2).
    func topUp(accountId: String, reference: String) async throws -> LedgerEntry?
    /// Whether `number` opted out of `accountId`'s messages (latest record wins).
    func isOptedOut(accountId: String, number: String) async throws -> Bool
    func bill(accountId: String, month: YearMonth) async throws -> MonthlyBill?
    /// Stores the bill whole, replacing an earlier one for the same month.
    func writeBill(_ bill: MonthlyBill) async throws

    /// Erases the text and recipient of the account's sends created before `cutoff`, and the
    /// stored answers of its idempotent requests from then, keeping amounts, statuses and
    /// dates (PRIV-1). Returns how many records were erased.
    func eraseMessageData(accountId: String, createdBefore cutoff: Timestamp) async throws -> Int

    // MARK: Callbacks

    /// Every recorded step of the callback deliveries of a send, in commit order.
    func webhookAttempts(sendId: String) async throws -> [WebhookAttempt]
    /// The latest record of each event neither delivered nor given up, soonest due first.
    func pendingWebhooks() async throws -> [WebhookAttempt]

    /// Finishes pending writes and releases the data directory.
    func close() async throws
}

extension Store {
    /// Appends ledger entries alone (a top-up, an adjustment) atomically.
    @discardableResult
    public func appendLedger(_ entries: [LedgerEntry], idempotency: IdempotencyRecord? = nil) async throws -> CommitReceipt {
        try await commit(StoreTransaction(ledgerEntries: entries, idempotency: idempotency))
    }

    /// Records a status change of a stored send.
    /// `webhooks` queues its callback events in the same commit, so none is lost.
    @discardableResult
    public func recordStatus(
        sendId: String, _ change: StatusChange, ledgerEntries: [LedgerEntry] = [], webhooks: [WebhookAttempt] = []
    ) async throws -> CommitReceipt {
        try await commit(StoreTransaction(ledgerEntries: ledgerEntries, statusChanges: [(sendId, change)], webhookAttempts: webhooks))
    }

    /// Records one step of a callback delivery durably.
    public func recordWebhookAttempt(_ attempt: WebhookAttempt) async throws {
        try await commit(StoreTransaction(webhookAttempts: [attempt]))
    }

    /// Stores the first answer to an idempotent request on its own (`.idempotencyKeyUsed` if taken).
    public func recordIdempotency(_ record: IdempotencyRecord) async throws {
        try await commit(StoreTransaction(idempotency: record))
    }

    /// Records an opt-out (or opt-in) durably.
    public func recordOptOut(_ record: OptOutRecord) async throws {
        try await commit(StoreTransaction(optOuts: [record]))
    }
}
