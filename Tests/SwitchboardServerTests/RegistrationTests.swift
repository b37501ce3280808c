import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import Testing

@testable import SwitchboardServer

/// `POST /v1/accounts`: who may register, under which name, accepting which agreement, and every
/// way a body can be wrong.
@Suite("Registration")
struct RegistrationTests {
    @Test("ACCT-1 an individual registers: 201 with the account in camelCase, no secrets, Location /v1/account")
    func individualRegisters() async throws {
        try await withAPI { api in
            let answer = try await api.post("/v1/accounts", api.registration(email: "Ada@Example.com"))
            #expect(answer.status == .created)
            #expect(answer.headers[.location] == "/v1/account")
            #expect(answer.headers[.contentType]?.hasPrefix("application/json") == true)
            let account = answer.json
            #expect((account["id"] as? String)?.hasPrefix("acc_") == true)
            #expect(account["status"] as? String == "active")
            #expect(account["name"] as? String == "Ada Lovelace")
            #expect(account["email"] as? String == "ada@example.com")
            #expect(account["entityType"] as? String == "individual")
            #expect(account["phone"] as? String == "+8613800138000")
            #expect(account["lowBalanceThreshold"] as? String == "10.0000")
            #expect(account["acceptedAgreementVersion"] as? String == "2.0")
            #expect(account["createdAt"] as? String == Timestamp(api.server.clock.now).description)
            #expect((account["capabilities"] as? [Any])?.isEmpty == true)
            for secret in ["password", "passwordHash", "signingSecret", "apiKeys", "sessions", "revision"] {
                #expect(account[secret] == nil, "\(secret) must not be shown")
            }
            #expect(!answer.text.contains(API.password))
            #expect(!answer.text.contains("$2b$"))
        }
    }

    @Test("ACCT-1 an organisation registers with its name and registration number")
    func organisationRegisters() async throws {
        try await withAPI { api in
            let answer = try await api.post(
                "/v1/accounts",
                api.registration(
                    email: "ops@acme.example", name: "Acme Messaging", entityType: "organization",
                    extra: ["organizationName": "Acme Messaging Ltd.", "registrationNumber": "91310000MA1FL0001X"]))
            #expect(answer.status == .created)
            #expect(answer.string("entityType") == "organization")
            #expect(answer.string("organizationName") == "Acme Messaging Ltd.")
            #expect(answer.string("registrationNumber") == "91310000MA1FL0001X")
        }
    }

    @Test("ACCT-1 an organisation without its name or registration number is 400 naming the missing field")
    func organisationWithoutItsFields() async throws {
        try await withAPI { api in
            let none = try await api.post("/v1/accounts", api.registration(email: "a@acme.example", entityType: "organization"))
            #expect(none.status == .badRequest)
            #expect(none.errorCode == "invalid_field")
            #expect(none.errorField == "organizationName")
            #expect(none.isErrorShape)

            let noNumber = try await api.post(
                "/v1/accounts",
                api.registration(email: "b@acme.example", entityType: "organization", extra: ["organizationName": "Acme Ltd."]))
            #expect(noNumber.status == .badRequest)
            #expect(noNumber.errorField == "registrationNumber")

            let blankName = try await api.post(
                "/v1/accounts",
                api.registration(
                    email: "c@acme.example", entityType: "organization",
                    extra: ["organizationName": "   ", "registrationNumber": "123"]))
            #expect(blankName.status == .badRequest)
            #expect(blankName.errorField == "organizationName")
            #expect(try await api.server.store.allAccounts().isEmpty)
        }
    }

    @Test("ACCT-1 an individual giving an organisation's details is refused, not half-registered")
    func individualWithOrganisationFields() async throws {
        try await withAPI { api in
            let answer = try await api.post(
                "/v1/accounts", api.registration(email: "a@example.com", extra: ["registrationNumber": "91310000MA1FL0001X"]))
            #expect(answer.status == .badRequest)
            #expect(answer.errorCode == "invalid_field")
            #expect(answer.errorField == "registrationNumber")
            #expect(try await api.server.store.allAccounts().isEmpty)
        }
    }

    @Test("ACCT-1 an unknown entity type is 400 on entityType")
    func unknownEntityType() async throws {
        try await withAPI { api in
            let answer = try await api.post("/v1/accounts", api.registration(email: "a@example.com", entityType: "robot"))
            #expect(answer.status == .badRequest)
            #expect(answer.errorField == "entityType")
        }
    }

    @Test("AGR-1 a missing, outdated or unknown agreement version is 422 agreement_not_accepted and opens nothing")
    func agreementNotAccepted() async throws {
        try await withAPI { api in
            var missing = api.registration(email: "a@example.com")
            missing["acceptAgreement"] = nil
            var nullVersion = api.registration(email: "a@example.com")
            nullVersion["acceptAgreement"] = NSNull()
            for body in [
                missing, nullVersion, api.registration(email: "a@example.com", extra: ["acceptAgreement": "1.0"]),
                api.registration(email: "a@example.com", extra: ["acceptAgreement": "3.0"]),
                api.registration(email: "a@example.com", extra: ["acceptAgreement": ""]),
            ] {
                let answer = try await api.post("/v1/accounts", body)
                #expect(answer.status == .unprocessableContent, "\(body["acceptAgreement"] ?? "absent")")
                #expect(answer.errorCode == "agreement_not_accepted")
                #expect(answer.errorField == "acceptAgreement")
                #expect(answer.isErrorShape)
            }
            #expect(try await api.server.store.allAccounts().isEmpty)
        }
    }

    @Test("AGR-1 the version to accept is the one in effect at the moment of registration (1.0 before 2.0 takes effect)")
    func agreementInEffectBeforeUpdate() async throws {
        try await withAPI(at: Moments.beforeAgreement2) { api in
            let upcoming = try await api.post("/v1/accounts", api.registration(email: "a@example.com", extra: ["acceptAgreement": "2.0"]))
            #expect(upcoming.status == .unprocessableContent)
            #expect(upcoming.errorCode == "agreement_not_accepted")
            let current = try await api.post("/v1/accounts", api.registration(email: "a@example.com", extra: ["acceptAgreement": "1.0"]))
            #expect(current.status == .created)
            #expect(current.string("acceptedAgreementVersion") == "1.0")
        }
    }

    @Test("AGR-1 acceptance is recorded with the version, the time and the source address")
    func acceptanceRecorded() async throws {
        try await withAPI(.live) { api in
            let answer = try await api.post("/v1/accounts", api.registration(email: "a@example.com"))
            #expect(answer.status == .created)
            let id = try #require(answer.string("id"))
            let stored = try await api.server.storedAccount(id)
            #expect(stored.agreementAcceptances.count == 1)
            let acceptance = try #require(stored.agreementAcceptances.first)
            #expect(acceptance.version == "2.0")
            #expect(acceptance.at == Timestamp(api.server.clock.now))
            #expect(acceptance.method == .clicked)
            #expect(["127.0.0.1", "::1"].contains(acceptance.sourceAddress ?? "none"), "\(acceptance.sourceAddress ?? "none")")

            let session = try await api.login(email: "a@example.com")
            let agreement = try await api.get("/v1/agreement", token: session)
            let shown = try #require((agreement["acceptances"] as? [[String: Any]])?.first)
            #expect(shown["version"] as? String == "2.0")
            #expect(shown["method"] as? String == "clicked")
            #expect(shown["acceptedAt"] as? String == Timestamp(api.server.clock.now).description)
            #expect(shown["sourceAddress"] as? String == acceptance.sourceAddress)
        }
    }

    @Test("ACCT-3 a reserved or look-alike name is 422 name_reserved, for the name and for the organisation")
    func reservedNames() async throws {
        try await withAPI { api in
            for name in ["Fixture Telecom", "ADMIN", "fixture telecom", "Official"] {
                let answer = try await api.post("/v1/accounts", api.registration(email: "a@example.com", name: name))
                #expect(answer.status == .unprocessableContent, "\(name)")
                #expect(answer.errorCode == "name_reserved", "\(name)")
                #expect(answer.errorField == "name")
            }
            let organisation = try await api.post(
                "/v1/accounts",
                api.registration(
                    email: "b@example.com", name: "Bob", entityType: "organization",
                    extra: ["organizationName": "Fixture Telecom Ltd.", "registrationNumber": "123"]))
            #expect(organisation.status == .unprocessableContent)
            #expect(organisation.errorCode == "name_reserved")
            #expect(organisation.errorField == "organizationName")
            #expect(try await api.server.store.allAccounts().isEmpty)
        }
    }

    @Test("A second registration with the same e-mail, in any case, is 409 email_taken")
    func duplicateEmail() async throws {
        try await withAPI { api in
            try await api.register(email: "ada@example.com")
            for email in ["ada@example.com", "ADA@Example.COM"] {
                let answer = try await api.post("/v1/accounts", api.registration(email: email, name: "Someone Else"))
                #expect(answer.status == .conflict, "\(email)")
                #expect(answer.errorCode == "email_taken")
                #expect(answer.errorField == "email")
                #expect(answer.isErrorShape)
            }
            #expect(try await api.server.store.allAccounts().count == 1)
        }
    }

    @Test("Malformed fields are 400 naming the field; a number that is not E.164 is 422 invalid_number")
    func malformedFields() async throws {
        try await withAPI { api in
            var cases: [(field: String, value: Any, status: HTTPResponse.Status, code: String)] = []
            cases.append(("email", "not-an-address", .badRequest, "invalid_field"))
            cases.append(("email", "a b@example.com", .badRequest, "invalid_field"))
            cases.append(("password", "short", .badRequest, "invalid_field"))
            cases.append(("password", String(repeating: "x", count: 73), .badRequest, "invalid_field"))
            cases.append(("phone", "13800138000", .unprocessableContent, "invalid_number"))
            cases.append(("phone", "+86 138", .unprocessableContent, "invalid_number"))
            cases.append(("name", "   ", .badRequest, "invalid_field"))
            cases.append(("name", "Tab\tName", .badRequest, "invalid_field"))
            for (field, value, status, code) in cases {
                let answer = try await api.post("/v1/accounts", api.registration(email: "a@example.com", extra: [field: value]))
                #expect(answer.status == status, "\(field)=\(value): \(answer)")
                #expect(answer.errorCode == code, "\(field)=\(value)")
                #expect(answer.errorField == field, "\(field)=\(value)")
            }
            #expect(try await api.server.store.allAccounts().isEmpty)
        }
    }

    @Test("A missing required field is 400 missing_field naming it")
    func missingField() async throws {
        try await withAPI { api in
            for field in ["name", "email", "password", "phone", "entityType"] {
                var body = api.registration(email: "a@example.com")
                body[field] = nil
                let answer = try await api.post("/v1/accounts", body)
                #expect(answer.status == .badRequest, "\(field)")
                #expect(answer.errorCode == "missing_field", "\(field)")
                #expect(answer.errorField == field)
            }
            let empty = try await api.send(.post, "/v1/accounts", raw: Data())
            #expect(empty.status == .badRequest)
            #expect(empty.errorCode == "missing_field")
        }
    }

    @Test("An unknown field is 400 unknown_field naming it")
    func unknownField() async throws {
        try await withAPI { api in
            let answer = try await api.post("/v1/accounts", api.registration(email: "a@example.com", extra: ["status": "active"]))
            #expect(answer.status == .badRequest)
            #expect(answer.errorCode == "unknown_field")
            #expect(answer.errorField == "status")
            #expect(try await api.server.store.allAccounts().isEmpty)
        }
    }

    @Test("A field of the wrong type is 400 invalid_field naming it")
    func wrongType() async throws {
        try await withAPI { api in
            for (field, value) in [("name", 42), ("email", true), ("acceptAgreement", 2.0), ("phone", ["+8613800138000"])]
                as [(String, Any)]
            {
                let answer = try await api.post("/v1/accounts", api.registration(email: "a@example.com", extra: [field: value]))
                #expect(answer.status == .badRequest, "\(field)")
                #expect(answer.errorCode == "invalid_field", "\(field)")
                #expect(answer.errorField == field)
            }
        }
    }

    @Test("A string longer than its field allows is 400 invalid_field")
    func stringTooLong() async throws {
        try await withAPI { api in
            let long: [(String, Int)] = [("name", 101), ("email", 255), ("password", 201), ("phone", 33), ("acceptAgreement", 65)]
            for (field, length) in long {
                let answer = try await api.post(
                    "/v1/accounts", api.registration(email: "a@example.com", extra: [field: String(repeating: "a", count: length)]))
                #expect(answer.status == .badRequest, "\(field)")
                #expect(answer.errorCode == "invalid_field", "\(field)")
                #expect(answer.errorField == field)
            }
        }
    }

    @Test("Invalid JSON, bad UTF-8 and a JSON array or string body are 400 invalid_json")
    func notAJSONObject() async throws {
        try await withAPI { api in
            let bodies: [Data] = [
                Data("{\"name\": ".utf8), Data("not json".utf8), Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]),
                Data("[{\"name\": \"Ada\"}]".utf8), Data("\"Ada\"".utf8), Data("null".utf8),
            ]
            for body in bodies {
                let answer = try await api.send(.post, "/v1/accounts", raw: body)
                #expect(answer.status == .badRequest, "\(String(decoding: body, as: UTF8.self))")
                #expect(answer.errorCode == "invalid_json")
                #expect(answer.isErrorShape)
            }
            #expect(try await api.server.store.allAccounts().isEmpty)
        }
    }

    @Test("A body over maxRequestBytes is 413 payload_too_large in the JSON error shape")
    func bodyTooLarge() async throws {
        try await withAPI(configure: { $0.maxRequestBytes = 2048 }) { api in
            var body = api.registration(email: "a@example.com")
            body["name"] = String(repeating: "a", count: 4096)
            let answer = try await api.post("/v1/accounts", body)
            #expect(answer.status == .contentTooLarge)
            #expect(answer.errorCode == "payload_too_large")
            #expect(answer.isErrorShape)
            #expect(try await api.server.store.allAccounts().isEmpty)
        }
    }

    @Test("A body over the default limit of 1 MiB is 413 too")
    func bodyOverDefaultLimit() async throws {
        try await withAPI { api in
            let answer = try await api.send(.post, "/v1/accounts", raw: Data(repeating: 0x20, count: 1_048_577))
            #expect(answer.status == .contentTooLarge)
            #expect(answer.errorCode == "payload_too_large")
            #expect(answer.isErrorShape)
        }
    }

    @Test("A body that is not application/json is 415 unsupported_media_type")
    func wrongContentType() async throws {
        try await withAPI { api in
            let json = try JSONSerialization.data(withJSONObject: api.registration(email: "a@example.com"))
            for type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
                let answer = try await api.send(.post, "/v1/accounts", raw: json, contentType: type)
                #expect(answer.status == .unsupportedMediaType, "\(type)")
                #expect(answer.errorCode == "unsupported_media_type")
                #expect(answer.isErrorShape)
            }
            let charset = try await api.send(.post, "/v1/accounts", raw: json, contentType: "application/json; charset=utf-8")
            #expect(charset.status == .created)
        }
    }
}

@Suite("Registration: hostile bodies")
struct HostileBodyTests {
    @Test("Deeply nested JSON is 400 invalid_json, not a crash")
    func deeplyNested() async throws {
        try await withAPI { api in
            let depth = 100_000
            let body = Data((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
            let answer = try await api.send(.post, "/v1/accounts", raw: body)
            #expect(answer.status == .badRequest)
            #expect(answer.errorCode == "invalid_json")
            let object = Data((String(repeating: "{\"a\":", count: 10_000) + "1" + String(repeating: "}", count: 10_000)).utf8)
            let nested = try await api.send(.post, "/v1/accounts", raw: object)
            #expect(nested.status == .badRequest)
        }
    }

    @Test("A NUL or other control character in a name is 400, never stored")
    func controlCharacters() async throws {
        try await withAPI { api in
            for name in ["Ada\u{0}Lovelace", "Ada\u{7F}", "Ada\u{1B}[31m"] {
                let answer = try await api.post("/v1/accounts", api.registration(email: "a@example.com", name: name))
                #expect(answer.status == .badRequest)
                #expect(answer.errorField == "name")
            }
            #expect(try await api.server.store.allAccounts().isEmpty)
        }
    }
}
