import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import Testing

@testable import SwitchboardServer

/// `GET /v1/prices`: the sheet in effect and the announced upcoming one, from the same parsed
/// sheets as the portal (PRICE-1, PRICE-2).
@Suite("Prices")
struct PriceTests {
    @Test("PRICE-1 prices are exact decimal strings with their currency; PRICE-2 the announced sheet is upcoming")
    func currentAndUpcoming() async throws {
        try await withAPI { api in
            let answer = try await api.get("/v1/prices")
            #expect(answer.status == .ok)
            let current = answer.object("current")
            #expect(current["currency"] as? String == "CNY")
            #expect((current["effective"] as? String)?.hasPrefix("2026-01-10") == true)
            let lines = try #require(current["prices"] as? [[String: Any]])
            let sms = try #require(lines.first { $0["service"] as? String == "sms-cn" })
            #expect(sms["price"] as? String == "0.0450")
            #expect(sms["currency"] as? String == "CNY")
            #expect(sms["unit"] as? String == "segment")
            let upcoming = answer.object("upcoming")
            #expect((upcoming["effective"] as? String)?.hasPrefix("2026-12-10") == true)
            #expect(upcoming["announcement"] as? String == "new-prices")
            let next = try #require((upcoming["prices"] as? [[String: Any]])?.first { $0["service"] as? String == "sms-cn" })
            #expect(next["price"] as? String == "0.0400")
            let package = try #require((upcoming["packages"] as? [[String: Any]])?.first)
            #expect(package["price"] as? String == "38.0000")
            #expect(package["segments"] as? Int == 1000)
        }
    }

    @Test("PRICE-2 before its announcement is published, the next sheet is not shown")
    func notYetAnnounced() async throws {
        try await withAPI(at: Moments.parse("2026-11-24T00:00:00+08:00")) { api in
            let answer = try await api.get("/v1/prices")
            #expect(answer["upcoming"] == nil || answer["upcoming"] is NSNull)
            #expect(!answer.text.contains("0.0400"))
        }
    }

    @Test("PRICE-2 once the new sheet takes effect it is current and nothing is upcoming")
    func afterChange() async throws {
        try await withAPI(at: Moments.parse("2026-12-10T00:00:00+08:00")) { api in
            let answer = try await api.get("/v1/prices")
            let sms = try #require((answer.object("current")["prices"] as? [[String: Any]])?.first { $0["service"] as? String == "sms-cn" })
            #expect(sms["price"] as? String == "0.0400")
            #expect(answer["upcoming"] == nil || answer["upcoming"] is NSNull)
        }
    }

    @Test("Prices are public, and a developer's token changes nothing")
    func publicRoute() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let anonymous = try await api.get("/v1/prices")
            let signedIn = try await api.get("/v1/prices", token: developer.key)
            #expect(signedIn.status == .ok)
            #expect(signedIn.body == anonymous.body)
        }
    }
}
