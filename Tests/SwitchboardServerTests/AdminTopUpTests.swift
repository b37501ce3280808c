import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import Testing

@testable import SwitchboardServer

/// `POST /v1/admin/accounts/{id}/top-ups`: money paid in, idempotent on the payment's reference (BILL-2).
@Suite("Operator: top-ups")
struct AdminTopUpTests {
    @Test("BILL-2 a top-up is 201 with the entry and the balance after it, amounts as strings with currency")
    func topUp() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let answer = try await api.topUp(developer.id, amount: "100.00", reference: "2026120222001", method: "alipay")
            #expect(answer.status == .created)
            #expect((answer.string("id"))?.hasPrefix("txn_") == true)
            #expect(answer.string("accountId") == developer.id)
            #expect(answer.string("amount") == "100.0000")
            #expect(answer.string("currency") == "CNY")
            #expect(answer.string("method") == "alipay")
            #expect(answer.string("reference") == "2026120222001")
            #expect(answer.string("createdAt") == Timestamp(api.server.clock.now).description)
            #expect(answer.string("balance") == "100.0000")
            #expect(try await api.get("/v1/balance", token: developer.key).string("balance") == "100.0000")
        }
    }

    @Test("BILL-2 a top-up is idempotent on its reference: 201 then 200 with the same id, the balance counted once")
    func idempotentOnReference() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let first = try await api.topUp(developer.id, amount: "100", reference: "alipay-123")
            api.server.clock.advance(seconds: 30)
            let again = try await api.topUp(developer.id, amount: "100", reference: "alipay-123")
            #expect(first.status == .created)
            #expect(again.status == .ok)
            #expect(again.string("id") == first.string("id"))
            #expect(again.string("createdAt") == first.string("createdAt"))
            #expect(again.string("balance") == "100.0000")
            #expect(try await api.operatorBalance(developer.id) == "100.0000")
            let ledger = try await api.get("/v1/account/export", token: developer.session)["ledger"] as? [Any]
            #expect(ledger?.count == 1)
        }
    }

    @Test("BILL-2 the same reference with another amount answers the first top-up unchanged and credits nothing more")
    func sameReferenceOtherAmount() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let first = try await api.topUp(developer.id, amount: "100", reference: "alipay-9")
            let other = try await api.topUp(developer.id, amount: "999", reference: "alipay-9")
            #expect(other.status == .ok)
            #expect(other.string("id") == first.string("id"))
            #expect(other.string("amount") == "100.0000")
            #expect(try await api.operatorBalance(developer.id) == "100.0000")
        }
    }

    @Test("BILL-2 bad amounts are 400 on amount and credit nothing: 0, negative, 3 decimals, text, a number, too large")
    func badAmounts() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let amounts: [Any] = ["0", "0.00", "-5", "-0.01", "1.234", "abc", "", "1e3", " 10", 10, 10.5, "100000001", NSNull()]
            for (index, amount) in amounts.enumerated() {
                let answer = try await api.admin(
                    .post, "/v1/admin/accounts/\(developer.id)/top-ups", ["amount": amount, "method": "alipay", "reference": "r\(index)"])
                #expect(answer.status == .badRequest, "\(amount): \(answer)")
                #expect(["invalid_field", "missing_field"].contains(answer.errorCode ?? ""), "\(amount)")
                #expect(answer.errorField == "amount", "\(amount)")
                #expect(answer.isErrorShape)
            }
            #expect(try await api.operatorBalance(developer.id) == "0.0000")
            #expect(try await api.topUp(developer.id, amount: "100000000", reference: "largest").status == .created)
        }
    }

    @Test("BILL-2 a bad method or reference is 400 naming it; missing ones are 400 missing_field")
    func badMethodOrReference() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let cases: [([String: Any], String)] = [
                (["amount": "10", "reference": "r1"], "method"),
                (["amount": "10", "method": "alipay"], "reference"),
                (["amount": "10", "method": "ali pay", "reference": "r1"], "method"),
                (["amount": "10", "method": "支付宝", "reference": "r1"], "method"),
                (["amount": "10", "method": String(repeating: "m", count: 41), "reference": "r1"], "method"),
                (["amount": "10", "method": "alipay", "reference": "has space"], "reference"),
                (["amount": "10", "method": "alipay", "reference": ""], "reference"),
                (["amount": "10", "method": "alipay", "reference": String(repeating: "r", count: 129)], "reference"),
                (["amount": "10", "method": 1, "reference": "r1"], "method"),
            ]
            for (body, field) in cases {
                let answer = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/top-ups", body)
                #expect(answer.status == .badRequest, "\(body): \(answer)")
                #expect(answer.errorField == field, "\(body)")
            }
            let unknown = try await api.admin(
                .post, "/v1/admin/accounts/\(developer.id)/top-ups", ["amount": "10", "method": "alipay", "reference": "r1", "note": "x"])
            #expect(unknown.errorCode == "unknown_field")
            let invalid = try await api.send(
                .post, "/v1/admin/accounts/\(developer.id)/top-ups", raw: Data("{".utf8), token: TestServer.adminToken)
            #expect(invalid.errorCode == "invalid_json")
            #expect(try await api.operatorBalance(developer.id) == "0.0000")
        }
    }

    @Test("A top-up to an unknown account is 404; to a terminated one 409 account_closed")
    func topUpTargets() async throws {
        try await withAPI { api in
            let unknown = try await api.topUp("acc_nobody", amount: "10", reference: "r1")
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "not_found")
            let developer = try await api.developer("ada@example.com")
            #expect(try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/terminate").status == .ok)
            let closed = try await api.topUp(developer.id, amount: "10", reference: "r2")
            #expect(closed.status == .conflict)
            #expect(closed.errorCode == "account_closed")
            #expect(try await api.operatorBalance(developer.id) == "0.0000")
        }
    }

    @Test("BILL-2 a top-up reference belongs to its account: the same reference on another account is that account's own")
    func referencePerAccount() async throws {
        try await withAPI { api in
            let ada = try await api.developer("ada@example.com")
            let bob = try await api.developer("bob@example.com", name: "Bob Builder")
            let forAda = try await api.topUp(ada.id, amount: "10", reference: "shared-ref")
            let forBob = try await api.topUp(bob.id, amount: "20", reference: "shared-ref")
            #expect(forBob.string("accountId") == bob.id, "never answers another account's entry")
            #expect(forBob.string("id") != forAda.string("id"))
            #expect(try await api.operatorBalance(ada.id) == "10.0000")
        }
    }
}
