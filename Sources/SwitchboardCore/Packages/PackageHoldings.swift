/// The SMS packages of one account, read from its ledger (PKG-1).
///
/// How entries name packages: a `packagePurchase` entry's `reference` is the package id,
/// `quantity` its segments, `amount` its (negative) price, `description` its name and `service`
/// its service (`sms` when absent). `allowanceUse`, `packageExpiry` and per-package
/// `terminationRefund` entries draw `quantity` segments from the package their `reference`
/// names; an expiry or termination refund also closes it. A zero-amount `refund` naming a package
/// gives `quantity` segments back to it while open (a failed send, see `SendCharges`), never beyond what it
/// had. Entries naming no known package (a free-trial allowance, the final payout) are skipped.
public struct PackageHoldings: Sendable, Hashable {
    public var accountId: String
    /// Every package the account bought, in purchase order.
    public var all: [PackageHolding]

    /// The holdings as `entries` (of any accounts, by time; entries of one moment in ledger order)
    /// leave them for `accountId`.
    public init(accountId: String, entries: [LedgerEntry]) {
        self.accountId = accountId
        // By time, then in the order given (the ledger's commit order): a give-back written in the
        // same millisecond as the use it returns must come after it.
        let mine = entries.enumerated().filter { $0.element.accountId == accountId }
            .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        var holdings: [PackageHolding] = []
        var index: [String: Int] = [:]
        for entry in mine where entry.kind == .packagePurchase {
            let id = entry.reference ?? entry.id
            guard index[id] == nil else { continue }
            let segments = max(entry.quantity ?? 0, 0)
            index[id] = holdings.count
            holdings.append(
                PackageHolding(
                    id: id, name: entry.description ?? id, service: entry.service ?? "sms", currency: entry.currency,
                    segments: segments, remaining: segments, pricePaid: -entry.amount, purchasedAt: entry.at))
        }
        for entry in mine where [.allowanceUse, .packageExpiry, .terminationRefund, .refund].contains(entry.kind) {
            guard let reference = entry.reference, let position = index[reference] else { continue }
            if entry.kind == .refund {
                guard entry.amount == .zero, holdings[position].closedAt == nil else { continue }
                let back = max(entry.quantity ?? 0, 0)
                holdings[position].remaining = min(holdings[position].remaining + back, holdings[position].segments)
                continue
            }
            holdings[position].remaining = max(holdings[position].remaining - max(entry.quantity ?? 0, 0), 0)
            if entry.kind != .allowanceUse, holdings[position].closedAt == nil {
                holdings[position].closedAt = entry.at
            }
        }
        self.all = holdings
    }

    /// Packages segments may be drawn from at `now`.
    public func active(at now: Timestamp) -> [PackageHolding] { all.filter { $0.isActive(at: now) } }

    /// Packages expired at `now` with segments left and no expiry entry yet: they need a forfeit entry.
    public func expired(at now: Timestamp) -> [PackageHolding] { all.filter { $0.awaitsForfeit(at: now) } }

    /// Zero-amount `packageExpiry` entries at `now` forfeiting what is left of every expired package.
    public func forfeitEntries(at now: Timestamp, makeId: () -> String) -> [LedgerEntry] {
        expired(at: now).map { holding in
            holding.forfeitEntry(
                accountId: accountId, at: now, id: makeId(),
                description: "\(holding.remaining) segments of package '\(holding.name)' forfeited: "
                    + "unused 6 months after purchase, expired \(holding.expiresAt) (PKG-1)")
        }
    }

    /// Zero-amount `allowanceUse` entries drawing `segments` of `service` from active packages,
    /// soonest-expiring first, and the segments no package covers (to be charged from the balance).
    public func consume(
        service: String, segments: Int, at now: Timestamp, sendId: String? = nil, makeId: () -> String
    ) -> (entries: [LedgerEntry], uncoveredSegments: Int) {
        var needed = max(segments, 0)
        var entries: [LedgerEntry] = []
        let usable = active(at: now).filter { $0.service == service }.sorted { ($0.expiresAt, $0.id) < ($1.expiresAt, $1.id) }
        for holding in usable where needed > 0 {
            let drawn = min(needed, holding.remaining)
            needed -= drawn
            entries.append(
                LedgerEntry(
                    id: makeId(), accountId: accountId, at: now, kind: .allowanceUse, amount: .zero,
                    currency: holding.currency, service: service, sendId: sendId, reference: holding.id, quantity: drawn,
                    description: "\(drawn) segments from package '\(holding.name)' (PKG-1)"))
        }
        return (entries, needed)
    }
}
