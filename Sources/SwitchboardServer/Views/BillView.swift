import SwitchboardCore

/// A monthly bill (BILL-1): opening balance, top-ups, charges by service and unit, refunds,
/// package purchases, closing balance; `open` while the month runs, `closed` once the jobs
/// closed it. The numbers are the ledger's and reconcile exactly.
struct BillView: Encodable, Sendable {
    struct ChargeLine: Encodable, Sendable {
        let service: String
        let unit: String?
        let sends: Int
        /// Units billed from the balance and from allowances together.
        let quantity: Int
        /// Of those, units paid by packages or the free trial.
        let allowanceQuantity: Int
        /// Negative: what the balance paid.
        let charged: Money
        /// Positive: what was given back.
        let refunded: Money
        let amount: Money
    }

    let month: YearMonth
    let status: String
    let currency: String
    let openingBalance: Money
    let topUps: Money
    let charges: [ChargeLine]
    let refunds: Money
    let packagePurchases: Money
    let terminationRefunds: Money
    let adjustments: Money
    let closingBalance: Money

    init(_ statement: BillStatement, closed: Bool) {
        month = statement.month
        status = closed ? "closed" : "open"
        currency = statement.currency
        openingBalance = statement.openingBalance
        topUps = statement.topUps
        charges = statement.services.map {
            ChargeLine(
                service: $0.service, unit: $0.unit, sends: $0.sends, quantity: $0.quantity, allowanceQuantity: $0.allowanceQuantity,
                charged: $0.charged, refunded: $0.refunded, amount: $0.amount)
        }
        refunds = statement.services.reduce(Money.zero) { $0 + $1.refunded }
        packagePurchases = statement.packagePurchases
        terminationRefunds = statement.terminationRefunds
        adjustments = statement.adjustments
        closingBalance = statement.closingBalance
    }
}

/// One line of a detailed bill: every ledger entry of the month.
struct BillItemView: Encodable, Sendable {
    let id: String
    let time: Timestamp
    let type: String
    let service: String?
    let quantity: Int?
    let unitPrice: Money?
    /// Signed: credits positive, debits negative.
    let amount: Money
    let currency: String
    /// The send id, or the top-up's or package's reference.
    let reference: String?
    let description: String?

    init(_ item: BillItem) {
        id = item.entryId
        time = item.at
        type = item.kind.rawValue
        service = item.service
        quantity = item.quantity
        unitPrice = item.unitPrice
        amount = item.amount
        currency = item.currency
        reference = item.reference
        description = item.description
    }
}
