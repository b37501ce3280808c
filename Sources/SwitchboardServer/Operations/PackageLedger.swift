import SwitchboardCore
import SwitchboardStore

/// Each account's ledger entries that move SMS package segments or free trial units
/// (purchases, uses, give-backs, expiries, termination refunds), kept in memory so a send's
/// quote, the balance and the package list do not read the whole ledger. Loaded from the ledger
/// the first time an account is asked for after a start, then extended by every writer of such
/// entries (sends, the carrier desk, package purchases, terminations, the jobs).
actor PackageLedger {
    private let store: any Store
    private var entries: [String: [LedgerEntry]] = [:]

    init(store: any Store) { self.store = store }

    /// The account's entries that move package segments or trial units, oldest first.
    func entries(of account: Account, currentMonth: YearMonth) async throws -> [LedgerEntry] {
        try await load(account, currentMonth: currentMonth)
    }

    /// Records what a commit wrote. Most commits move no units (plain charges, refunds to the
    /// balance): those return without waiting for the actor.
    nonisolated func record(_ committed: [LedgerEntry]) async {
        let moving = committed.filter(Self.movesUnits)
        guard !moving.isEmpty else { return }
        await add(moving)
    }

    private func add(_ moving: [LedgerEntry]) {
        for entry in moving where entries[entry.accountId] != nil {
            entries[entry.accountId]?.append(entry)
        }
    }

    private func load(_ account: Account, currentMonth: YearMonth) async throws -> [LedgerEntry] {
        if let known = entries[account.id] { return known }
        var found: [LedgerEntry] = []
        var month = account.createdAt.month
        while month <= currentMonth {
            found += try await store.ledgerEntries(accountId: account.id, month: month, kinds: Self.unitKinds).filter(Self.movesUnits)
            month = month.next
        }
        if let known = entries[account.id] { return known }
        entries[account.id] = found
        return found
    }

    /// The kinds of entry that can move units; the ledger's charges and top-ups are not even
    /// decoded when an account is loaded.
    static let unitKinds: Set<LedgerEntry.Kind> = [.packagePurchase, .packageExpiry, .allowanceUse, .terminationRefund, .refund]

    /// Package and trial entries; of refunds, only the give-back of units (zero amount, naming
    /// the package or allowance), not refunds to the balance.
    static func movesUnits(_ entry: LedgerEntry) -> Bool {
        unitKinds.contains(entry.kind) && (entry.kind != .refund || (entry.amount == .zero && entry.reference != nil))
    }
}
