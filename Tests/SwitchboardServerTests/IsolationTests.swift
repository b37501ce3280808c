import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import Testing

@testable import SwitchboardServer

/// Account isolation (SPEC security): for every developer route, A's credentials never reveal
/// or change B's data.
@Suite("Account isolation")
struct IsolationTests {
    /// Two developers, B with money, a capability application, a profile change and a send.
    private func twoAccounts(_ api: API) async throws -> (a: Developer, b: Developer) {
        let a = try await api.developer("ada@example.com")
        let b = try await api.developer("bob@example.com", name: "Bob Builder")
        _ = try await api.topUp(b.id, amount: "77", reference: "bob-topup")
        _ = try await api.post("/v1/account/capabilities", ["capability": "voice", "acceptTerms": "2.0"], token: b.session)
        _ = try await api.patch("/v1/account", ["phone": "+8613911112222"], token: b.session)
        _ = try await PrivacyTests.storeSend(api.server, accountId: b.id, body: "bob's private message", to: "+8613122223333")
        return (a, b)
    }

    /// Bob's account as stored, to compare before and after.
    private func snapshot(_ api: API, _ b: Developer) async throws -> Account {
        try await api.server.storedAccount(b.id)
    }

    @Test("GET /v1/account, /history, /capabilities and /balance with A's session or key show only A")
    func reads() async throws {
        try await withAPI { api in
            let (a, b) = try await twoAccounts(api)
            for token in [a.session, a.key] {
                let account = try await api.get("/v1/account", token: token)
                #expect(account.string("id") == a.id)
                #expect(!account.text.contains(b.id) && !account.text.contains("bob@example.com"))
                let history = try await api.get("/v1/account/history", token: token)
                #expect(history.list.isEmpty)
                let capabilities = try await api.get("/v1/account/capabilities", token: token)
                #expect(capabilities.list.isEmpty)
                let balance = try await api.get("/v1/balance", token: token)
                #expect(balance.string("balance") == "0.0000")
                let agreement = try await api.get("/v1/agreement", token: token)
                #expect((agreement["acceptances"] as? [Any])?.count == 1)
                // Query parameters naming another account are ignored.
                let trick = try await api.get("/v1/account?id=\(b.id)&accountId=\(b.id)", token: token)
                #expect(trick.string("id") == a.id)
                let trickBalance = try await api.get("/v1/balance?accountId=\(b.id)", token: token)
                #expect(trickBalance.string("balance") == "0.0000")
            }
        }
    }

    @Test("A's export holds none of B's data: no ledger entry, send, key, e-mail or profile of B")
    func export() async throws {
        try await withAPI { api in
            let (a, b) = try await twoAccounts(api)
            _ = try await api.topUp(a.id, amount: "1", reference: "ada-topup")
            let export = try await api.get("/v1/account/export", token: a.session)
            #expect(export.status == .ok)
            let ledger = try #require(export["ledger"] as? [[String: Any]])
            #expect(ledger.count == 1)
            #expect(ledger.allSatisfy { $0["accountId"] as? String == a.id })
            #expect((export["sends"] as? [Any])?.isEmpty == true)
            for text in [b.id, "bob@example.com", "bob-topup", "77.0000", "bob's private message", "+8613911112222", b.keyId] {
                #expect(!export.text.contains(text), "\(text)")
            }
        }
    }

    @Test("Revoking B's key id with A's session is 404 and B's key still works")
    func revokeOthersKey() async throws {
        try await withAPI { api in
            let (a, b) = try await twoAccounts(api)
            let answer = try await api.delete("/v1/api-keys/\(b.keyId)", token: a.session)
            #expect(answer.status == .notFound)
            #expect(answer.errorCode == "not_found")
            #expect(try await api.get("/v1/account", token: b.key).string("id") == b.id)
            #expect(try await snapshot(api, b).apiKeys.allSatisfy { $0.revokedAt == nil })
        }
    }

    @Test("A's key list shows only A's keys, and a key A creates belongs to A")
    func keys() async throws {
        try await withAPI { api in
            let (a, b) = try await twoAccounts(api)
            let (_, newKey) = try await api.createKey(session: a.session)
            let listed = try await api.get("/v1/api-keys", token: a.session).list.compactMap { $0["id"] as? String }
            #expect(listed.count == 2)
            #expect(!listed.contains(b.keyId))
            #expect(try await api.get("/v1/account", token: newKey).string("id") == a.id)
            #expect(try await snapshot(api, b).apiKeys.count == 1)
        }
    }

    @Test("PATCH, capability applications, erase, compromise and logout by A leave B untouched")
    func writes() async throws {
        try await withAPI { api in
            let (a, b) = try await twoAccounts(api)
            let before = try await snapshot(api, b)
            #expect(try await api.patch("/v1/account", ["name": "Ada King"], token: a.session).string("id") == a.id)
            #expect(
                try await api.post("/v1/account/capabilities", ["capability": "sms", "acceptTerms": "2.0"], token: a.key).status == .created
            )
            #expect(try await api.post("/v1/account/erase", token: a.session)["erasedRecords"] as? Int == 0)
            #expect(try await api.post("/v1/account/compromised", token: a.key).status == .ok)
            let aSession = try await api.login(email: "ada@example.com")
            #expect(try await api.delete("/v1/sessions/current", token: aSession).status == .noContent)

            let after = try await snapshot(api, b)
            #expect(after.profile == before.profile)
            #expect(after.capabilities == before.capabilities)
            #expect(after.apiKeys == before.apiKeys)
            #expect(after.sessions == before.sessions)
            #expect(after.profileHistory == before.profileHistory)
            #expect(try await api.get("/v1/account", token: b.key).status == .ok)
            #expect(try await api.get("/v1/account", token: b.session).status == .ok)
            let export = try await api.get("/v1/account/export", token: b.session)
            #expect(export.text.contains("bob's private message"), "A's erase did not touch B's sends")
            #expect(try await api.get("/v1/balance", token: b.key).string("balance") == "76.9550")
        }
    }

    @Test("Idempotency keys are per account: B using A's key gets its own answer, not A's")
    func idempotencyPerAccount() async throws {
        try await withAPI { api in
            let a = try await api.developer("ada@example.com")
            let b = try await api.developer("bob@example.com", name: "Bob Builder")
            let fromA = try await api.post(
                "/v1/account/capabilities", ["capability": "sms", "acceptTerms": "2.0"], token: a.session,
                headers: [.idempotencyKey: "same-key"])
            let fromB = try await api.post(
                "/v1/account/capabilities", ["capability": "sms", "acceptTerms": "2.0"], token: b.session,
                headers: [.idempotencyKey: "same-key"])
            #expect(fromA.status == .created)
            #expect(fromB.status == .created)
            #expect(fromB.headers[.idempotentReplayed] == nil)
            #expect(try await api.server.storedAccount(b.id).capabilities.count == 1)
            let fromBOther = try await api.post(
                "/v1/account/capabilities", ["capability": "voice", "acceptTerms": "2.0"], token: b.session,
                headers: [.idempotencyKey: "a-only-key"])
            #expect(fromBOther.status == .created)
        }
    }

    @Test("A developer's credentials reach no operator route for B")
    func noOperatorRoutes() async throws {
        try await withAPI { api in
            let (a, b) = try await twoAccounts(api)
            let before = try await snapshot(api, b)
            for (method, uri, body) in [
                (HTTPRequest.Method.get, "/v1/admin/accounts/\(b.id)", nil),
                (.post, "/v1/admin/accounts/\(b.id)/top-ups", ["amount": "1", "method": "alipay", "reference": "x"]),
                (.post, "/v1/admin/accounts/\(b.id)/suspend", nil),
                (.post, "/v1/admin/accounts/\(b.id)/capabilities/voice/approve", nil),
            ] as [(HTTPRequest.Method, String, [String: Any]?)] {
                let answer = try await api.send(method, uri, json: body, token: a.key)
                #expect(answer.status == .forbidden, "\(uri)")
                #expect(!answer.text.contains("bob@example.com"))
            }
            let after = try await snapshot(api, b)
            #expect(after.status == before.status)
            #expect(after.capabilities == before.capabilities)
            #expect(try await api.operatorBalance(b.id) == "76.9550")
        }
    }
}
