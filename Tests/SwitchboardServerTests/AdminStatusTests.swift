import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardStore
import Testing

@testable import SwitchboardServer

/// `POST /v1/admin/accounts/{id}/{suspend|resume|freeze|terminate}` (PLAT-3, TERM-1, PKG-2).
@Suite("Operator: suspend, resume, freeze, terminate")
struct AdminStatusTests {
    @Test("PLAT-3 suspend then resume: the status moves and the history records each change with its reason")
    func suspendAndResume() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let suspended = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/suspend", ["reason": "spam complaints"])
            #expect(suspended.status == .ok)
            #expect(suspended.string("status") == "suspended")
            #expect(suspended.string("balance") == "0.0000")
            #expect(try await api.get("/v1/account", token: developer.key).string("status") == "suspended")

            api.server.clock.advance(seconds: 3600)
            let resumed = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/resume")
            #expect(resumed.status == .ok)
            #expect(resumed.string("status") == "active")

            let history = try await api.get("/v1/account/history", token: developer.session).list
            let statusChanges = history.filter { $0["field"] as? String == "status" }
            #expect(statusChanges.count == 2)
            #expect(statusChanges.last?["oldValue"] as? String == "active")
            #expect((statusChanges.last?["newValue"] as? String)?.contains("spam complaints") == true)
            #expect(statusChanges.first?["newValue"] as? String == "active")
        }
    }

    @Test("PLAT-3 illegal transitions are 409 invalid_status_change and change nothing")
    func illegalTransitions() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            func act(_ action: String) async throws -> Answer { try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/\(action)") }
            for action in ["resume"] {
                let answer = try await act(action)
                #expect(answer.status == .conflict, "active → \(action)")
                #expect(answer.errorCode == "invalid_status_change")
                #expect(answer.isErrorShape)
            }
            #expect(try await act("suspend").status == .ok)
            #expect(try await act("suspend").status == .conflict)
            #expect(try await act("freeze").status == .ok)
            for action in ["suspend", "resume", "freeze"] {
                let answer = try await act(action)
                #expect(answer.status == .conflict, "frozen → \(action)")
                #expect(answer.errorCode == "invalid_status_change")
            }
            #expect(try await api.server.storedAccount(developer.id).status == .frozen)
            #expect(try await act("terminate").status == .ok)
            for action in ["suspend", "resume", "freeze", "terminate"] {
                let answer = try await act(action)
                #expect(answer.status == .conflict, "terminated → \(action)")
            }
            #expect(try await api.server.storedAccount(developer.id).status == .terminated)
        }
    }

    @Test("PLAT-3 a frozen account can still sign in and read, but not apply for capabilities")
    func frozen() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            #expect(try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/freeze").string("status") == "frozen")
            #expect(try await api.get("/v1/balance", token: developer.key).status == .ok)
            #expect(try await api.get("/v1/account/export", token: developer.session).status == .ok)
            let apply = try await api.post(
                "/v1/account/capabilities", ["capability": "sms", "acceptTerms": "2.0"], token: developer.session)
            #expect(apply.status == .forbidden)
            #expect(apply.errorCode == "account_frozen")
        }
    }

    @Test("Status errors: unknown account 404, unknown action 404, eraseData on anything but terminate 400, bad body 400")
    func statusErrors() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let unknownAccount = try await api.admin(.post, "/v1/admin/accounts/acc_nobody/suspend")
            #expect(unknownAccount.status == .notFound)
            #expect(unknownAccount.errorCode == "not_found")
            let unknownAction = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/delete")
            #expect(unknownAction.status == .notFound)
            #expect(unknownAction.isErrorShape)
            let erase = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/suspend", ["eraseData": true])
            #expect(erase.status == .badRequest)
            #expect(erase.errorField == "eraseData")
            let wrongType = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/terminate", ["eraseData": "yes"])
            #expect(wrongType.status == .badRequest)
            #expect(wrongType.errorField == "eraseData")
            let unknownField = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/suspend", ["until": "2027-01-01"])
            #expect(unknownField.errorCode == "unknown_field")
            let longReason = try await api.admin(
                .post, "/v1/admin/accounts/\(developer.id)/suspend", ["reason": String(repeating: "r", count: 501)])
            #expect(longReason.status == .badRequest)
            #expect(try await api.server.storedAccount(developer.id).status == .active)
        }
    }

    @Test("TERM-1 PKG-2 terminating revokes keys and sessions and pays the balance out to zero through ledger entries")
    func terminate() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.topUp(developer.id, amount: "100", reference: "r1")
            _ = try await api.topUp(developer.id, amount: "23.45", reference: "r2")
            api.server.clock.advance(seconds: 60)
            let answer = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/terminate", ["reason": "contract ended"])
            #expect(answer.status == .ok)
            #expect(answer.string("status") == "terminated")
            #expect(answer.string("balance") == "0.0000")
            #expect(try await api.operatorBalance(developer.id) == "0.0000")
            #expect(answer.string("email") == "ada@example.com", "data kept unless eraseData")

            for token in [developer.key, developer.session] {
                let after = try await api.get("/v1/account", token: token)
                #expect(after.status == .unauthorized)
            }
            #expect(try await api.post("/v1/sessions", ["email": "ada@example.com", "password": API.password]).status == .unauthorized)

            let stored = try await api.server.storedAccount(developer.id)
            #expect(stored.apiKeys.allSatisfy { $0.revokedAt != nil })
            #expect(stored.sessions.allSatisfy { $0.revokedAt != nil })
            let ledger = try await api.server.store.ledgerEntries(accountId: developer.id, month: Timestamp(api.server.clock.now).month)
            #expect(ledger.filter { $0.kind == .topUp }.count == 2, "financial records retained")
            let payout = ledger.filter { $0.kind == .terminationRefund }
            #expect(payout.count == 1)
            #expect(payout.first?.amount == -Money("123.45")!)
            #expect(ledger.reduce(Money.zero) { $0 + $1.amount } == .zero)
        }
    }

    @Test("TERM-1 terminating with eraseData erases the personal data and keeps the money records")
    func terminateErasingData() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.topUp(developer.id, amount: "5", reference: "r1")
            let answer = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/terminate", ["eraseData": true])
            #expect(answer.status == .ok)
            #expect(answer.string("email") == "terminated+\(developer.id)@invalid")
            #expect(answer.string("name") == "(erased)")
            #expect(answer["phone"] == nil || answer["phone"] is NSNull)
            let file = try api.server.accountFile(developer.id)
            #expect(!file.contains("ada@example.com"))
            #expect(!file.contains("Ada Lovelace"))
            #expect(!file.contains("+8613800138000"))
            let ledger = try await api.server.store.ledgerEntries(accountId: developer.id, month: Timestamp(api.server.clock.now).month)
            #expect(ledger.count == 2)
            // The e-mail address is free again.
            #expect(try await api.post("/v1/accounts", api.registration(email: "ada@example.com")).status == .created)
        }
    }

    @Test("TERM-1 terminating an account with nothing on it writes no ledger entry")
    func terminateEmpty() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            #expect(try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/terminate").status == .ok)
            let ledger = try await api.server.store.ledgerEntries(accountId: developer.id, month: Timestamp(api.server.clock.now).month)
            #expect(ledger.isEmpty)
        }
    }
}

/// An SMS package bought from the balance, as the package route will record it (PKG-1).
func buyPackage(_ server: TestServer, accountId: String, id: String = "pkg_test", price: String = "38", segments: Int = 1000) async throws {
    let entry = LedgerEntry(
        id: "txn_\(UUID().uuidString.prefix(8))", accountId: accountId, at: Timestamp(server.clock.now), kind: .packagePurchase,
        amount: -Money(price)!, service: "sms-cn", reference: id, quantity: segments, description: "sms-1k")
    _ = try await server.store.appendLedger([entry])
}

@Suite("Operator: termination settles packages")
struct TerminationPackageTests {
    @Test("PKG-2 terminating by the operator refunds the unused package value with the balance, to zero")
    func refundsPackage() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.topUp(developer.id, amount: "100", reference: "r1")
            try await buyPackage(api.server, accountId: developer.id)
            let balance = try await api.get("/v1/balance", token: developer.key)
            #expect(balance.string("balance") == "62.0000")
            let package = try #require((balance["packages"] as? [[String: Any]])?.first)
            #expect(package["remaining"] as? Int == 1000)
            #expect(package["id"] as? String == "pkg_test")

            let answer = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/terminate")
            #expect(answer.string("balance") == "0.0000")
            let ledger = try await api.server.store.ledgerEntries(accountId: developer.id, month: Timestamp(api.server.clock.now).month)
            let refunds = ledger.filter { $0.kind == .terminationRefund }
            #expect(refunds.map(\.amount).sorted() == [-Money("100")!, Money("38")!])
        }
    }
}

@Suite("Operator: termination erases on request")
struct TerminationErasureTests {
    @Test("TERM-1 terminating with eraseData also erases the text and recipients of the account's sends; amounts stay")
    func eraseDataErasesSends() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.topUp(developer.id, amount: "1", reference: "r1")
            _ = try await PrivacyTests.storeSend(api.server, accountId: developer.id, body: "a very private text", to: "+8613512345678")
            api.server.clock.advance(seconds: 1)
            #expect(try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/terminate", ["eraseData": true]).status == .ok)
            let everything = try api.server.allDataText()
            #expect(!everything.contains("a very private text"))
            #expect(!everything.contains("+8613512345678"))
            let sends = try await api.server.store.sends(accountId: developer.id, month: Timestamp(api.server.clock.now).month)
            #expect(sends.count == 1)
            #expect(sends.first?.price == Money("0.0450")!)
        }
    }
}
