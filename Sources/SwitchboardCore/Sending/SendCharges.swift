/// What one send still holds of an account's money and units, read from the send's ledger
/// entries, and the entries that give part or all of it back.
///
/// Given back in this order: units charged from the balance (a `refund` entry of their price),
/// then package units (zero-amount `refund` entries naming the package, which `PackageHoldings`
/// adds back), then trial units (zero-amount `refund` entries naming `SendQuote.trialReference`).
/// Earlier refunds of the send are netted out, so giving back twice gives nothing the second time.
public struct SendCharges: Sendable, Hashable {
    /// Units one package paid for the send.
    public struct PackageUnits: Sendable, Hashable {
        /// The package id.
        public var package: String
        public var units: Int
    }

    public var accountId: String
    public var sendId: String
    public var service: String?
    public var currency: String
    /// Units still charged from the balance.
    public var chargedUnits: Int
    /// Money still charged, positive.
    public var chargedAmount: Money
    /// The unit price of the charge entry, when there is one.
    public var unitPrice: Money?
    /// Units still drawn from each package (by package id), in the order drawn.
    public var packageUnits: [PackageUnits]
    /// Trial units still drawn.
    public var trialUnits: Int

    /// All units the send still holds.
    public var totalUnits: Int { chargedUnits + trialUnits + packageUnits.reduce(0) { $0 + $1.units } }

    /// Reads the entries naming `sendId` among `entries` (any sends, any order).
    public init(sendId: String, entries: [LedgerEntry]) {
        let mine = entries.filter { $0.sendId == sendId }.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        self.sendId = sendId
        self.accountId = mine.first?.accountId ?? ""
        self.service = mine.first { $0.service != nil }?.service
        self.currency = mine.first?.currency ?? "CNY"
        var charged = 0
        var amount = Money.zero
        var unitPrice: Money?
        var packages: [PackageUnits] = []
        var trial = 0
        for entry in mine {
            let quantity = max(entry.quantity ?? 0, 0)
            switch entry.kind {
            case .charge:
                charged += quantity
                amount -= entry.amount
                if unitPrice == nil, quantity > 0 {
                    unitPrice = Money(microUnits: -entry.amount.microUnits / Int64(quantity))
                }
            case .refund where entry.amount > .zero:
                charged -= quantity
                amount -= entry.amount
            case .allowanceUse, .refund:
                let sign = entry.kind == .allowanceUse ? 1 : -1
                guard let reference = entry.reference else { continue }
                if reference == SendQuote.trialReference {
                    trial += sign * quantity
                } else if let position = packages.firstIndex(where: { $0.package == reference }) {
                    packages[position].units += sign * quantity
                } else if sign > 0 {
                    packages.append(PackageUnits(package: reference, units: quantity))
                }
            default:
                continue
            }
        }
        self.chargedUnits = max(charged, 0)
        self.chargedAmount = max(amount, .zero)
        self.unitPrice = unitPrice
        self.packageUnits = packages.map { PackageUnits(package: $0.package, units: max($0.units, 0)) }
        self.trialUnits = max(trial, 0)
    }

    /// Entries giving back `units` of what the send holds (all of it when `units` is larger), at
    /// `moment`, each saying `reason`.
    public func giveBack(units: Int, at moment: Timestamp, reason: String, makeId: () -> String) -> [LedgerEntry] {
        var left = min(max(units, 0), totalUnits)
        var entries: [LedgerEntry] = []
        let fromBalance = min(left, chargedUnits)
        if fromBalance > 0 {
            // All charged units back: the whole amount, so no rounding can leave a remainder.
            let amount =
                fromBalance == chargedUnits
                ? chargedAmount : min((unitPrice ?? .zero) * Int64(fromBalance), chargedAmount)
            entries.append(
                LedgerEntry(
                    id: makeId(), accountId: accountId, at: moment, kind: .refund, amount: amount, currency: currency,
                    service: service, sendId: sendId, quantity: fromBalance,
                    description: "\(fromBalance) charged units refunded: \(reason)"))
            left -= fromBalance
        }
        for holding in packageUnits.reversed() where left > 0 && holding.units > 0 {
            let back = min(left, holding.units)
            entries.append(
                LedgerEntry(
                    id: makeId(), accountId: accountId, at: moment, kind: .refund, amount: .zero, currency: currency,
                    service: service, sendId: sendId, reference: holding.package, quantity: back,
                    description: "\(back) units given back to package '\(holding.package)': \(reason)"))
            left -= back
        }
        if left > 0, trialUnits > 0 {
            let back = min(left, trialUnits)
            entries.append(
                LedgerEntry(
                    id: makeId(), accountId: accountId, at: moment, kind: .refund, amount: .zero, currency: currency,
                    service: service, sendId: sendId, reference: SendQuote.trialReference, quantity: back,
                    description: "\(back) units given back to the free trial allowance: \(reason)"))
        }
        return entries
    }
}
