import SwitchboardCore

/// A recorded top-up and the balance after it.
struct TopUpView: Encodable, Sendable {
    let id: String
    let accountId: String
    let amount: Money
    let currency: String
    let method: String?
    let reference: String?
    let createdAt: Timestamp
    let balance: Money

    init(_ topUp: Backoffice.TopUp) {
        id = topUp.entry.id
        accountId = topUp.entry.accountId
        amount = topUp.entry.amount
        currency = topUp.entry.currency
        method = topUp.entry.method
        reference = topUp.entry.reference
        createdAt = topUp.entry.at
        balance = topUp.balance
    }
}
