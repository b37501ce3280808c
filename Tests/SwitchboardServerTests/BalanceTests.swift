import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import Testing

@testable import SwitchboardServer

/// `GET /v1/balance`: the prepaid balance as an exact decimal string with its currency (BILL-2).
@Suite("Balance")
struct BalanceTests {
    @Test("BILL-2 a new account's balance is 0.0000 CNY, below its default low-balance threshold, with no packages")
    func newAccount() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let answer = try await api.get("/v1/balance", token: developer.key)
            #expect(answer.status == .ok)
            #expect(answer.string("balance") == "0.0000")
            #expect(answer.string("currency") == "CNY")
            #expect(answer.string("lowBalanceThreshold") == "10.0000")
            #expect(answer["low"] as? Bool == true)
            #expect((answer["packages"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("BILL-2 top-ups add up exactly and the balance is no longer low")
    func afterTopUps() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            #expect(try await api.topUp(developer.id, amount: "100.10", reference: "alipay-1").status == .created)
            #expect(try await api.topUp(developer.id, amount: "0.01", reference: "alipay-2", method: "wechat_pay").status == .created)
            let answer = try await api.get("/v1/balance", token: developer.session)
            #expect(answer.string("balance") == "100.1100")
            #expect(answer["low"] as? Bool == false)
        }
    }

    @Test("BILL-2 the low flag follows the account's own threshold; without one it is never low")
    func ownThreshold() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.topUp(developer.id, amount: "20", reference: "r1")
            _ = try await api.patch("/v1/account", ["lowBalanceThreshold": "50"], token: developer.session)
            let low = try await api.get("/v1/balance", token: developer.session)
            #expect(low.string("lowBalanceThreshold") == "50.0000")
            #expect(low["low"] as? Bool == true)
            _ = try await api.patch("/v1/account", ["lowBalanceThreshold": NSNull()], token: developer.session)
            let none = try await api.get("/v1/balance", token: developer.session)
            #expect(none["low"] as? Bool == false)
        }
    }

    @Test("Balance needs a developer: 401 without a token, 403 with the admin token")
    func needsDeveloper() async throws {
        try await withAPI { api in
            let anonymous = try await api.get("/v1/balance")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.isErrorShape)
            let asOperator = try await api.admin(.get, "/v1/balance")
            #expect(asOperator.status == .forbidden)
            #expect(asOperator.errorCode == "developer_only")
        }
    }
}
