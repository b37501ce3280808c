import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import Testing

@testable import SwitchboardServer

/// `/v1/account` and `/v1/account/history`: the caller's own profile, kept current with a
/// history of what changed when (ACCT-2).
@Suite("Account and profile history")
struct AccountTests {
    @Test("GET /v1/account shows the caller's account, by session or by key, without secrets")
    func show() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            for token in [developer.session, developer.key] {
                let answer = try await api.get("/v1/account", token: token)
                #expect(answer.status == .ok)
                #expect(answer.string("id") == developer.id)
                #expect(answer.string("email") == "ada@example.com")
                #expect(answer.string("lastLoginAt") != nil)
                for secret in ["passwordHash", "signingSecret", "apiKeys", "sessions"] { #expect(answer[secret] == nil) }
            }
        }
    }

    @Test("GET /v1/account without a token is 401 with WWW-Authenticate; with the admin token 403 developer_only")
    func showNeedsDeveloper() async throws {
        try await withAPI { api in
            let anonymous = try await api.get("/v1/account")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.errorCode == "authentication_required")
            #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
            #expect(anonymous.isErrorShape)
            let asOperator = try await api.admin(.get, "/v1/account")
            #expect(asOperator.status == .forbidden)
            #expect(asOperator.errorCode == "developer_only")
        }
    }

    @Test("ACCT-2 PATCH /v1/account changes the profile and keeps a history of what changed and when")
    func patchKeepsHistory() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let firstMoment = Timestamp(api.server.clock.now)
            let first = try await api.patch("/v1/account", ["name": "Ada King", "phone": "+8613900139000"], token: developer.session)
            #expect(first.status == .ok)
            #expect(first.string("name") == "Ada King")
            #expect(first.string("phone") == "+8613900139000")

            api.server.clock.advance(seconds: 3600)
            let secondMoment = Timestamp(api.server.clock.now)
            let second = try await api.patch(
                "/v1/account", ["lowBalanceThreshold": "5.5", "callbackUrl": "https://hooks.example.com/sms"], token: developer.key)
            #expect(second.status == .ok)
            #expect(second.string("lowBalanceThreshold") == "5.5000")
            #expect(second.string("callbackUrl") == "https://hooks.example.com/sms")
            #expect(second.string("name") == "Ada King")

            let history = try await api.get("/v1/account/history", token: developer.session)
            #expect(history.status == .ok)
            let changes = history.list
            #expect(changes.count == 4)
            // Newest first.
            #expect(changes.prefix(2).allSatisfy { $0["at"] as? String == secondMoment.description })
            #expect(changes.suffix(2).allSatisfy { $0["at"] as? String == firstMoment.description })
            let byNew = Dictionary(uniqueKeysWithValues: changes.map { ($0["newValue"] as? String ?? "", $0) })
            #expect(byNew["Ada King"]?["oldValue"] as? String == "Ada Lovelace")
            #expect(byNew["+8613900139000"]?["oldValue"] as? String == "+8613800138000")
            #expect(byNew["5.5000"]?["oldValue"] as? String == "10.0000")
            #expect(byNew["https://hooks.example.com/sms"]?["oldValue"] == nil)

            let me = try await api.get("/v1/account", token: developer.key)
            #expect(me.string("name") == "Ada King")
        }
    }

    @Test("ACCT-2 the history names each changed field as the API spells it")
    func historyFieldNames() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.patch(
                "/v1/account",
                ["name": "Ada King", "phone": "+8613900139000", "lowBalanceThreshold": "1", "callbackUrl": "https://hooks.example.com/a"],
                token: developer.session)
            let fields = Set(try await api.get("/v1/account/history", token: developer.session).list.compactMap { $0["field"] as? String })
            #expect(fields == ["name", "phone", "lowBalanceThreshold", "callbackUrl"])
        }
    }

    @Test("ACCT-2 a PATCH that changes nothing records nothing")
    func patchSameValues() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let answer = try await api.patch("/v1/account", ["name": "Ada Lovelace", "phone": "+8613800138000"], token: developer.session)
            #expect(answer.status == .ok)
            #expect(try await api.get("/v1/account/history", token: developer.session).list.isEmpty)
        }
    }

    @Test("ACCT-2 null clears a clearable field and the history records the old value")
    func patchClears() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let answer = try await api.patch("/v1/account", ["phone": NSNull(), "lowBalanceThreshold": NSNull()], token: developer.session)
            #expect(answer.status == .ok)
            #expect(answer["phone"] == nil || answer["phone"] is NSNull)
            #expect(answer["lowBalanceThreshold"] == nil || answer["lowBalanceThreshold"] is NSNull)
            let history = try await api.get("/v1/account/history", token: developer.session).list
            #expect(history.count == 2)
            #expect(history.contains { $0["oldValue"] as? String == "+8613800138000" })
        }
    }

    @Test("ACCT-3 renaming to a reserved name is 422 name_reserved and changes nothing")
    func patchReservedName() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let answer = try await api.patch("/v1/account", ["name": "Fixture Telecom Support"], token: developer.session)
            #expect(answer.status == .unprocessableContent)
            #expect(answer.errorCode == "name_reserved")
            #expect(answer.errorField == "name", "the error names the request's field")
            #expect(answer.isErrorShape)
            #expect(try await api.get("/v1/account", token: developer.session).string("name") == "Ada Lovelace")
            #expect(try await api.get("/v1/account/history", token: developer.session).list.isEmpty)
        }
    }

    @Test("ACCT-1 an organisation cannot clear its name or registration number; an individual cannot set them")
    func patchOrganisationFields() async throws {
        try await withAPI { api in
            let created = try await api.post(
                "/v1/accounts",
                api.registration(
                    email: "ops@acme.example", name: "Acme Messaging", entityType: "organization",
                    extra: ["organizationName": "Acme Ltd.", "registrationNumber": "12345"]))
            #expect(created.status == .created)
            let organisation = try await api.login(email: "ops@acme.example")
            let cleared = try await api.patch("/v1/account", ["organizationName": NSNull()], token: organisation)
            #expect(cleared.status == .badRequest)
            #expect(cleared.errorField == "organizationName")
            let clearedNumber = try await api.patch("/v1/account", ["registrationNumber": ""], token: organisation)
            #expect(clearedNumber.status == .badRequest)
            #expect(clearedNumber.errorField == "registrationNumber")

            let individual = try await api.developer("ada@example.com")
            let set = try await api.patch("/v1/account", ["organizationName": "Ada Ltd."], token: individual.session)
            #expect(set.status == .badRequest)
            #expect(set.errorField == "organizationName")
        }
    }

    @Test(
        "PATCH errors name the request field: unknown or read-only field, wrong type, too long, bad number, bad amount, bad URL, bad JSON")
    func patchErrors() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            var cases: [(body: [String: Any], status: HTTPResponse.Status, code: String, field: String)] = []
            cases.append((["email": "other@example.com"], .badRequest, "unknown_field", "email"))
            cases.append((["status": "active"], .badRequest, "unknown_field", "status"))
            cases.append((["name": 7], .badRequest, "invalid_field", "name"))
            cases.append((["name": String(repeating: "n", count: 101)], .badRequest, "invalid_field", "name"))
            cases.append((["phone": "0213800"], .unprocessableContent, "invalid_number", "phone"))
            cases.append((["name": "   "], .badRequest, "invalid_field", "name"))
            cases.append((["lowBalanceThreshold": "abc"], .badRequest, "invalid_field", "lowBalanceThreshold"))
            cases.append((["lowBalanceThreshold": "1.23456"], .badRequest, "invalid_field", "lowBalanceThreshold"))
            cases.append((["lowBalanceThreshold": "-1"], .badRequest, "invalid_field", "lowBalanceThreshold"))
            cases.append((["lowBalanceThreshold": 5], .badRequest, "invalid_field", "lowBalanceThreshold"))
            cases.append((["callbackUrl": "not a url"], .badRequest, "invalid_field", "callbackUrl"))
            cases.append((["callbackUrl": "ftp://example.com/x"], .badRequest, "invalid_field", "callbackUrl"))
            for (body, status, code, field) in cases {
                let answer = try await api.patch("/v1/account", body, token: developer.session)
                #expect(answer.status == status, "\(body): \(answer)")
                #expect(answer.errorCode == code, "\(body)")
                #expect(answer.errorField == field, "\(body)")
                #expect(answer.isErrorShape)
            }
            let invalid = try await api.send(.patch, "/v1/account", raw: Data("{\"name\":".utf8), token: developer.session)
            #expect(invalid.status == .badRequest)
            #expect(invalid.errorCode == "invalid_json")
            let array = try await api.send(.patch, "/v1/account", raw: Data("[]".utf8), token: developer.session)
            #expect(array.errorCode == "invalid_json")
            let text = try await api.send(
                .patch, "/v1/account", raw: Data("name=x".utf8), contentType: "text/plain", token: developer.session)
            #expect(text.status == .unsupportedMediaType)
            #expect(try await api.get("/v1/account/history", token: developer.session).list.isEmpty)
            let me = try await api.get("/v1/account", token: developer.session)
            #expect(me.string("name") == "Ada Lovelace")
            #expect(me.string("email") == "ada@example.com")
        }
    }

    @Test("PATCH and history need a developer")
    func patchNeedsDeveloper() async throws {
        try await withAPI { api in
            let anonymous = try await api.patch("/v1/account", ["name": "X"])
            #expect(anonymous.status == .unauthorized)
            #expect(try await api.get("/v1/account/history").status == .unauthorized)
            #expect(try await api.send(.patch, "/v1/account", json: ["name": "X"], token: TestServer.adminToken).status == .forbidden)
        }
    }
}

@Suite("Account: no transfer")
struct NoTransferTests {
    @Test("ACCT-4 an account cannot be handed over: PATCH refuses the e-mail, password, entity type and id")
    func noTransfer() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            for (field, value) in [
                ("email", "new-owner@example.com"), ("password", "another password"), ("entityType", "organization"), ("id", "acc_x"),
            ] {
                let answer = try await api.patch("/v1/account", [field: value], token: developer.session)
                #expect(answer.status == .badRequest, "\(field)")
                #expect(answer.errorCode == "unknown_field")
                #expect(answer.errorField == field)
            }
            #expect(
                try await api.post("/v1/sessions", ["email": "new-owner@example.com", "password": "another password"]).status
                    == .unauthorized)
            let me = try await api.get("/v1/account", token: developer.key)
            #expect(me.string("email") == "ada@example.com")
            #expect(me.string("entityType") == "individual")
        }
    }
}
