import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import Testing

@testable import SwitchboardServer

/// `/v1/api-keys`: created from a session, shown once, kept as a hash, revocable (ACCT-4).
@Suite("API keys")
struct APIKeyTests {
    @Test("ACCT-4 an API key is shown once and stored only as its hash")
    func shownOnceStoredHashed() async throws {
        try await withAPI { api in
            let account = try await api.register(email: "ada@example.com")
            let id = try #require(account["id"] as? String)
            let session = try await api.login(email: "ada@example.com")
            let created = try await api.post("/v1/api-keys", token: session)
            #expect(created.status == .created)
            let key = try #require(created.string("key"))
            #expect(key.hasPrefix("sk_live_"))
            #expect(key.count == 48)
            #expect(created.string("prefix") == String(key.prefix(12)))
            #expect((created.string("id"))?.hasPrefix("key_") == true)
            #expect(created.string("createdAt") == Timestamp(api.server.clock.now).description)
            #expect(created["revokedAt"] == nil)

            let listed = try await api.get("/v1/api-keys", token: session)
            #expect(listed.status == .ok)
            #expect(listed.list.count == 1)
            #expect(listed.list.first?["id"] as? String == created.string("id"))
            #expect(listed.list.first?["key"] == nil)
            #expect(listed.list.first?["prefix"] as? String == String(key.prefix(12)))
            #expect(!listed.text.contains(key))
            #expect(listed["hasMore"] as? Bool == false)

            let file = try api.server.accountFile(id)
            #expect(!file.contains(key), "the key's text is not in the account file")
            #expect(file.contains(Secrets.hash(key)), "its SHA-256 is")
            #expect(!(try api.server.allDataText()).contains(key), "nor anywhere else under data/")

            let account2 = try await api.get("/v1/account", token: session)
            #expect(!account2.text.contains(key))
        }
    }

    @Test("ACCT-4 an API key authenticates as its account's bearer token")
    func keyIsBearer() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let me = try await api.get("/v1/account", token: developer.key)
            #expect(me.status == .ok)
            #expect(me.string("id") == developer.id)
            #expect(try await api.get("/v1/balance", token: developer.key).status == .ok)
        }
    }

    @Test("ACCT-4 a revoked key is 401 at once; revoking answers the key with revokedAt, again without change")
    func revoke() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let revoked = try await api.delete("/v1/api-keys/\(developer.keyId)", token: developer.session)
            #expect(revoked.status == .ok)
            #expect(revoked.string("id") == developer.keyId)
            let revokedAt = try #require(revoked.string("revokedAt"))
            #expect(revokedAt == Timestamp(api.server.clock.now).description)
            #expect(revoked["key"] == nil)

            let after = try await api.get("/v1/account", token: developer.key)
            #expect(after.status == .unauthorized)
            #expect(after.errorCode == "invalid_credentials")

            api.server.clock.advance(seconds: 60)
            let again = try await api.delete("/v1/api-keys/\(developer.keyId)", token: developer.session)
            #expect(again.status == .ok)
            #expect(again.string("revokedAt") == revokedAt)

            let listed = try await api.get("/v1/api-keys", token: developer.session)
            #expect(listed.list.first?["revokedAt"] as? String == revokedAt)
        }
    }

    @Test("Revoking an unknown key id is 404 not_found")
    func revokeUnknown() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let answer = try await api.delete("/v1/api-keys/key_doesnotexist", token: developer.session)
            #expect(answer.status == .notFound)
            #expect(answer.errorCode == "not_found")
            #expect(answer.isErrorShape)
            #expect(try await api.get("/v1/account", token: developer.key).status == .ok)
        }
    }

    @Test("ACCT-4 an API key cannot create, list or revoke keys: 403 session_required")
    func keyCannotManageKeys() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let attempts = [
                try await api.post("/v1/api-keys", token: developer.key),
                try await api.get("/v1/api-keys", token: developer.key),
                try await api.delete("/v1/api-keys/\(developer.keyId)", token: developer.key),
            ]
            for answer in attempts {
                #expect(answer.status == .forbidden)
                #expect(answer.errorCode == "session_required")
                #expect(answer.isErrorShape)
            }
            let stored = try await api.server.storedAccount(developer.id)
            #expect(stored.apiKeys.count == 1)
            #expect(stored.apiKeys.first?.revokedAt == nil)
        }
    }

    @Test("Key routes without a token are 401 authentication_required; with the admin token 403 developer_only")
    func keyRoutesNeedADeveloper() async throws {
        try await withAPI { api in
            for answer in [
                try await api.post("/v1/api-keys"), try await api.get("/v1/api-keys"), try await api.delete("/v1/api-keys/key_x"),
            ] {
                #expect(answer.status == .unauthorized)
                #expect(answer.errorCode == "authentication_required")
            }
            for answer in [
                try await api.admin(.post, "/v1/api-keys"), try await api.admin(.get, "/v1/api-keys"),
                try await api.admin(.delete, "/v1/api-keys/key_x"),
            ] {
                #expect(answer.status == .forbidden)
                #expect(answer.errorCode == "developer_only")
            }
        }
    }

    @Test("Creating a key takes no fields: an unknown one is 400 unknown_field and creates nothing")
    func createTakesNoFields() async throws {
        try await withAPI { api in
            try await api.register(email: "ada@example.com")
            let session = try await api.login(email: "ada@example.com")
            let answer = try await api.post("/v1/api-keys", ["name": "ci"], token: session)
            #expect(answer.status == .badRequest)
            #expect(answer.errorCode == "unknown_field")
            #expect(try await api.get("/v1/api-keys", token: session).list.isEmpty)
        }
    }

    @Test("An account holds at most 20 active keys: the 21st is 409 too_many_keys, and revoking one makes room")
    func keyLimit() async throws {
        try await withAPI { api in
            try await api.register(email: "ada@example.com")
            let session = try await api.login(email: "ada@example.com")
            var first = ""
            for index in 1...20 {
                let (id, _) = try await api.createKey(session: session)
                if index == 1 { first = id }
            }
            let refused = try await api.post("/v1/api-keys", token: session)
            #expect(refused.status == .conflict)
            #expect(refused.errorCode == "too_many_keys")
            #expect(try await api.delete("/v1/api-keys/\(first)", token: session).status == .ok)
            #expect(try await api.post("/v1/api-keys", token: session).status == .created)
        }
    }

    @Test("ACCT-4 reporting a compromise revokes every key and every session at once")
    func reportCompromise() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let (_, secondKey) = try await api.createKey(session: developer.session)
            let otherSession = try await api.login(email: "ada@example.com")
            let answer = try await api.post("/v1/account/compromised", token: developer.key)
            #expect(answer.status == .ok)
            #expect(answer["revokedApiKeys"] as? Int == 2)
            #expect(answer["revokedSessions"] as? Int == 2)
            for token in [developer.key, secondKey, developer.session, otherSession] {
                let after = try await api.get("/v1/account", token: token)
                #expect(after.status == .unauthorized)
                #expect(after.errorCode == "invalid_credentials")
            }
            let stored = try await api.server.storedAccount(developer.id)
            #expect(stored.apiKeys.allSatisfy { $0.revokedAt != nil })
            #expect(stored.sessions.allSatisfy { $0.revokedAt != nil })
            #expect(stored.status == .active)
            // The password still works: the developer logs in again and makes new keys.
            let fresh = try await api.login(email: "ada@example.com")
            #expect(try await api.get("/v1/account", token: fresh).status == .ok)
        }
    }

    @Test("Reporting a compromise needs a developer and takes no fields")
    func reportCompromiseErrors() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let anonymous = try await api.post("/v1/account/compromised")
            #expect(anonymous.status == .unauthorized)
            let unknown = try await api.post("/v1/account/compromised", ["everything": true], token: developer.session)
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorCode == "unknown_field")
            #expect(try await api.get("/v1/account", token: developer.key).status == .ok)
        }
    }
}
