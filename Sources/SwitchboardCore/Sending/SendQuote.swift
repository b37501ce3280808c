/// What one send costs and how it is paid (PRICE-1, PRICE-2, PRICE-3, PKG-1, BILL-2): the line of
/// the price sheet in effect at the send's own timestamp, units taken from the free trial allowance
/// first, then from packages (soonest-expiring first), and the rest charged from the balance at
/// the line's unit price, exactly. Nothing is charged when the balance does not cover the rest.
///
/// The entries, in order: a zero-amount `allowanceUse` entry for trial units (`reference` is
/// `SendQuote.trialReference`), one per package drawn (`reference` is the package id), then one
/// `charge` entry (absent when nothing is charged) whose `quantity` is the units charged and
/// `reference` the price sheet's id. All name the send and the service.
public struct SendQuote: Sendable, Equatable {
    /// The `reference` of `allowanceUse` entries drawn from the free trial allowance (PRICE-3).
    public static let trialReference = "trial"

    /// The answer to "may this send be made, and what does it cost?".
    public enum Outcome: Sendable, Equatable {
        /// The send is paid for: append `quote.entries` with the send, in one commit.
        case affordable(SendQuote)
        /// The balance does not cover `quote.price`; nothing is charged (402 `insufficient_balance`).
        case insufficientBalance(SendQuote, shortfall: Money)
        /// No price sheet in effect at the send's moment has a line for the service.
        case priceUnavailable(service: String)
        /// The quantity is below 1, or its price does not fit in `Money`.
        case invalidQuantity(Int)
    }

    public var service: String
    /// The price line applied (unit and unit price).
    public var line: PriceLine
    /// The id of the price sheet in effect at the send's moment, e.g. `2026-09`.
    public var sheetId: String
    public var currency: String
    /// Units the send needs: segments, or (estimated) minutes.
    public var quantity: Int
    /// Units paid by the free trial allowance.
    public var trialUnits: Int
    /// Units paid by packages.
    public var packageUnits: Int
    /// Units charged from the balance.
    public var chargedUnits: Int
    /// What the balance pays, positive: `line.price × chargedUnits`.
    public var price: Money
    /// The ledger entries to append when affordable (see the type's notes); ids come from `makeId`
    /// only for an affordable send.
    public var entries: [LedgerEntry]

    /// Prices a send of `quantity` units of `service` made at `moment`, for an account with
    /// `trialRemaining` trial units of that service, `holdings` and `balance`.
    public static func make(
        book: PriceBook, service: String, quantity: Int, at moment: Timestamp, accountId: String, sendId: String,
        trialRemaining: Int, holdings: PackageHoldings, balance: Money, makeId: () -> String
    ) -> Outcome {
        guard quantity >= 1 else { return .invalidQuantity(quantity) }
        guard let sheet = book.sheet(at: moment.date), let line = sheet.line(for: service) else {
            return .priceUnavailable(service: service)
        }
        var entries: [LedgerEntry] = []
        let trial = min(max(trialRemaining, 0), quantity)
        if trial > 0 {
            entries.append(
                LedgerEntry(
                    id: "", accountId: accountId, at: moment, kind: .allowanceUse, amount: .zero, currency: sheet.currency,
                    service: service, sendId: sendId, reference: trialReference, quantity: trial,
                    description: "\(trial) \(line.unit)s of \(service) from the free trial allowance (PRICE-3)"))
        }
        let drawn = holdings.consume(service: service, segments: quantity - trial, at: moment, sendId: sendId) { "" }
        entries += drawn.entries
        let charged = drawn.uncoveredSegments
        let (micro, overflow) = line.price.microUnits.multipliedReportingOverflow(by: Int64(charged))
        guard !overflow else { return .invalidQuantity(quantity) }
        let price = Money(microUnits: micro)
        if charged > 0 {
            entries.append(
                LedgerEntry(
                    id: "", accountId: accountId, at: moment, kind: .charge, amount: -price, currency: sheet.currency,
                    service: service, sendId: sendId, reference: sheet.id, quantity: charged,
                    description: "\(charged) \(line.unit)s of \(service) at \(line.price) \(sheet.currency) "
                        + "(prices of \(sheet.id))"))
        }
        var quote = SendQuote(
            service: service, line: line, sheetId: sheet.id, currency: sheet.currency, quantity: quantity, trialUnits: trial,
            packageUnits: quantity - trial - charged, chargedUnits: charged, price: price, entries: entries)
        guard price <= balance else { return .insufficientBalance(quote, shortfall: price - balance) }
        for index in quote.entries.indices { quote.entries[index].id = makeId() }
        return .affordable(quote)
    }

    /// Trial units of `service` an account has used, net of units given back, from its entries:
    /// the server subtracts this from the allowance it granted to get `trialRemaining`.
    public static func trialUnitsUsed(service: String, accountId: String, entries: [LedgerEntry]) -> Int {
        entries.reduce(0) { total, entry in
            guard entry.accountId == accountId, entry.service == service, entry.reference == trialReference,
                entry.amount == .zero
            else { return total }
            let quantity = max(entry.quantity ?? 0, 0)
            switch entry.kind {
            case .allowanceUse: return total + quantity
            case .refund: return total - quantity
            default: return total
            }
        }
    }
}
