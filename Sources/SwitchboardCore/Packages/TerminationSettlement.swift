/// The ledger entries that close an account's money when it ends (PKG-2, TERM-1): after them the
/// balance is exactly zero and no package has segments left.
///
/// When the operator terminates, each active package's unused value is credited back and the
/// whole balance is then paid out to the developer. When the developer leaves, package fees are
/// not refunded: the packages are forfeited and only the balance is paid out. Packages already
/// expired without a forfeit entry are forfeited either way.
public struct TerminationSettlement: Sendable, Hashable {
    /// Who ends the account.
    public enum Initiator: String, Sendable, Codable, CaseIterable {
        /// The operator dismisses the developer (PKG-2: unused package value refunded).
        case `operator`
        /// The developer leaves (PKG-2: package fees not refunded).
        case developer
    }

    /// The entries to append, in order: package refunds or forfeits, then the payout.
    public var entries: [LedgerEntry]
    /// The unused package value credited back (zero when the developer leaves).
    public var refundedPackageValue: Money
    /// What is paid back to the developer: the balance plus refunded package value.
    public var payout: Money

    /// Settles `holdings` and `balance` (the sum of the account's entries) at `now`.
    public init(
        balance: Money, holdings: PackageHoldings, initiator: Initiator, at now: Timestamp, currency: String = "CNY",
        makeId: () -> String
    ) {
        var entries: [LedgerEntry] = []
        var refunded = Money.zero
        for holding in holdings.all where holding.closedAt == nil && holding.remaining > 0 {
            if initiator == .operator, holding.isActive(at: now) {
                let value = holding.unusedValue
                refunded += value
                entries.append(
                    LedgerEntry(
                        id: makeId(), accountId: holdings.accountId, at: now, kind: .terminationRefund, amount: value,
                        currency: holding.currency, service: holding.service, reference: holding.id, quantity: holding.remaining,
                        description: "Unused value of \(holding.remaining) of \(holding.segments) segments of package "
                            + "'\(holding.name)' refunded: account terminated by the operator (PKG-2)"))
            } else {
                let reason =
                    holding.isActive(at: now)
                    ? "not refunded: the developer closed the account (PKG-2)"
                    : "unused 6 months after purchase, expired \(holding.expiresAt) (PKG-1)"
                entries.append(
                    holding.forfeitEntry(
                        accountId: holdings.accountId, at: now, id: makeId(),
                        description: "\(holding.remaining) segments of package '\(holding.name)' forfeited: \(reason)"))
            }
        }
        let payout = balance + refunded
        if payout != .zero {
            entries.append(
                LedgerEntry(
                    id: makeId(), accountId: holdings.accountId, at: now, kind: .terminationRefund, amount: -payout,
                    currency: currency,
                    description: payout > .zero
                        ? "Balance of \(payout) \(currency) paid back to the developer on termination (PKG-2, TERM-1)"
                        : "Negative balance of \(payout) \(currency) written off on termination (TERM-1)"))
        }
        self.entries = entries
        self.refundedPackageValue = refunded
        self.payout = payout
    }
}
