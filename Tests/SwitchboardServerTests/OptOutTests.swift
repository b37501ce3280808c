import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardSite
import Testing

@testable import SwitchboardServer

/// Opt-outs through the carrier (USE-2): a recipient's reply injected into the simulator with
/// `POST /v1/admin/carrier/replies` reaches the carrier desk, which puts the number on the
/// opt-out list of each account that sent to it; sends to it are then 422 `recipient_opted_out`
/// and cost nothing, until the recipient answers START.
@Suite("Sending: opt-outs by reply")
struct OptOutTests {
    static let number = "+8613900000400"

    static func reply(_ api: API, from: String, text: String) async throws {
        let answer = try await api.admin(.post, "/v1/admin/carrier/replies", ["from": from, "text": text])
        guard answer.status == .accepted else { throw HarnessError("injecting '\(text)' failed: \(answer)") }
    }

    static func waitForOptOut(_ api: API, _ developer: Developer, _ number: String, _ optedOut: Bool = true) async throws {
        try await api.waitUntil("\(number) is \(optedOut ? "" : "not ")opted out of \(developer.id)") {
            try await api.server.store.isOptedOut(accountId: developer.id, number: number) == optedOut
        }
    }

    @Test(
        "USE-2 STOP and 退订 replies opt the number out: a send to it is 422 recipient_opted_out costing nothing",
        arguments: ["STOP", "退订", "unsubscribe", " Stop! ", "TD", "ＳＴＯＰ"])
    func optOutByReply(_ keyword: String) async throws {
        try await withDeskAPI { api in
            let developer = try await api.sender("stop@example.com")
            #expect(try await api.sms(developer, to: Self.number).status == .created)
            try await Self.reply(api, from: Self.number, text: keyword)
            try await Self.waitForOptOut(api, developer, Self.number)

            api.server.clock.advance(seconds: 120)
            let balance = try await api.balance(developer)
            let ledger = try await api.ledger(developer).count
            let refused = try await api.sms(developer, to: Self.number, body: "are you still there?")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.errorCode == "recipient_opted_out")
            #expect(refused.errorField == "to")
            #expect(refused.isErrorShape)
            #expect(try await api.balance(developer) == balance)
            #expect(try await api.ledger(developer).count == ledger, "nothing charged")
            #expect(try await api.storedSends(developer).count == 1, "the attempt is not a send")
        }
    }

    @Test("USE-2 START opts the number back in: sends to it go again")
    func startOptsBackIn() async throws {
        try await withDeskAPI { api in
            let developer = try await api.sender("start@example.com")
            #expect(try await api.sms(developer, to: Self.number).status == .created)
            try await Self.reply(api, from: Self.number, text: "退订")
            try await Self.waitForOptOut(api, developer, Self.number)
            api.server.clock.advance(seconds: 120)
            #expect(try await api.sms(developer, to: Self.number).errorCode == "recipient_opted_out")

            api.server.clock.advance(seconds: 60)
            try await Self.reply(api, from: Self.number, text: "START")
            try await Self.waitForOptOut(api, developer, Self.number, false)
            let again = try await api.sms(developer, to: Self.number, body: "welcome back")
            #expect(again.status == .created, "\(again)")
        }
    }

    @Test("USE-2 a reply opts out only of the accounts that sent to the number; other replies change nothing")
    func onlySendersAndOnlyKeywords() async throws {
        try await withDeskAPI { api in
            let sender = try await api.sender("sender@example.com")
            let stranger = try await api.sender("stranger@example.com")
            let chatty = "+8613900000401"
            #expect(try await api.sms(sender, to: Self.number).status == .created)
            #expect(try await api.sms(sender, to: chatty).status == .created)
            try await Self.reply(api, from: chatty, text: "stop please")
            try await Self.reply(api, from: chatty, text: "thanks")
            try await Self.reply(api, from: Self.number, text: "STOP")
            try await Self.waitForOptOut(api, sender, Self.number)

            #expect(try await !api.server.store.isOptedOut(accountId: sender.id, number: chatty), "not a keyword: nothing changes")
            #expect(try await !api.server.store.isOptedOut(accountId: stranger.id, number: Self.number))
            #expect(try await api.sms(stranger, to: Self.number).status == .created, "the stranger never sent to it")
            api.server.clock.advance(seconds: 120)
            #expect(try await api.sms(sender, to: chatty).status == .created)
        }
    }

    @Test("USE-2 injecting a reply is the operator's: bad numbers are 422, developers are refused, fields are required")
    func injectionErrors() async throws {
        try await withDeskAPI { api in
            let developer = try await api.sender("inject@example.com")
            let bad = try await api.admin(.post, "/v1/admin/carrier/replies", ["from": "0123", "text": "STOP"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.errorCode == "invalid_number")
            let missing = try await api.admin(.post, "/v1/admin/carrier/replies", ["from": Self.number])
            #expect(missing.status.code == 400 || missing.status.code == 422, "\(missing)")
            let byDeveloper = try await api.post("/v1/admin/carrier/replies", ["from": Self.number, "text": "STOP"], token: developer.key)
            #expect([401, 403].contains(byDeveloper.status.code), "\(byDeveloper)")
        }
    }
}
