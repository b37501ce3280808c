/// One line of a detailed bill (BILL-1): one ledger entry, in words a developer reads.
public struct BillItem: Sendable, Hashable, Codable {
    /// What kind of movement the line is.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case topUp = "top-up"
        case charge
        case refund
        case package
        case expiry
        case allowance
        case terminationRefund = "termination-refund"
        case adjustment

        /// The kind of line a ledger entry of `kind` is.
        public init(_ kind: LedgerEntry.Kind) {
            switch kind {
            case .topUp: self = .topUp
            case .charge: self = .charge
            case .refund: self = .refund
            case .packagePurchase: self = .package
            case .packageExpiry: self = .expiry
            case .allowanceUse: self = .allowance
            case .terminationRefund: self = .terminationRefund
            case .adjustment: self = .adjustment
            }
        }
    }

    /// The ledger entry's id.
    public var entryId: String
    public var at: Timestamp
    public var kind: Kind
    public var service: String?
    /// Segments or minutes concerned.
    public var quantity: Int?
    /// The price of one unit, when the line is money for units at one price.
    public var unitPrice: Money?
    /// Signed like the ledger: credits positive, debits negative.
    public var amount: Money
    public var currency: String
    /// The send id for send lines, else the entry's reference (top-up payment id, package id).
    public var reference: String?
    public var description: String?

    /// The line of `entry`.
    public init(_ entry: LedgerEntry) {
        entryId = entry.id
        at = entry.at
        kind = Kind(entry.kind)
        service = entry.service
        quantity = entry.quantity
        amount = entry.amount
        currency = entry.currency
        reference = entry.sendId ?? entry.reference
        description = entry.description
        if [.charge, .refund, .packagePurchase].contains(entry.kind), let units = entry.quantity, units > 0,
            entry.amount != .zero, entry.amount.microUnits % Int64(units) == 0
        {
            unitPrice = Money(microUnits: abs(entry.amount.microUnits) / Int64(units))
        } else {
            unitPrice = nil
        }
    }
}
