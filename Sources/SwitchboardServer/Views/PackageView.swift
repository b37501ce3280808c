import SwitchboardCore

/// An SMS package bought from the price sheet (PKG-1): segments left, until when.
struct PackageView: Encodable, Sendable {
    let id: String
    let name: String
    let service: String
    let segments: Int
    let remaining: Int
    let price: Money
    let currency: String
    let purchasedAt: Timestamp
    let expiresAt: Timestamp
    /// `active`, `expired` or `closed` (forfeited or refunded).
    let status: String

    init(_ holding: PackageHolding, at now: Timestamp) {
        id = holding.id
        name = holding.name
        service = holding.service
        segments = holding.segments
        remaining = holding.remaining
        price = holding.pricePaid
        currency = holding.currency
        purchasedAt = holding.purchasedAt
        expiresAt = holding.expiresAt
        status = holding.closedAt != nil ? "closed" : holding.expiresAt > now ? "active" : "expired"
    }
}
