import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardSite
import Testing

@testable import SwitchboardServer

/// What a send's 201 says: segments, encoding, price and currency, the `Location` of the send,
/// and a charge in the ledger naming it, at the price sheet in effect at the send's own second
/// (PRICE-1, PRICE-2).
@Suite("Sending: segments and prices")
struct SendPricingTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let body: String
        let sign: String?
        let segments: Int
        let encoding: String
        let price: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "GSM-7, 160 characters", body: String(repeating: "a", count: 160), sign: nil, segments: 1, encoding: "GSM-7",
            price: "0.0450"),
        Case(
            name: "GSM-7, 161 characters", body: String(repeating: "a", count: 161), sign: nil, segments: 2, encoding: "GSM-7",
            price: "0.0900"),
        Case(
            name: "GSM-7, 307 characters", body: String(repeating: "b", count: 307), sign: nil, segments: 3, encoding: "GSM-7",
            price: "0.1350"),
        Case(
            name: "Chinese, 70 characters", body: String(repeating: "验", count: 70), sign: nil, segments: 1, encoding: "UCS-2",
            price: "0.0450"),
        Case(
            name: "Chinese, 71 characters", body: String(repeating: "验", count: 71), sign: nil, segments: 2, encoding: "UCS-2",
            price: "0.0900"),
        Case(
            name: "Chinese 64 + 【Acme】 = 70", body: String(repeating: "码", count: 64), sign: "Acme", segments: 1, encoding: "UCS-2",
            price: "0.0450"),
        Case(
            name: "Chinese 65 + 【Acme】 = 71", body: String(repeating: "码", count: 65), sign: "Acme", segments: 2, encoding: "UCS-2",
            price: "0.0900"),
        Case(
            name: "GSM-7 text signed 【Acme】 becomes UCS-2: 64 + 6 = 70", body: String(repeating: "c", count: 64), sign: "Acme", segments: 1,
            encoding: "UCS-2", price: "0.0450"),
        Case(
            name: "GSM-7 text signed 【Acme】 becomes UCS-2: 100 + 6 = 106", body: String(repeating: "c", count: 100), sign: "Acme",
            segments: 2, encoding: "UCS-2", price: "0.0900"),
        Case(
            name: "GSM-7 158 + € (2 septets) = 160", body: String(repeating: "d", count: 158) + "€", sign: nil, segments: 1,
            encoding: "GSM-7", price: "0.0450"),
        Case(
            name: "GSM-7 159 + € (2 septets) = 161", body: String(repeating: "d", count: 159) + "€", sign: nil, segments: 2,
            encoding: "GSM-7", price: "0.0900"),
        Case(
            name: "UCS-2 69 + an emoji (2 code units) = 71", body: String(repeating: "验", count: 69) + "😀", sign: nil, segments: 2,
            encoding: "UCS-2", price: "0.0900"),
    ]

    @Test("PRICE-1 segments, encoding and price in the 201, with Location, and one charge naming the send", arguments: cases)
    func segmentsAndPrice(_ item: Case) async throws {
        try await withAPI { api in
            let developer = try await api.sender("segments@example.com")
            let answer = try await api.sms(developer, to: "+8613900000100", body: item.body, sign: item.sign)
            #expect(answer.status == .created, "\(answer)")
            #expect(answer.int("segments") == item.segments)
            #expect(answer.string("encoding") == item.encoding)
            #expect(answer.string("price") == item.price)
            #expect(answer.string("currency") == "CNY")
            #expect(answer.string("status") == "queued")
            #expect(answer.string("to") == "+8613900000100")
            #expect(answer.string("body") == (item.sign.map { "【\($0)】" } ?? "") + item.body, "the stored text carries the signature")
            let id = try #require(answer.string("id"))
            #expect(answer.headers[.location] == "/v1/sms/\(id)")

            let shown = try await api.get("/v1/sms/\(id)", token: developer.key)
            #expect(shown.status == .ok)
            #expect(shown.string("id") == id)
            #expect(shown.int("segments") == item.segments)
            #expect(shown.string("price") == item.price)

            let charges = try await api.ledger(developer).filter { $0.kind == .charge }
            #expect(charges.count == 1)
            #expect(charges.first?.sendId == id)
            #expect(charges.first?.amount == -(Money(item.price) ?? .zero))
            #expect(charges.first?.quantity == item.segments)
            #expect(charges.first?.service == "sms-cn")
            let expected = Money("10")! - Money(item.price)!
            #expect(try await api.balance(developer) == expected.formatted())
        }
    }

    @Test("PRICE-1 a call reserves its estimated minutes at the minute price; 1 minute when not given; Location names it")
    func callPrice() async throws {
        try await withAPI { api in
            let developer = try await api.sender("calls@example.com", capabilities: ["voice"])
            let three = try await api.call(developer, to: "+8613900000110", minutes: 3)
            #expect(three.status == .created, "\(three)")
            #expect(three.string("price") == "0.3000")
            #expect(three.int("estimatedMinutes") == 3)
            #expect(three.json["segments"] == nil || three.json["segments"] is NSNull)
            let id = try #require(three.string("id"))
            #expect(three.headers[.location] == "/v1/calls/\(id)")
            #expect(try await api.get("/v1/calls/\(id)", token: developer.key).string("status") == "queued")
            #expect(try await api.get("/v1/sms/\(id)", token: developer.key).status == .notFound, "a call is not an SMS")

            let one = try await api.call(developer, to: "+8613900000111")
            #expect(one.string("price") == "0.1000")
            #expect(one.int("estimatedMinutes") == 1)
            #expect(try await api.balance(developer) == "9.6000")
        }
    }

    @Test("PRICE-2 a send one second before the new sheet takes effect pays the old price; at the moment, the new one")
    func priceChangeBoundary() async throws {
        let effective = Moments.decemberPrices
        try await withAPI(at: effective.addingTimeInterval(-1)) { api in
            let developer = try await api.sender("boundary@example.com", capabilities: ["sms", "voice"])
            let oldSMS = try await api.sms(developer, to: "+8613900000120")
            let oldCall = try await api.call(developer, to: "+8613900000121")
            #expect(oldSMS.string("price") == "0.0450", "\(oldSMS)")
            #expect(oldCall.string("price") == "0.1000", "\(oldCall)")

            api.server.clock.set(effective)
            let newSMS = try await api.sms(developer, to: "+8613900000122")
            let newCall = try await api.call(developer, to: "+8613900000123")
            #expect(newSMS.string("price") == "0.0400", "\(newSMS)")
            #expect(newCall.string("price") == "0.1200", "\(newCall)")

            let charges = try await api.ledger(developer).filter { $0.kind == .charge }
            let sheetOf = Dictionary(uniqueKeysWithValues: charges.compactMap { entry in entry.sendId.map { ($0, entry.reference) } })
            #expect(sheetOf[oldSMS.string("id") ?? ""] == "2026-01")
            #expect(sheetOf[oldCall.string("id") ?? ""] == "2026-01")
            #expect(sheetOf[newSMS.string("id") ?? ""] == "2026-12")
            #expect(sheetOf[newCall.string("id") ?? ""] == "2026-12")
            #expect(try await api.balance(developer) == "9.6950", "10 − 0.0450 − 0.1000 − 0.0400 − 0.1200")
        }
    }

    @Test("PRICE-2 the price is that of the send's own timestamp, not of when the server started")
    func priceFollowsTheClock() async throws {
        try await withAPI(at: Moments.decemberPrices.addingTimeInterval(-3600)) { api in
            let developer = try await api.sender("clock@example.com")
            api.server.clock.set(Moments.decemberPrices.addingTimeInterval(3600))
            #expect(try await api.sms(developer, to: "+8613900000130").string("price") == "0.0400")
            api.server.clock.set(Moments.decemberPrices.addingTimeInterval(-0.001))
            #expect(try await api.sms(developer, to: "+8613900000131").string("price") == "0.0450", "a millisecond before")
        }
    }
}
