import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardSite
import Testing

@testable import SwitchboardServer

/// Sends, bills, packages and statistics are the account's own: A never sees B's.
@Suite("Account isolation: sends, bills and statistics")
struct SendIsolationTests {
    @Test("A cannot GET B's SMS or call by id (404, as for an id that does not exist)")
    func byId() async throws {
        try await withAPI { api in
            let a = try await api.sender("a@example.com", capabilities: ["sms", "voice"])
            let b = try await api.sender("b@example.com", capabilities: ["sms", "voice"])
            let sms = try #require(try await api.sms(b, to: "+8613900001000", body: "B's secret").string("id"))
            let call = try #require(try await api.call(b, to: "+8613900001001").string("id"))
            let smsByA = try await api.get("/v1/sms/\(sms)", token: a.key)
            #expect(smsByA.status == .notFound)
            #expect(!smsByA.text.contains("B's secret"))
            #expect(smsByA.text.contains("not_found"))
            let missing = try await api.get("/v1/sms/sms_doesnotexist", token: a.key)
            #expect(missing.status == .notFound)
            #expect(try await api.get("/v1/calls/\(call)", token: a.key).status == .notFound)
            #expect(try await api.get("/v1/sms/\(sms)", token: a.session).status == .notFound, "with a session too")
            #expect(try await api.get("/v1/sms/\(sms)", token: b.key).status == .ok)
            #expect(try await api.get("/v1/sms/\(sms)").status == .unauthorized)
        }
    }

    @Test("Lists show only the account's own sends, whatever the filters and cursors")
    func lists() async throws {
        try await withAPI { api in
            let a = try await api.sender("a@example.com", capabilities: ["sms", "voice"])
            let b = try await api.sender("b@example.com", capabilities: ["sms", "voice"])
            let shared = "+8613900001010"
            let mine = try #require(try await api.sms(a, to: shared).string("id"))
            let theirs = try #require(try await api.sms(b, to: shared).string("id"))
            let theirCall = try #require(try await api.call(b, to: "+8613900001011").string("id"))

            for query in ["", "?to=%2B8613900001010", "?status=queued", "?limit=100", "?startingAfter=\(theirs)"] {
                let list = try await api.get("/v1/sms\(query)", token: a.key)
                let ids = list.list.compactMap { $0["id"] as? String }
                #expect(!ids.contains(theirs), "\(query): \(list)")
                if query != "?startingAfter=\(theirs)" { #expect(ids == [mine], "\(query): \(list)") }
            }
            #expect(try await api.get("/v1/calls", token: a.key).list.isEmpty)
            #expect(try await api.get("/v1/calls", token: b.key).list.compactMap { $0["id"] as? String } == [theirCall])
        }
    }

    @Test("Bills, bill items, packages and statistics are computed from the account's own ledger only")
    func billsAndStats() async throws {
        try await withAPI(at: Moments.packagesOffered) { api in
            let a = try await api.sender("a@example.com", topUp: "1.00")
            let b = try await api.sender("b@example.com", capabilities: ["sms", "voice"], topUp: "100.00")
            _ = try await api.sms(b, to: "+8613900001020")
            _ = try await api.call(b, to: "+8613900001021", minutes: 2)
            _ = try await api.post("/v1/packages", ["name": "sms-1k"], token: b.key)
            _ = try await api.sms(a, to: "+8613900001022")

            let bill = try await api.get("/v1/bills/2026-12", token: a.key)
            #expect(bill.string("topUps") == "1.0000")
            #expect(bill.string("packagePurchases") == "0.0000")
            #expect(bill.string("closingBalance") == "0.9600")
            let charges = try #require(bill["charges"] as? [[String: Any]])
            #expect(charges.map { $0["service"] as? String } == ["sms-cn"])
            #expect(charges.first?["sends"] as? Int == 1)

            let items = try await api.get("/v1/bills/2026-12/items", token: a.key)
            #expect(items.list.count == 2, "A's top-up and A's charge: \(items)")
            let csv = try await api.get("/v1/bills/2026-12/items", token: a.key, headers: [.accept: "text/csv"])
            #expect(!csv.text.contains("100.0000"))
            #expect(!csv.text.contains("38.0000"))
            #expect(csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 3)

            #expect(try await api.get("/v1/bills", token: a.key).list.first?["closingBalance"] as? String == "0.9600")
            #expect(try await api.get("/v1/packages", token: a.key).list.isEmpty)

            api.server.clock.advance(seconds: 1)
            let stats = try await api.get("/v1/stats", token: a.key)
            #expect(stats.object("total")["sends"] as? Int == 1, "\(stats)")
            #expect(stats.object("total")["spend"] as? String == "0.0400")
            #expect(stats.object("total")["minutes"] as? Int == 0)
        }
    }
}
