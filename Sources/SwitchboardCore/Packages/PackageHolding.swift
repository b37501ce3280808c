/// One SMS package an account bought and what is left of it (PKG-1).
public struct PackageHolding: Sendable, Hashable, Identifiable {
    /// How long a package's segments last: 6 calendar months from purchase.
    public static let lifetimeInMonths = 6

    /// The package id: the purchase entry's `reference`.
    public var id: String
    public var name: String
    /// The service its segments pay for, e.g. `sms`.
    public var service: String
    public var currency: String
    /// Segments bought.
    public var segments: Int
    /// Segments neither used, forfeited nor refunded.
    public var remaining: Int
    /// What was paid for it (positive).
    public var pricePaid: Money
    public var purchasedAt: Timestamp
    /// The purchase moment 6 calendar months on, the day clamped to the month's end (UTC).
    public var expiresAt: Timestamp
    /// When an expiry or termination-refund entry closed the package; `nil` while it is open.
    public var closedAt: Timestamp?

    public init(
        id: String, name: String, service: String, currency: String = "CNY", segments: Int, remaining: Int,
        pricePaid: Money, purchasedAt: Timestamp, closedAt: Timestamp? = nil
    ) {
        self.id = id
        self.name = name
        self.service = service
        self.currency = currency
        self.segments = segments
        self.remaining = remaining
        self.pricePaid = pricePaid
        self.purchasedAt = purchasedAt
        self.expiresAt = purchasedAt.addingCalendarMonths(Self.lifetimeInMonths)
        self.closedAt = closedAt
    }

    /// The price of the remaining segments, `pricePaid × remaining / segments`, rounded down to
    /// the micro-unit in exact integer arithmetic; zero for a package of no segments, never more than `pricePaid`.
    public var unusedValue: Money {
        guard segments > 0, remaining > 0, pricePaid > .zero else { return .zero }
        let product = pricePaid.microUnits.magnitude.multipliedFullWidth(by: UInt64(min(remaining, segments)))
        let (quotient, _) = UInt64(segments).dividingFullWidth(product)
        return Money(microUnits: Int64(quotient))
    }

    /// Whether segments may be drawn from it at `now`: open, not expired, something left.
    public func isActive(at now: Timestamp) -> Bool {
        closedAt == nil && remaining > 0 && now < expiresAt
    }

    /// Whether it has expired at `now` with segments left and no expiry entry recorded yet.
    public func awaitsForfeit(at now: Timestamp) -> Bool {
        closedAt == nil && remaining > 0 && expiresAt <= now
    }

    /// The zero-amount `packageExpiry` entry forfeiting every remaining segment of this package.
    func forfeitEntry(accountId: String, at now: Timestamp, id: String, description: String) -> LedgerEntry {
        LedgerEntry(
            id: id, accountId: accountId, at: now, kind: .packageExpiry, amount: .zero, currency: currency, service: service,
            reference: self.id, quantity: remaining, description: description)
    }
}
