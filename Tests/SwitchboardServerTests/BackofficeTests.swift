import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import Testing

@testable import SwitchboardServer

/// `Backoffice` used directly, as `switchboard admin` does: a platform without an admin token at
/// a fixed moment, the same actions and refusals as the operator API.
@Suite("Backoffice (switchboard admin)")
struct BackofficeTests {
    /// The platform `switchboard admin` builds: no admin token, the clock fixed at `--now`.
    private func adminCommandBackoffice(_ server: TestServer) throws -> Backoffice {
        let moment = server.clock.now
        let facts = server.facts
        return try Backoffice(
            platform: Platform(store: server.store, settings: server.settings, adminToken: nil, site: { facts }, clock: { moment }))
    }

    @Test("accounts: search, status and pending filters, with limit Int.max as the command passes")
    func accounts() async throws {
        try await withAPI { api in
            let ada = try await api.developer("ada@example.com")
            let bob = try await api.developer("bob@example.com", name: "Bob Builder")
            _ = try await api.post("/v1/account/capabilities", ["capability": "sms", "acceptTerms": "2.0"], token: bob.session)
            let backoffice = try adminCommandBackoffice(api.server)
            #expect(try await backoffice.accounts(limit: Int.max).accounts.map(\.id) == [ada.id, bob.id].sorted())
            #expect(try await backoffice.accounts(matching: "BOB", limit: Int.max).accounts.map(\.id) == [bob.id])
            #expect(try await backoffice.accounts(pendingOnly: true, limit: Int.max).accounts.map(\.id) == [bob.id])
            #expect(try await backoffice.accounts(status: .suspended, limit: Int.max).accounts.isEmpty)
            let page = try await backoffice.accounts(limit: 1)
            #expect(page.accounts.count == 1)
            #expect(page.hasMore)
        }
    }

    @Test("describe prints the operator's view as JSON with the balance and no secrets")
    func describe() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.topUp(developer.id, amount: "7", reference: "r7")
            let backoffice = try adminCommandBackoffice(api.server)
            let text = try await backoffice.describe(try await backoffice.account(developer.id))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(json["id"] as? String == developer.id)
            #expect(json["balance"] as? String == "7.0000")
            #expect(json["currency"] as? String == "CNY")
            #expect(!text.contains("passwordHash") && !text.contains(developer.key))
            #expect(try await backoffice.balance(of: try await backoffice.account(developer.id)) == Money("7")!)
        }
    }

    @Test("CAP-1 decide approves a pending application; with none pending it refuses with 409 no_pending_application")
    func decide() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.post("/v1/account/capabilities", ["capability": "voice", "acceptTerms": "2.0"], token: developer.session)
            let backoffice = try adminCommandBackoffice(api.server)
            let account = try await backoffice.decide(accountId: developer.id, capability: .voice, approve: true, note: "by command")
            #expect(account.capabilities.first?.decision == .approved)
            #expect(account.capabilities.first?.note == "by command")
            await #expect(throws: APIError.self) {
                try await backoffice.decide(accountId: developer.id, capability: .voice, approve: false)
            }
            do {
                _ = try await backoffice.decide(accountId: developer.id, capability: .sms, approve: true)
                Issue.record("deciding without a pending application must throw")
            } catch let error as APIError {
                #expect(error.status == .conflict)
                #expect(error.code == "no_pending_application")
            }
        }
    }

    @Test("BILL-2 topUp is idempotent on the reference and refuses bad amounts and methods")
    func topUp() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let backoffice = try adminCommandBackoffice(api.server)
            let first = try await backoffice.topUp(
                accountId: developer.id, amount: Money("25")!, method: "bank_transfer", reference: "BT-1")
            #expect(first.created)
            #expect(first.balance == Money("25")!)
            let again = try await backoffice.topUp(
                accountId: developer.id, amount: Money("25")!, method: "bank_transfer", reference: "BT-1")
            #expect(!again.created)
            #expect(again.entry.id == first.entry.id)
            #expect(try await backoffice.balance(of: try await backoffice.account(developer.id)) == Money("25")!)
            for (amount, method) in [(Money.zero, "alipay"), (Money("-1")!, "alipay"), (Money("1")!, "ali pay")] {
                do {
                    _ = try await backoffice.topUp(accountId: developer.id, amount: amount, method: method, reference: "BT-2")
                    Issue.record("\(amount) by \(method) must be refused")
                } catch let error as APIError {
                    #expect(error.status == .badRequest)
                }
            }
        }
    }

    @Test("PLAT-3 apply moves the status and refuses illegal moves with 409; unknown accounts are 404")
    func apply() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let backoffice = try adminCommandBackoffice(api.server)
            #expect(try await backoffice.apply(.suspend, accountId: developer.id, reason: "abuse").status == .suspended)
            #expect(try await backoffice.apply(.resume, accountId: developer.id).status == .active)
            do {
                _ = try await backoffice.apply(.resume, accountId: developer.id)
                Issue.record("resuming an active account must throw")
            } catch let error as APIError {
                #expect(error.status == .conflict)
                #expect(error.code == "invalid_status_change")
            }
            do {
                _ = try await backoffice.account("acc_nobody")
                Issue.record("an unknown account must throw")
            } catch let error as APIError {
                #expect(error.status == .notFound)
            }
            #expect(StatusActionNames.all == ["suspend", "resume", "freeze", "terminate"])
        }
    }

    @Test("TERM-1 terminate through the backoffice settles the balance to zero and revokes credentials")
    func terminate() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.topUp(developer.id, amount: "9.99", reference: "r1")
            let backoffice = try adminCommandBackoffice(api.server)
            let account = try await backoffice.apply(.terminate, accountId: developer.id, eraseData: true)
            #expect(account.status == .terminated)
            #expect(account.email == "terminated+\(developer.id)@invalid")
            #expect(try await backoffice.balance(of: account) == .zero)
            #expect(try await api.get("/v1/account", token: developer.key).status == .unauthorized)
        }
    }
}

enum StatusActionNames {
    static let all = Backoffice.StatusAction.allCases.map(\.rawValue)
}
