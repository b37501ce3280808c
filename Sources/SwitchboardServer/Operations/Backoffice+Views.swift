import Foundation
import SwitchboardCore

extension Backoffice {
    /// The account with its balance, as the operator API answers it.
    func view(_ account: Account) async throws -> OperatorAccountView {
        OperatorAccountView(
            account: AccountView(account), balance: try await platform.store.balance(accountId: account.id),
            currency: await platform.currency())
    }

    /// The same view as indented JSON, for `switchboard admin`.
    public func describe(_ account: Account) async throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(try await view(account)), as: UTF8.self)
    }

    /// The balance of `account`.
    public func balance(of account: Account) async throws -> Money {
        try await platform.store.balance(accountId: account.id)
    }
}
