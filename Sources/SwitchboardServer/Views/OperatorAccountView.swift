import SwitchboardCore

/// An account as the operator sees it: the developer's view plus its balance.
struct OperatorAccountView: Encodable, Sendable {
    let account: AccountView
    let balance: Money
    let currency: String

    private enum Keys: String, CodingKey {
        case balance, currency
    }

    func encode(to encoder: any Encoder) throws {
        try account.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(balance, forKey: .balance)
        try container.encode(currency, forKey: .currency)
    }
}
