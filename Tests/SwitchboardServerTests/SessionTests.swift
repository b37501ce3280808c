import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import Testing

@testable import SwitchboardServer

/// `POST /v1/sessions` and `DELETE /v1/sessions/current`: logging in and out (ACCT-4).
@Suite("Sessions")
struct SessionTests {
    @Test("ACCT-4 logging in answers a session token, its expiry and the account, and records the login")
    func logIn() async throws {
        try await withAPI { api in
            let account = try await api.register(email: "ada@example.com")
            let answer = try await api.post("/v1/sessions", ["email": "ADA@example.com", "password": API.password])
            #expect(answer.status == .created)
            let token = try #require(answer.string("token"))
            #expect(token.hasPrefix("sess_"))
            let expected = Timestamp(api.server.clock.now).adding(seconds: 720 * 3600)
            #expect(answer.string("expiresAt") == expected.description)
            #expect(answer.object("account")["id"] as? String == account["id"] as? String)
            #expect(answer.object("account")["lastLoginAt"] as? String == Timestamp(api.server.clock.now).description)

            let me = try await api.get("/v1/account", token: token)
            #expect(me.status == .ok)
            #expect(me.string("id") == account["id"] as? String)
            let stored = try await api.server.accountFile(try #require(account["id"] as? String))
            #expect(!stored.contains(token), "the session token is stored only as its hash")
            #expect(stored.contains(Secrets.hash(token)))
        }
    }

    @Test("ACCT-4 a wrong password and an unknown e-mail get the same 401 answer")
    func sameAnswerForWrongPasswordAndUnknownEmail() async throws {
        try await withAPI { api in
            try await api.register(email: "ada@example.com")
            let wrongPassword = try await api.post("/v1/sessions", ["email": "ada@example.com", "password": "not the password"])
            let unknownEmail = try await api.post("/v1/sessions", ["email": "nobody@example.com", "password": "not the password"])
            #expect(wrongPassword.status == .unauthorized)
            #expect(wrongPassword.errorCode == "invalid_login")
            #expect(wrongPassword.isErrorShape)
            #expect(unknownEmail.status == wrongPassword.status)
            #expect(unknownEmail.body == wrongPassword.body)
            #expect(unknownEmail.headers[.wwwAuthenticate] == wrongPassword.headers[.wwwAuthenticate])
        }
    }

    @Test("ACCT-4 after 5 failed logins the next attempt is 429 too_many_attempts with Retry-After, even with the right password")
    func rateLimited() async throws {
        try await withAPI { api in
            try await api.register(email: "ada@example.com")
            for attempt in 1...5 {
                let answer = try await api.post("/v1/sessions", ["email": "ada@example.com", "password": "wrong password \(attempt)"])
                #expect(answer.status == .unauthorized, "attempt \(attempt)")
            }
            let limited = try await api.post("/v1/sessions", ["email": "ada@example.com", "password": API.password])
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorCode == "too_many_attempts")
            #expect(limited.isErrorShape)
            let retryAfter = try #require(limited.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...15 * 60 + 1).contains(retryAfter))
            #expect(try await api.server.storedAccount(try #require(try await api.server.store.allAccounts().first?.id)).lastLoginAt == nil)
        }
    }

    @Test("ACCT-4 failures are counted per e-mail: another account can still log in from a throttled account's address")
    func rateLimitPerAccount() async throws {
        try await withAPI { api in
            try await api.register(email: "ada@example.com")
            try await api.register(email: "bob@example.com", name: "Bob Builder")
            for _ in 1...5 { _ = try await api.post("/v1/sessions", ["email": "ada@example.com", "password": "wrong password"]) }
            #expect(try await api.post("/v1/sessions", ["email": "ada@example.com", "password": API.password]).status == .tooManyRequests)
            #expect(try await api.post("/v1/sessions", ["email": "bob@example.com", "password": API.password]).status == .created)
        }
    }

    @Test("ACCT-4 a successful login clears the account's count of failures")
    func successClearsFailures() async throws {
        try await withAPI { api in
            try await api.register(email: "ada@example.com")
            for _ in 1...4 { _ = try await api.post("/v1/sessions", ["email": "ada@example.com", "password": "wrong password"]) }
            _ = try await api.login(email: "ada@example.com")
            for _ in 1...4 {
                let answer = try await api.post("/v1/sessions", ["email": "ada@example.com", "password": "wrong password"])
                #expect(answer.status == .unauthorized)
            }
            #expect(try await api.post("/v1/sessions", ["email": "ada@example.com", "password": API.password]).status == .created)
        }
    }

    @Test("Login bodies are checked like every body: missing fields, unknown fields, invalid JSON, wrong types")
    func loginBadBodies() async throws {
        try await withAPI { api in
            let missing = try await api.post("/v1/sessions", ["email": "ada@example.com"])
            #expect(missing.status == .badRequest)
            #expect(missing.errorCode == "missing_field")
            #expect(missing.errorField == "password")
            let unknown = try await api.post("/v1/sessions", ["email": "a@example.com", "password": "x", "remember": true])
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorCode == "unknown_field")
            let invalid = try await api.send(.post, "/v1/sessions", raw: Data("{".utf8))
            #expect(invalid.status == .badRequest)
            #expect(invalid.errorCode == "invalid_json")
            let wrongType = try await api.post("/v1/sessions", ["email": "a@example.com", "password": 1_234_567_890])
            #expect(wrongType.status == .badRequest)
            #expect(wrongType.errorField == "password")
            let text = try await api.send(.post, "/v1/sessions", raw: Data("email=a".utf8), contentType: "text/plain")
            #expect(text.status == .unsupportedMediaType)
        }
    }

    @Test("ACCT-4 logging out revokes the session used, and only that one")
    func logOut() async throws {
        try await withAPI { api in
            try await api.register(email: "ada@example.com")
            let first = try await api.login(email: "ada@example.com")
            let second = try await api.login(email: "ada@example.com")
            let answer = try await api.delete("/v1/sessions/current", token: first)
            #expect(answer.status == .noContent)
            let after = try await api.get("/v1/account", token: first)
            #expect(after.status == .unauthorized)
            #expect(after.errorCode == "invalid_credentials")
            #expect(after.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(try await api.get("/v1/account", token: second).status == .ok)
        }
    }

    @Test("ACCT-4 logging out needs a session: an API key is 403 session_required, nothing is 401")
    func logOutNeedsSession() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let withKey = try await api.delete("/v1/sessions/current", token: developer.key)
            #expect(withKey.status == .forbidden)
            #expect(withKey.errorCode == "session_required")
            let anonymous = try await api.delete("/v1/sessions/current")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.errorCode == "authentication_required")
            #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
            let asOperator = try await api.admin(.delete, "/v1/sessions/current")
            #expect(asOperator.status == .forbidden)
            #expect(asOperator.errorCode == "developer_only")
        }
    }

    @Test("ACCT-4 a session expires after sessionLifetimeHours")
    func sessionExpires() async throws {
        try await withAPI { api in
            try await api.register(email: "ada@example.com")
            let token = try await api.login(email: "ada@example.com")
            api.server.clock.advance(seconds: 719 * 3600)
            #expect(try await api.get("/v1/account", token: token).status == .ok)
            api.server.clock.advance(seconds: 2 * 3600)
            let expired = try await api.get("/v1/account", token: token)
            #expect(expired.status == .unauthorized)
            #expect(expired.errorCode == "invalid_credentials")
        }
    }

    @Test("An unknown bearer token is 401 invalid_credentials; another scheme is 401 authentication_required")
    func badAuthorization() async throws {
        try await withAPI { api in
            for token in ["sess_doesnotexist", "sk_live_doesnotexist", "something-else"] {
                let answer = try await api.get("/v1/account", token: token)
                #expect(answer.status == .unauthorized, "\(token)")
                #expect(answer.errorCode == "invalid_credentials", "\(token)")
                #expect(answer.isErrorShape)
            }
            let basic = try await api.get("/v1/account", headers: [.authorization: "Basic YWRhOnNlY3JldA=="])
            #expect(basic.status == .unauthorized)
            #expect(basic.errorCode == "authentication_required")
            let huge = try await api.get("/v1/account", headers: [.authorization: "Bearer " + String(repeating: "x", count: 600)])
            #expect(huge.status == .unauthorized)
        }
    }

    @Test("PLAT-3 a suspended or frozen developer can still log in; a terminated one cannot, with the same answer as a wrong password")
    func loginByStatus() async throws {
        try await withAPI { api in
            for (email, action) in [("s@example.com", "suspend"), ("f@example.com", "freeze"), ("t@example.com", "terminate")] {
                let account = try await api.register(email: email, name: "Person \(action.count)")
                let id = try #require(account["id"] as? String)
                #expect(try await api.admin(.post, "/v1/admin/accounts/\(id)/\(action)").status == .ok)
            }
            #expect(try await api.post("/v1/sessions", ["email": "s@example.com", "password": API.password]).status == .created)
            #expect(try await api.post("/v1/sessions", ["email": "f@example.com", "password": API.password]).status == .created)
            let terminated = try await api.post("/v1/sessions", ["email": "t@example.com", "password": API.password])
            let wrong = try await api.post("/v1/sessions", ["email": "s@example.com", "password": "wrong password"])
            #expect(terminated.status == .unauthorized)
            #expect(terminated.body == wrong.body)
        }
    }
}

@Suite("Sessions: throttling per address")
struct AddressThrottleTests {
    @Test("ACCT-4 after 20 failed logins from one address, any further login from it is 429, whatever the e-mail")
    func perAddress() async throws {
        try await withAPI { api in
            try await api.register(email: "ada@example.com")
            for index in 1...20 {
                let answer = try await api.post("/v1/sessions", ["email": "guess\(index)@example.com", "password": "wrong password"])
                #expect(answer.status == .unauthorized)
            }
            let limited = try await api.post("/v1/sessions", ["email": "ada@example.com", "password": API.password])
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
        }
    }
}
