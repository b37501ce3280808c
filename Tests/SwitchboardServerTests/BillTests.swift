import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardSite
import Testing

@testable import SwitchboardServer

/// `GET /v1/bills`, `/v1/bills/{YYYY-MM}` and `/items` as JSON or CSV (BILL-1): after top-ups,
/// sends, refunds, a settled call and a package, the month's numbers reconcile with the ledger
/// and the balance to the micro-unit; the jobs close last month into a file.
@Suite("Bills")
struct BillTests {
    static func money(_ value: Any?) -> Money? { (value as? String).flatMap { Money($0) } }

    /// A December with a bit of everything; answers the developer.
    static func busyMonth(_ api: API) async throws -> Developer {
        let developer = try await api.sender("bills@example.com", capabilities: ["sms", "voice"], topUp: "50.00")
        _ = try await api.topUp(developer.id, amount: "20.00", reference: "second-top-up", method: "bank-transfer")
        let desk = CarrierDesk(platform: api.server.platform, logger: TestServer.quietLogger)
        let now = Timestamp(api.server.clock.now)

        let twoSegments = try await api.sms(developer, to: "+8613900000700", body: String(repeating: "b", count: 161))
        guard twoSegments.string("price") == "0.0800" else { throw HarnessError("unexpected: \(twoSegments)") }
        let failing = try #require(try await api.sms(developer, to: "+8613900000701").string("id"))
        try await desk.handle(.status(sendId: failing, change: StatusChange(status: .failed, at: now)))
        let call = try #require(try await api.call(developer, to: "+8613900000702", minutes: 3).string("id"))
        try await desk.handle(.status(sendId: call, change: StatusChange(status: .ringing, at: now)))
        try await desk.handle(.status(sendId: call, change: StatusChange(status: .inProgress, at: now)))
        try await desk.handle(.status(sendId: call, change: StatusChange(status: .completed, at: now, durationSeconds: 61)))

        let package = try await api.post("/v1/packages", ["name": "sms-1k"], token: developer.key)
        guard package.status == .created else { throw HarnessError("package: \(package)") }
        let fromPackage = try await api.sms(developer, to: "+8613900000703", body: "paid by the package")
        guard fromPackage.string("price") == "0.0000" else { throw HarnessError("unexpected: \(fromPackage)") }
        return developer
    }

    @Test("BILL-1 the month's bill reconciles with the ledger and the balance exactly")
    func billReconciles() async throws {
        try await withAPI(at: Moments.packagesOffered) { api in
            let developer = try await Self.busyMonth(api)
            let bill = try await api.get("/v1/bills/2026-12", token: developer.key)
            #expect(bill.status == .ok, "\(bill)")
            #expect(bill.string("month") == "2026-12")
            #expect(bill.string("status") == "open")
            #expect(bill.string("currency") == "CNY")
            #expect(bill.string("openingBalance") == "0.0000")
            #expect(bill.string("topUps") == "70.0000")
            #expect(bill.string("packagePurchases") == "-38.0000")
            #expect(bill.string("refunds") == "0.1600", "the failed SMS 0.0400 and the call's unused minute 0.1200")
            // 70 − 38 − 0.0800 − 0.0400 + 0.0400 − 0.3600 + 0.1200
            #expect(bill.string("closingBalance") == "31.6800")
            #expect(try await api.balance(developer) == "31.6800", "the bill closes on the balance")

            let charges = try #require(bill["charges"] as? [[String: Any]])
            let sms = try #require(charges.first { $0["service"] as? String == "sms-cn" })
            #expect(sms["sends"] as? Int == 3)
            #expect(sms["charged"] as? String == "-0.1200")
            #expect(sms["refunded"] as? String == "0.0400")
            #expect(sms["amount"] as? String == "-0.0800")
            #expect(sms["quantity"] as? Int == 3, "2 segments + 1 from the package; the failed one given back")
            #expect(sms["allowanceQuantity"] as? Int == 1)
            let voice = try #require(charges.first { $0["service"] as? String == "voice-cn" })
            #expect(voice["sends"] as? Int == 1)
            #expect(voice["charged"] as? String == "-0.3600")
            #expect(voice["refunded"] as? String == "0.1200")
            #expect(voice["amount"] as? String == "-0.2400")
            #expect(voice["quantity"] as? Int == 2, "61 s is 2 minutes")

            let opening = try #require(Self.money(bill["openingBalance"]))
            let sum =
                opening + Self.money(bill["topUps"])! + Self.money(bill["packagePurchases"])!
                + Self.money(bill["terminationRefunds"])! + Self.money(bill["adjustments"])!
                + charges.reduce(Money.zero) { $0 + Self.money($1["amount"])! }
            #expect(sum == Self.money(bill["closingBalance"]), "the lines add up to the closing balance")
            let ledger = try await api.ledger(developer)
            #expect(ledger.reduce(Money.zero) { $0 + $1.amount } == Self.money(bill["closingBalance"]), "and so does the ledger")
            #expect(try await api.server.store.balance(accountId: developer.id) == Self.money(bill["closingBalance"]))
        }
    }

    @Test("BILL-1 the detailed bill lists every ledger entry of the month as JSON, and as CSV with a header and one row per entry")
    func items() async throws {
        try await withAPI(at: Moments.packagesOffered) { api in
            let developer = try await Self.busyMonth(api)
            let ledger = try await api.server.store.ledgerEntries(accountId: developer.id, month: YearMonth("2026-12")!)
            let items = try await api.get("/v1/bills/2026-12/items", token: developer.key)
            #expect(items.status == .ok)
            #expect(items.list.count == ledger.count)
            #expect(Set(items.list.compactMap { $0["id"] as? String }) == Set(ledger.map(\.id)))
            #expect(items.list.reduce(Money.zero) { $0 + Self.money($1["amount"])! } == Money("31.68"))
            let times = items.list.compactMap { ($0["time"] as? String).flatMap { Timestamp($0) } }
            #expect(times == times.sorted(), "oldest first")
            let refund = try #require(items.list.first { $0["type"] as? String == "refund" })
            #expect(refund["reference"] as? String != nil || refund["description"] as? String != nil)

            let csv = try await api.get("/v1/bills/2026-12/items", token: developer.key, headers: [.accept: "text/csv"])
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.headers[.contentDisposition]?.contains("bill-2026-12") == true)
            let rows = csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(rows.first == "time,type,service,quantity,unitPrice,amount,currency,reference,description")
            #expect(rows.count == ledger.count + 1, "\(csv.text)")
            #expect(csv.text.hasSuffix("\r\n"))
            #expect(rows.dropFirst().filter { $0.contains(",top-up,") }.count == 2)
            #expect(rows.dropFirst().contains { $0.contains(",top-up,") && $0.contains(",50.0000,") })
            #expect(rows.dropFirst().contains { $0.contains("-38.0000") })
        }
    }

    @Test("BILL-1 a month with nothing in it is all zeros; the list of bills names only months with entries")
    func emptyMonth() async throws {
        try await withAPI(at: Moments.packagesOffered) { api in
            let developer = try await api.sender("quiet@example.com", topUp: nil)
            let bill = try await api.get("/v1/bills/2026-10", token: developer.key)
            #expect(bill.status == .ok, "\(bill)")
            for field in ["openingBalance", "topUps", "refunds", "packagePurchases", "terminationRefunds", "adjustments", "closingBalance"]
            {
                #expect(bill.string(field) == "0.0000", "\(field)")
            }
            #expect((bill["charges"] as? [Any])?.isEmpty == true)
            #expect(try await api.get("/v1/bills/2026-12/items", token: developer.key).list.isEmpty)
            #expect(try await api.get("/v1/bills", token: developer.key).list.isEmpty)

            _ = try await api.topUp(developer.id, amount: "5.00", reference: "first")
            let list = try await api.get("/v1/bills", token: developer.key)
            #expect(list.list.map { $0["month"] as? String } == ["2026-12"])
            #expect(list.list.first?["status"] as? String == "open")
            #expect(list.list.first?["closingBalance"] as? String == "5.0000")
            let later = try await api.get("/v1/bills/2027-02", token: developer.key)
            #expect(later.string("openingBalance") == "5.0000", "a quiet month opens and closes on the balance")
            #expect(later.string("closingBalance") == "5.0000")
        }
    }

    @Test(
        "BILL-1 a month that is not YYYY-MM is 404",
        arguments: ["2026-13", "2026-00", "2026-1", "202612", "abcd-ef", "1999-12", "2026-12-01"])
    func badMonth(_ month: String) async throws {
        try await withAPI { api in
            let developer = try await api.sender("bad@example.com")
            let bill = try await api.get("/v1/bills/\(month)", token: developer.key)
            #expect(bill.status == .notFound, "\(bill)")
            #expect(bill.isErrorShape)
            #expect(try await api.get("/v1/bills/\(month)/items", token: developer.key).status == .notFound)
        }
    }

    @Test("BILL-1 the jobs close last month into a file; the bill then says closed, with the same numbers")
    func jobsCloseLastMonth() async throws {
        try await withAPI(at: Moments.packagesOffered) { api in
            let developer = try await Self.busyMonth(api)
            let open = try await api.get("/v1/bills/2026-12", token: developer.key)
            let jobs = Jobs(platform: api.server.platform)
            #expect(try await jobs.run().closedBills == 0, "December is not over")

            api.server.clock.set(Moments.parse("2027-01-01T00:00:00Z"))
            #expect(try await jobs.run().closedBills == 1)
            let file = api.server.dataDirectory.appendingPathComponent("bills/\(developer.id)/2026-12.json")
            #expect(FileManager.default.fileExists(atPath: file.path))
            let stored = try #require(try await api.server.store.bill(accountId: developer.id, month: YearMonth("2026-12")!))
            #expect(stored.closingBalance == Money("31.68"))
            #expect(stored.openingBalance == .zero)

            let closed = try await api.get("/v1/bills/2026-12", token: developer.key)
            #expect(closed.string("status") == "closed")
            var before = open.json
            var after = closed.json
            before["status"] = nil
            after["status"] = nil
            #expect(NSDictionary(dictionary: before) == NSDictionary(dictionary: after), "closing changes no number")
            let list = try await api.get("/v1/bills", token: developer.key)
            #expect(list.list.first { $0["month"] as? String == "2026-12" }?["status"] as? String == "closed")
            #expect(try await jobs.run().closedBills == 0, "closed once")
        }
    }
}
