import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardSite
import SwitchboardStore
import Testing

@testable import SwitchboardServer

/// `POST /v1/sms` and `/v1/calls` refuse in SPEC order — account active, capability, E.164,
/// opted out, content policy, frequency caps, price available, balance — each with its code and
/// status, and no refusal moves money.
@Suite("Sending: checks in order")
struct SendCheckTests {
    /// Prohibited text for the content policy these tests configure.
    static let prohibited = "Win the LOTTERY today"
    static func policy(_ settings: inout OperatorConfig) {
        settings.contentPolicy = .init(words: ["lottery"], patterns: [#"casino\s*bonus"#])
    }

    /// What a refusal must leave as it was: the balance, the ledger and the number of sends.
    struct Standing: Equatable, CustomStringConvertible {
        let balance: String?
        let ledger: [String]
        let sends: Int
        var description: String { "balance \(balance ?? "nil"), \(ledger.count) ledger entries, \(sends) sends" }
    }

    static func snapshot(_ api: API, _ developer: Developer) async throws -> Standing {
        Standing(
            balance: try await api.balance(developer), ledger: try await api.ledger(developer).map(\.id).sorted(),
            sends: try await api.storedSends(developer).count)
    }

    @Test(
        "PLAT-3 CAP-1 a suspended account without the capability, sending to a bad number, gets 403 account_suspended first; resumed, 403 capability_not_granted"
    )
    func suspendedBeforeCapability() async throws {
        try await withAPI(configure: Self.policy) { api in
            let developer = try await api.sender("nocap@example.com", capabilities: [])
            let before = try await Self.snapshot(api, developer)
            #expect(try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/suspend", ["reason": "spam"]).status == .ok)

            let suspended = try await api.sms(developer, to: "12345", body: Self.prohibited)
            #expect(suspended.status == .forbidden)
            #expect(suspended.errorCode == "account_suspended")
            #expect(suspended.isErrorShape)
            let suspendedCall = try await api.call(developer, to: "12345", tts: Self.prohibited)
            #expect(suspendedCall.status == .forbidden)
            #expect(suspendedCall.errorCode == "account_suspended")

            #expect(try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/resume").status == .ok)
            let noCapability = try await api.sms(developer, to: "12345", body: Self.prohibited)
            #expect(noCapability.status == .forbidden)
            #expect(noCapability.errorCode == "capability_not_granted")
            let noVoice = try await api.call(developer, to: "12345", tts: Self.prohibited)
            #expect(noVoice.status == .forbidden)
            #expect(noVoice.errorCode == "capability_not_granted")

            #expect(try await Self.snapshot(api, developer) == before, "nothing charged, nothing recorded")
            #expect(before.balance == "10.0000")
        }
    }

    @Test("PLAT-3 a frozen account gets 403 account_frozen on every send")
    func frozenAccount() async throws {
        try await withAPI { api in
            let developer = try await api.sender("frozen@example.com", capabilities: ["sms", "voice"])
            #expect(try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/freeze", ["reason": "fraud"]).status == .ok)
            let sms = try await api.sms(developer)
            #expect(sms.status == .forbidden)
            #expect(sms.errorCode == "account_frozen")
            let call = try await api.call(developer)
            #expect(call.status == .forbidden)
            #expect(call.errorCode == "account_frozen")
            #expect(try await api.balance(developer) == "10.0000")
        }
    }

    @Test("Each check in SPEC order refuses with its own code and status, and no refusal charges anything")
    func checksInOrder() async throws {
        try await withAPI(configure: Self.policy) { api in
            let developer = try await api.sender("order@example.com", topUp: "0.05")
            let capped = "+8613900000010"
            let optedOut = "+8613900000011"
            let unpriced = "+447700900123"
            let fresh = "+8613900000012"
            let first = try await api.sms(developer, to: capped, body: "hello")
            #expect(first.status == .created, "\(first)")
            try await api.server.store.recordOptOut(
                OptOutRecord(accountId: developer.id, number: optedOut, keyword: "STOP", at: Timestamp(api.server.clock.now)))
            let before = try await Self.snapshot(api, developer)
            #expect(before.balance == "0.0050")

            func expectRefusal(
                _ answer: Answer, _ status: HTTPResponse.Status, _ code: String, _ comment: String,
                sourceLocation: SourceLocation = #_sourceLocation
            ) {
                #expect(answer.status == status, "\(comment): \(answer)", sourceLocation: sourceLocation)
                #expect(answer.errorCode == code, "\(comment): \(answer)", sourceLocation: sourceLocation)
                #expect(answer.isErrorShape, sourceLocation: sourceLocation)
            }

            _ = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/suspend", ["reason": "check order"])
            expectRefusal(
                try await api.sms(developer, to: "not a number", body: Self.prohibited), .forbidden, "account_suspended",
                "suspended, with a bad number and prohibited text")
            _ = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/resume")

            expectRefusal(
                try await api.call(developer, to: "not a number", tts: Self.prohibited), .forbidden, "capability_not_granted",
                "a call without voice, to a bad number, with prohibited text")
            let badNumber = try await api.sms(developer, to: "13800138000", body: Self.prohibited)
            expectRefusal(badNumber, .unprocessableContent, "invalid_number", "a number without + and prohibited text")
            #expect(badNumber.errorField == "to")
            expectRefusal(
                try await api.sms(developer, to: optedOut, body: Self.prohibited), .unprocessableContent, "recipient_opted_out",
                "an opted-out number with prohibited text")
            let rejected = try await api.sms(developer, to: capped, body: "casino   bonus for you")
            expectRefusal(rejected, .unprocessableContent, "content_rejected", "prohibited text to a number over its cap")
            let limited = try await api.sms(developer, to: capped, body: "hello again")
            expectRefusal(limited, .tooManyRequests, "frequency_limited", "a clean text to a number over its cap")
            #expect(Int(limited.headers[.retryAfter] ?? "") == 60)
            expectRefusal(
                try await api.sms(developer, to: unpriced, body: "hello"), .unprocessableContent, "price_unavailable",
                "a number no price sheet covers, with a balance too small anyway")
            let short = try await api.sms(developer, to: fresh, body: "hello")
            expectRefusal(short, HTTPResponse.Status(code: 402), "insufficient_balance", "a balance of 0.0050 for a 0.0450 send")

            let after = try await Self.snapshot(api, developer)
            #expect(after.balance == before.balance)
            #expect(after.ledger == before.ledger, "no refusal wrote a ledger entry")
            #expect(after.sends == before.sends + 1, "only the content_rejected attempt is recorded")
        }
    }

    @Test("USE-2 an opted-out number with prohibited text is 422 recipient_opted_out and records no rejected send")
    func optedOutBeforeContent() async throws {
        try await withAPI(configure: Self.policy) { api in
            let developer = try await api.sender("optout@example.com")
            try await api.server.store.recordOptOut(
                OptOutRecord(accountId: developer.id, number: "+8613900000020", keyword: "退订", at: Timestamp(api.server.clock.now)))
            let answer = try await api.sms(developer, to: "+8613900000020", body: Self.prohibited)
            #expect(answer.status == .unprocessableContent)
            #expect(answer.errorCode == "recipient_opted_out")
            #expect(try await api.storedSends(developer).isEmpty)
            #expect(try await api.balance(developer) == "10.0000")
            let call = try await api.call(developer, to: "+8613900000020")
            #expect(call.errorCode == "capability_not_granted", "the capability is checked before the opt-out")
        }
    }

    @Test("USE-1 a content_rejected attempt is recorded as a rejected send costing nothing, and is never delivered")
    func rejectedIsRecorded() async throws {
        try await withDeskAPI(configure: { settings in
            Self.policy(&settings)
            TestServer.fastCarrier()(&settings)
        }) { api in
            let developer = try await api.sender("content@example.com", capabilities: ["sms", "voice"])
            let answer = try await api.sms(developer, to: "+8613900000030", body: Self.prohibited)
            #expect(answer.status == .unprocessableContent)
            #expect(answer.errorCode == "content_rejected")
            #expect(answer.errorField == "body")
            let call = try await api.call(developer, to: "+8613900000031", tts: "casino bonus, press one")
            #expect(call.errorCode == "content_rejected")
            #expect(call.errorField == "tts")

            let listed = try await api.get("/v1/sms?status=rejected", token: developer.key)
            #expect(listed.status == .ok)
            let record = try #require(listed.list.first, "\(listed)")
            #expect(listed.list.count == 1)
            #expect(record["to"] as? String == "+8613900000030")
            #expect(record["price"] as? String == "0.0000")
            #expect(record["status"] as? String == "rejected")
            let id = try #require(record["id"] as? String)
            #expect(answer.errorMessage?.contains(id) == true, "the error names the recorded attempt")
            #expect((try await api.get("/v1/calls?status=rejected", token: developer.key)).list.count == 1)

            try await Task.sleep(for: .milliseconds(100))
            let shown = try await api.get("/v1/sms/\(id)", token: developer.key)
            #expect(shown.string("status") == "rejected", "the carrier never got it")
            #expect((shown["history"] as? [[String: Any]])?.map { $0["status"] as? String } == ["rejected"])
            #expect(try await api.ledger(developer).map(\.kind) == [.topUp], "no charge, no refund")
            #expect(try await api.balance(developer) == "10.0000")

            let clean = try await api.sms(developer, to: "+8613900000030", body: "clean text")
            #expect(clean.status == .created, "a rejected attempt does not count against the frequency caps: \(clean)")
        }
    }

    @Test("USE-2 the frequency caps come before the price: a capped number no sheet prices is 429, not 422")
    func capsBeforePrice() async throws {
        try await withAPI { api in
            let developer = try await api.sender("intl@example.com")
            _ = try await PrivacyTests.storeSend(api.server, accountId: developer.id, body: "earlier", to: "+447700900200")
            let answer = try await api.sms(developer, to: "+447700900200")
            #expect(answer.status == .tooManyRequests, "\(answer)")
            #expect(answer.errorCode == "frequency_limited")
            let other = try await api.sms(developer, to: "+447700900201")
            #expect(other.status == .unprocessableContent)
            #expect(other.errorCode == "price_unavailable")
            #expect(try await api.balance(developer) == "9.9550", "only the stored earlier send was charged")
        }
    }

    @Test("BILL-2 a send whose price exceeds the balance is 402 insufficient_balance; an empty balance too; nothing is charged")
    func insufficientBalance() async throws {
        try await withAPI { api in
            let empty = try await api.sender("empty@example.com", capabilities: ["sms", "voice"], topUp: nil)
            let answer = try await api.sms(empty)
            #expect(answer.status.code == 402)
            #expect(answer.errorCode == "insufficient_balance")
            #expect(answer.isErrorShape)
            #expect(try await api.balance(empty) == "0.0000")
            #expect(try await api.storedSends(empty).isEmpty)

            let poor = try await api.sender("poor@example.com", capabilities: ["sms", "voice"], topUp: "0.10")
            let long = String(repeating: "a", count: 161)
            let threeSegments = try await api.sms(poor, to: "+8613900000040", body: long + long)
            #expect(threeSegments.status.code == 402, "3 segments cost 0.1350: \(threeSegments)")
            let call = try await api.call(poor, to: "+8613900000041", minutes: 2)
            #expect(call.status.code == 402, "2 reserved minutes cost 0.2000")
            #expect(try await api.ledger(poor).map(\.kind) == [.topUp])
            let twoSegments = try await api.sms(poor, to: "+8613900000042", body: long)
            #expect(twoSegments.status == .created, "2 segments cost 0.0900: \(twoSegments)")
            #expect(try await api.balance(poor) == "0.0100")
        }
    }

    @Test("Bad send bodies are 400 or 422 and neither record nor charge anything")
    func badBodies() async throws {
        try await withAPI { api in
            let developer = try await api.sender("bodies@example.com", capabilities: ["sms", "voice"])
            let cases: [[String: Any]] = [
                [:], ["to": "+8613900000050"], ["body": "no recipient"], ["to": "+8613900000050", "body": "   "],
                ["to": "+8613900000050", "body": "x", "sign": "【Acme】"], ["to": "+8613900000050", "body": "x", "unknown": 1],
                ["to": 8_613_900_000_050, "body": "x"], ["to": "+8613900000050", "body": String(repeating: "x", count: 701)],
                ["to": "+8613900000050", "body": "x", "callbackUrl": "ftp://example.com/x"],
            ]
            for body in cases {
                let answer = try await api.post("/v1/sms", body, token: developer.key)
                #expect([400, 422].contains(answer.status.code), "\(body): \(answer)")
                #expect(answer.isErrorShape)
            }
            let call = try await api.post("/v1/calls", ["to": "+8613900000050", "tts": "x", "estimatedMinutes": 31], token: developer.key)
            #expect([400, 422].contains(call.status.code), "\(call)")
            let anonymous = try await api.post("/v1/sms", ["to": "+8613900000050", "body": "x"])
            #expect(anonymous.status == .unauthorized)
            #expect(try await api.storedSends(developer).isEmpty)
            #expect(try await api.balance(developer) == "10.0000")
        }
    }

    @Test("BILL-2 a balance exactly equal to the price pays for the send and ends at zero; the next is 402")
    func exactBalance() async throws {
        try await withAPI { api in
            let developer = try await api.sender("exact@example.com", capabilities: ["sms", "voice"], topUp: "0.19")
            #expect(try await api.sms(developer, to: "+8613900000060").status == .created)
            #expect(try await api.call(developer, to: "+8613900000061").status == .created, "0.1450 left, a minute costs 0.1000")
            #expect(try await api.sms(developer, to: "+8613900000062").status == .created, "0.0450 left, exactly one segment")
            #expect(try await api.balance(developer) == "0.0000")
            let next = try await api.sms(developer, to: "+8613900000063")
            #expect(next.status.code == 402)
            #expect(next.errorCode == "insufficient_balance")
            #expect(try await api.balance(developer) == "0.0000")
        }
    }
}
