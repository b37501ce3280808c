/// One movement of money on an account (BILL-1). Credits are positive, debits negative; the
/// balance is the exact sum of an account's entries and never goes below zero (BILL-2).
public struct LedgerEntry: Sendable, Hashable, Codable, Identifiable {
    /// What caused the movement.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Money paid in; `method` and `reference` say how (idempotent on `reference`).
        case topUp
        /// A send's price; `sendId` names the send.
        case charge
        /// A charge given back (e.g. a send the carrier never took); `sendId` names the send.
        case refund
        /// An SMS package bought (PKG-1): a debit for its price, `quantity` segments granted.
        case packagePurchase
        /// Package segments forfeited after six months (PKG-1): zero amount, `quantity` lost.
        case packageExpiry
        /// Package segments or trial allowance used instead of money (PRICE-3): zero amount.
        case allowanceUse
        /// Balance and package value paid back when the operator terminates (PKG-2).
        case terminationRefund
        /// A manual correction by the operator, with a `description`.
        case adjustment
    }

    public var id: String
    public var accountId: String
    public var at: Timestamp
    public var kind: Kind
    /// Signed: positive credits the balance, negative debits it.
    public var amount: Money
    /// ISO 4217 code, e.g. `CNY`.
    public var currency: String
    /// The price-sheet service (`sms-cn`, `voice-intl`, …) of charges and refunds, so bills sum by service.
    public var service: String?
    public var sendId: String?
    /// Top-up method, e.g. `alipay`, `bank-transfer`.
    public var method: String?
    /// External reference (payment id, package id).
    public var reference: String?
    /// Segments or minutes concerned, for package and allowance entries.
    public var quantity: Int?
    public var description: String?

    public init(
        id: String, accountId: String, at: Timestamp, kind: Kind, amount: Money, currency: String = "CNY",
        service: String? = nil, sendId: String? = nil, method: String? = nil, reference: String? = nil,
        quantity: Int? = nil, description: String? = nil
    ) {
        self.id = id
        self.accountId = accountId
        self.at = at
        self.kind = kind
        self.amount = amount
        self.currency = currency
        self.service = service
        self.sendId = sendId
        self.method = method
        self.reference = reference
        self.quantity = quantity
        self.description = description
    }

    /// What is wrong with this entry on its own, in words (empty when nothing is).
    public func problems() -> [String] {
        var found: [String] = []
        switch kind {
        case .charge:
            if amount > .zero { found.append("a charge must not credit the balance") }
            if sendId == nil { found.append("a charge must name its sendId") }
        case .refund:
            if amount < .zero { found.append("a refund must not debit the balance") }
            if sendId == nil { found.append("a refund must name its sendId") }
        case .topUp:
            if amount <= .zero { found.append("a top-up must be positive") }
            if reference == nil { found.append("a top-up must carry its external reference (BILL-2)") }
        case .packageExpiry, .allowanceUse:
            if amount != .zero { found.append("a \(kind.rawValue) entry moves segments, not money") }
        case .packagePurchase:
            if amount > .zero { found.append("a package purchase must not credit the balance") }
        case .terminationRefund, .adjustment:
            break
        }
        return found
    }
}
