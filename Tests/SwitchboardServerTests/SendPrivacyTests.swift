import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardSite
import Testing

@testable import SwitchboardServer

/// Erasing message data (PRIV-1) takes the texts and recipients of past sends away; the bills,
/// their items and the statistics keep every amount.
@Suite("Privacy: erasure keeps the money")
struct SendPrivacyTests {
    @Test("PRIV-1 BILL-1 after erasure the sends show no text, and the bill, its items and the statistics are unchanged")
    func erasureKeepsBills() async throws {
        try await withAPI { api in
            let developer = try await api.sender("erase@example.com", capabilities: ["sms", "voice"])
            let sms = try #require(try await api.sms(developer, to: "+8613900000800", body: "private words").string("id"))
            _ = try await api.call(developer, to: "+8613900000801", tts: "private speech", minutes: 2)
            api.server.clock.advance(seconds: 1)
            let month = YearMonth(Timestamp(api.server.clock.now).month.description)!
            let bill = try await api.get("/v1/bills/\(month)", token: developer.key)
            let items = try await api.get("/v1/bills/\(month)/items", token: developer.key)
            let stats = try await api.get("/v1/stats", token: developer.key)

            let erased = try await api.post("/v1/account/erase", token: developer.key)
            #expect(erased.status == .ok, "\(erased)")
            let shown = try await api.get("/v1/sms/\(sms)", token: developer.key)
            #expect(shown.status == .ok)
            #expect(shown.string("body") == nil)
            #expect(shown.string("erasedAt") != nil)
            #expect(shown.string("price") == "0.0450", "the amount stays")
            #expect(!(try api.server.allDataText()).contains("private words"))
            #expect(!(try api.server.allDataText()).contains("private speech"))

            #expect(try await api.get("/v1/bills/\(month)", token: developer.key).body == bill.body)
            #expect(try await api.get("/v1/bills/\(month)/items", token: developer.key).body == items.body)
            let after = try await api.get("/v1/stats", token: developer.key)
            #expect(after.object("total")["spend"] as? String == stats.object("total")["spend"] as? String)
            #expect(after.object("total")["sends"] as? Int == 2)
            #expect(try await api.balance(developer) == "9.7550")
        }
    }
}
