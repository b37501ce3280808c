import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardStore
import Testing

@testable import SwitchboardServer

/// `GET /v1/account/export` and `POST /v1/account/erase` (PRIV-1).
@Suite("Privacy: export and erase")
struct PrivacyTests {
    /// Stores an SMS with its charge, as the send route will.
    static func storeSend(_ server: TestServer, accountId: String, body: String, to: String = "+8613700137000") async throws -> Send {
        let now = Timestamp(server.clock.now)
        let send = Send(
            id: "snd_\(UUID().uuidString.prefix(8))", accountId: accountId, channel: .sms, to: to, body: body, segments: 1,
            price: Money("0.0450")!, createdAt: now, statusHistory: [StatusChange(status: .queued, at: now)])
        let charge = LedgerEntry(
            id: "txn_\(UUID().uuidString.prefix(8))", accountId: accountId, at: now, kind: .charge, amount: -Money("0.0450")!,
            service: "sms-cn", sendId: send.id, quantity: 1)
        _ = try await server.store.commit(StoreTransaction(sends: [send], ledgerEntries: [charge]))
        return send
    }

    @Test("PRIV-1 the export holds the account, its history, acceptances, keys without their text, the ledger and the sends")
    func export() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.patch("/v1/account", ["name": "Ada King"], token: developer.session)
            let topUp = try await api.topUp(developer.id, amount: "50", reference: "alipay-50")
            let send = try await Self.storeSend(api.server, accountId: developer.id, body: "【Acme】Your code is 1234")

            let answer = try await api.get("/v1/account/export", token: developer.session)
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentDisposition]?.contains("attachment") == true)
            #expect(answer.headers[.contentDisposition]?.contains(developer.id) == true)
            #expect(answer.string("exportedAt") == Timestamp(api.server.clock.now).description)
            #expect(answer.object("account")["id"] as? String == developer.id)
            #expect((answer["profileHistory"] as? [Any])?.count == 1)
            let acceptances = try #require(answer["agreementAcceptances"] as? [[String: Any]])
            #expect(acceptances.first?["version"] as? String == "2.0")
            let keys = try #require(answer["apiKeys"] as? [[String: Any]])
            #expect(keys.map { $0["id"] as? String } == [developer.keyId])
            #expect(keys.first?["key"] == nil)
            let ledger = try #require(answer["ledger"] as? [[String: Any]])
            #expect(ledger.count == 2)
            let credit = try #require(ledger.first { $0["kind"] as? String == "topUp" })
            #expect(credit["id"] as? String == topUp.string("id"))
            #expect(credit["amount"] as? String == "50.0000")
            #expect(credit["currency"] as? String == "CNY")
            #expect(credit["reference"] as? String == "alipay-50")
            let charge = try #require(ledger.first { $0["kind"] as? String == "charge" })
            #expect(charge["amount"] as? String == "-0.0450")
            let sends = try #require(answer["sends"] as? [[String: Any]])
            #expect(sends.first?["id"] as? String == send.id)
            #expect(sends.first?["body"] as? String == "【Acme】Your code is 1234")
            for secret in [developer.key, developer.session, "passwordHash", "signingSecret", "$2b$"] {
                #expect(!answer.text.contains(secret), "\(secret.prefix(12))")
            }
        }
    }

    @Test("PRIV-1 erasing answers how many sends were erased; the bodies and numbers go, the amounts stay")
    func erase() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.topUp(developer.id, amount: "10", reference: "r-10")
            _ = try await Self.storeSend(api.server, accountId: developer.id, body: "first secret")
            _ = try await Self.storeSend(api.server, accountId: developer.id, body: "second secret")
            api.server.clock.advance(seconds: 1)

            let answer = try await api.post("/v1/account/erase", token: developer.session)
            #expect(answer.status == .ok)
            #expect(answer["erasedRecords"] as? Int == 2)
            #expect(answer.string("erasedBefore") == Timestamp(api.server.clock.now).description)

            let export = try await api.get("/v1/account/export", token: developer.session)
            #expect(!export.text.contains("secret"))
            #expect(!export.text.contains("+8613700137000"))
            let ledger = try #require(export["ledger"] as? [[String: Any]])
            #expect(ledger.count == 3)
            #expect(try await api.get("/v1/balance", token: developer.session).string("balance") == "9.9100")
            #expect(!(try api.server.allDataText()).contains("first secret"))

            let again = try await api.post("/v1/account/erase", token: developer.session)
            #expect(again["erasedRecords"] as? Int == 0)
        }
    }

    @Test("PRIV-1 erasing with nothing to erase answers 0")
    func eraseNothing() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let answer = try await api.post("/v1/account/erase", token: developer.key)
            #expect(answer.status == .ok)
            #expect(answer["erasedRecords"] as? Int == 0)
        }
    }

    @Test("Export and erase need a developer; erase takes no fields")
    func errors() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.topUp(developer.id, amount: "1", reference: "r1")
            _ = try await Self.storeSend(api.server, accountId: developer.id, body: "keep me")
            #expect(try await api.get("/v1/account/export").status == .unauthorized)
            #expect(try await api.post("/v1/account/erase").status == .unauthorized)
            #expect(try await api.admin(.get, "/v1/account/export").status == .forbidden)
            #expect(try await api.admin(.post, "/v1/account/erase").status == .forbidden)
            let unknown = try await api.post("/v1/account/erase", ["before": "2026-01-01"], token: developer.session)
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorCode == "unknown_field")
            let text = try await api.send(
                .post, "/v1/account/erase", raw: Data("x".utf8), contentType: "text/plain", token: developer.session)
            #expect(text.status == .unsupportedMediaType)
            let export = try await api.get("/v1/account/export", token: developer.session)
            #expect(export.text.contains("keep me"))
        }
    }
}
