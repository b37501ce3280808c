import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import Testing

@testable import SwitchboardServer

/// `/v1/account/capabilities` and the operator's decisions (CAP-1), with `Idempotency-Key`.
@Suite("Capabilities")
struct CapabilityTests {
    @Test("CAP-1 applying opens a pending application under the terms in effect")
    func apply() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let answer = try await api.post("/v1/account/capabilities", ["capability": "sms", "acceptTerms": "2.0"], token: developer.key)
            #expect(answer.status == .created)
            #expect(answer.string("capability") == "sms")
            #expect(answer.string("status") == "pending")
            #expect(answer.string("termsVersion") == "2.0")
            #expect(answer.string("appliedAt") == Timestamp(api.server.clock.now).description)
            #expect(answer["decidedAt"] == nil)

            let listed = try await api.get("/v1/account/capabilities", token: developer.session)
            #expect(listed.status == .ok)
            #expect(listed.list.count == 1)
            #expect(listed.list.first?["status"] as? String == "pending")
            let account = try await api.get("/v1/account", token: developer.session)
            #expect((account["capabilities"] as? [[String: Any]])?.first?["capability"] as? String == "sms")
        }
    }

    @Test("CAP-1 applying with wrong or missing terms is 422 agreement_not_accepted and records nothing")
    func wrongTerms() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            for body: [String: Any] in [
                ["capability": "sms"], ["capability": "sms", "acceptTerms": "1.0"], ["capability": "voice", "acceptTerms": "9"],
            ] {
                let answer = try await api.post("/v1/account/capabilities", body, token: developer.session)
                #expect(answer.status == .unprocessableContent, "\(body)")
                #expect(answer.errorCode == "agreement_not_accepted")
                #expect(answer.errorField == "acceptTerms")
                #expect(answer.isErrorShape)
            }
            #expect(try await api.get("/v1/account/capabilities", token: developer.session).list.isEmpty)
        }
    }

    @Test("CAP-1 an unknown or missing capability is 400")
    func badCapability() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let unknown = try await api.post(
                "/v1/account/capabilities", ["capability": "fax", "acceptTerms": "2.0"], token: developer.session)
            #expect(unknown.status == .badRequest)
            #expect(unknown.errorCode == "invalid_field")
            #expect(unknown.errorField == "capability")
            let missing = try await api.post("/v1/account/capabilities", ["acceptTerms": "2.0"], token: developer.session)
            #expect(missing.status == .badRequest)
            #expect(missing.errorCode == "missing_field")
            let extra = try await api.post(
                "/v1/account/capabilities", ["capability": "sms", "acceptTerms": "2.0", "status": "approved"], token: developer.session)
            #expect(extra.status == .badRequest)
            #expect(extra.errorCode == "unknown_field")
            let anonymous = try await api.post("/v1/account/capabilities", ["capability": "sms", "acceptTerms": "2.0"])
            #expect(anonymous.status == .unauthorized)
            #expect(try await api.get("/v1/account/capabilities").status == .unauthorized)
            #expect(try await api.admin(.get, "/v1/account/capabilities").status == .forbidden)
        }
    }

    @Test("CAP-1 applying again while pending is 409; after approval 409; after rejection a new application is allowed")
    func repeatApplications() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let body: [String: Any] = ["capability": "sms", "acceptTerms": "2.0"]
            #expect(try await api.post("/v1/account/capabilities", body, token: developer.session).status == .created)
            let pending = try await api.post("/v1/account/capabilities", body, token: developer.session)
            #expect(pending.status == .conflict)
            #expect(pending.errorCode == "capability_pending")

            #expect(try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/capabilities/sms/approve").status == .ok)
            let approved = try await api.post("/v1/account/capabilities", body, token: developer.session)
            #expect(approved.status == .conflict)
            #expect(approved.errorCode == "capability_approved")

            let voice: [String: Any] = ["capability": "voice", "acceptTerms": "2.0"]
            #expect(try await api.post("/v1/account/capabilities", voice, token: developer.session).status == .created)
            #expect(try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/capabilities/voice/reject").status == .ok)
            #expect(try await api.post("/v1/account/capabilities", voice, token: developer.session).status == .created)
            let listed = try await api.get("/v1/account/capabilities", token: developer.session).list
            #expect(
                listed.map { "\($0["capability"] ?? "")/\($0["status"] ?? "")" } == ["sms/approved", "voice/rejected", "voice/pending"])
        }
    }

    @Test("CAP-1 the operator approves: decided time and note recorded, visible to the developer")
    func operatorApproves() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.post("/v1/account/capabilities", ["capability": "sms", "acceptTerms": "2.0"], token: developer.session)
            api.server.clock.advance(seconds: 600)
            let answer = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/capabilities/sms/approve", ["note": "KYC ok"])
            #expect(answer.status == .ok)
            #expect(answer.string("id") == developer.id)
            #expect(answer.string("balance") == "0.0000")
            #expect(answer.string("currency") == "CNY")
            let capability = try #require((answer["capabilities"] as? [[String: Any]])?.first)
            #expect(capability["status"] as? String == "approved")
            #expect(capability["note"] as? String == "KYC ok")
            #expect(capability["decidedAt"] as? String == Timestamp(api.server.clock.now).description)
            let seen = try await api.get("/v1/account/capabilities", token: developer.key).list
            #expect(seen.first?["status"] as? String == "approved")
        }
    }

    @Test("CAP-1 the operator rejects, with a note")
    func operatorRejects() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.post("/v1/account/capabilities", ["capability": "voice", "acceptTerms": "2.0"], token: developer.session)
            let answer = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/capabilities/voice/reject", ["note": "no use case"])
            #expect(answer.status == .ok)
            let capability = try #require((answer["capabilities"] as? [[String: Any]])?.first)
            #expect(capability["status"] as? String == "rejected")
            #expect(capability["note"] as? String == "no use case")
        }
    }

    @Test("CAP-1 deciding errors: nothing pending 409, unknown account, capability or decision 404, bad note 400")
    func decisionErrors() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let nothing = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/capabilities/sms/approve")
            #expect(nothing.status == .conflict)
            #expect(nothing.errorCode == "no_pending_application")
            _ = try await api.post("/v1/account/capabilities", ["capability": "sms", "acceptTerms": "2.0"], token: developer.session)
            for uri in [
                "/v1/admin/accounts/acc_nobody/capabilities/sms/approve", "/v1/admin/accounts/\(developer.id)/capabilities/fax/approve",
                "/v1/admin/accounts/\(developer.id)/capabilities/sms/maybe",
            ] {
                let answer = try await api.admin(.post, uri)
                #expect(answer.status == .notFound, "\(uri)")
                #expect(answer.errorCode == "not_found")
                #expect(answer.isErrorShape)
            }
            let badNote = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/capabilities/sms/approve", ["note": 5])
            #expect(badNote.status == .badRequest)
            let longNote = try await api.admin(
                .post, "/v1/admin/accounts/\(developer.id)/capabilities/sms/approve", ["note": String(repeating: "n", count: 501)])
            #expect(longNote.status == .badRequest)
            let unknown = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/capabilities/sms/approve", ["approve": true])
            #expect(unknown.errorCode == "unknown_field")
            #expect(try await api.get("/v1/account/capabilities", token: developer.session).list.first?["status"] as? String == "pending")
        }
    }

    @Test("PLAT-3 a suspended account cannot apply for a capability: 403 account_suspended")
    func suspendedCannotApply() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            #expect(try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/suspend").status == .ok)
            let answer = try await api.post(
                "/v1/account/capabilities", ["capability": "sms", "acceptTerms": "2.0"], token: developer.session)
            #expect(answer.status == .forbidden)
            #expect(answer.errorCode == "account_suspended")
        }
    }

    @Test("Idempotency-Key: a retry with the same body gets the first answer byte for byte and applies once")
    func idempotentReplay() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let body = Data(#"{"capability":"sms","acceptTerms":"2.0"}"#.utf8)
            let first = try await api.send(
                .post, "/v1/account/capabilities", raw: body, token: developer.session, headers: [.idempotencyKey: "apply-sms-1"])
            #expect(first.status == .created)
            #expect(first.headers[.idempotentReplayed] == nil)
            api.server.clock.advance(seconds: 5)
            let retry = try await api.send(
                .post, "/v1/account/capabilities", raw: body, token: developer.key, headers: [.idempotencyKey: "apply-sms-1"])
            #expect(retry.status == .created)
            #expect(retry.body == first.body)
            #expect(retry.headers[.idempotentReplayed] == "true")
            #expect(try await api.server.storedAccount(developer.id).capabilities.count == 1)
        }
    }

    @Test("Idempotency-Key: a retry with the same fields in another order or spacing is the same request and is replayed")
    func idempotentReplayIgnoresKeyOrder() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let first = try await api.send(
                .post, "/v1/account/capabilities", raw: Data(#"{"capability":"sms","acceptTerms":"2.0"}"#.utf8),
                token: developer.session, headers: [.idempotencyKey: "apply-sms-2"])
            #expect(first.status == .created)
            let retry = try await api.send(
                .post, "/v1/account/capabilities", raw: Data(#"{ "acceptTerms": "2.0", "capability": "sms" }"#.utf8),
                token: developer.session, headers: [.idempotencyKey: "apply-sms-2"])
            #expect(retry.status == .created, "\(retry)")
            #expect(retry.body == first.body)
            #expect(retry.headers[.idempotentReplayed] == "true")
            #expect(try await api.server.storedAccount(developer.id).capabilities.count == 1)
        }
    }

    @Test("Idempotency-Key reused with a different body is 422 idempotency_key_reused and does nothing")
    func idempotencyKeyReused() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let first = try await api.post(
                "/v1/account/capabilities", ["capability": "sms", "acceptTerms": "2.0"], token: developer.session,
                headers: [.idempotencyKey: "k1"])
            #expect(first.status == .created)
            let reused = try await api.post(
                "/v1/account/capabilities", ["capability": "voice", "acceptTerms": "2.0"], token: developer.session,
                headers: [.idempotencyKey: "k1"])
            #expect(reused.status == .unprocessableContent)
            #expect(reused.errorCode == "idempotency_key_reused")
            #expect(reused.isErrorShape)
            #expect(try await api.server.storedAccount(developer.id).capabilities.map(\.capability) == [.sms])
        }
    }

    @Test("Idempotency-Key: a refused request is not stored, so a retry with the same key runs again")
    func refusedAttemptNotReplayed() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let applied = try await api.post(
                "/v1/account/capabilities", ["capability": "sms", "acceptTerms": "2.0"], token: developer.session,
                headers: [.idempotencyKey: "k2"])
            #expect(applied.status == .created)
            let conflict = try await api.post(
                "/v1/account/capabilities", ["capability": "sms", "acceptTerms": "2.0"], token: developer.session,
                headers: [.idempotencyKey: "k3"])
            #expect(conflict.status == .conflict)
            _ = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/capabilities/sms/reject")
            let retried = try await api.post(
                "/v1/account/capabilities", ["capability": "sms", "acceptTerms": "2.0"], token: developer.session,
                headers: [.idempotencyKey: "k3"])
            #expect(retried.status == .created)
            #expect(retried.headers[.idempotentReplayed] == nil)
        }
    }

    @Test("An Idempotency-Key that is empty, too long or has spaces is 400 invalid_idempotency_key")
    func invalidIdempotencyKey() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            for key in [String(repeating: "k", count: 256), "has space", "tab\tkey", "ключ"] {
                let answer = try await api.post(
                    "/v1/account/capabilities", ["capability": "sms", "acceptTerms": "2.0"], token: developer.session,
                    headers: [.idempotencyKey: key])
                #expect(answer.status == .badRequest, "\(key)")
                #expect(answer.errorCode == "invalid_idempotency_key")
            }
            #expect(try await api.server.storedAccount(developer.id).capabilities.isEmpty)
        }
    }
}
