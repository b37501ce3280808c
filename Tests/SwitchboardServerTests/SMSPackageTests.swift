import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardSite
import SwitchboardStore
import Testing

@testable import SwitchboardServer

/// `POST/GET /v1/packages` and what sends do with packages (PKG-1): a package offered by the
/// sheet in effect is paid from the balance, its segments are used before the balance, and
/// what is left 6 months after purchase is forfeited by the jobs with a ledger entry.
@Suite("SMS packages")
struct SMSPackageTests {
    static func buy(_ api: API, _ developer: Developer, key: String? = nil) async throws -> Answer {
        var headers: HTTPFields = [:]
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        return try await api.post("/v1/packages", ["name": "sms-1k"], token: developer.key, headers: headers)
    }

    @Test("PKG-1 buying a package debits its price from the balance and shows 1000 segments expiring 6 months later")
    func buyDebitsTheBalance() async throws {
        try await withAPI(at: Moments.packagesOffered) { api in
            let developer = try await api.sender("buyer@example.com", topUp: "50.00")
            let bought = try await Self.buy(api, developer)
            #expect(bought.status == .created, "\(bought)")
            #expect(bought.string("name") == "sms-1k")
            #expect(bought.int("segments") == 1000)
            #expect(bought.int("remaining") == 1000)
            #expect(bought.string("price") == "38.0000")
            #expect(bought.string("status") == "active")
            let purchased = try #require(bought.string("purchasedAt").flatMap { Timestamp($0) })
            #expect(bought.string("expiresAt") == purchased.addingCalendarMonths(6).description)
            #expect(try await api.balance(developer) == "12.0000")

            let entry = try #require(try await api.ledger(developer).first { $0.kind == .packagePurchase })
            #expect(entry.amount == -Money("38")!)
            #expect(entry.reference == bought.string("id"))
            #expect(entry.quantity == 1000)

            let listed = try await api.get("/v1/packages", token: developer.key)
            #expect(listed.list.map { $0["id"] as? String } == [bought.string("id")])
            let balance = try await api.get("/v1/balance", token: developer.key)
            #expect((balance["packages"] as? [[String: Any]])?.first?["remaining"] as? Int == 1000)
        }
    }

    @Test("PKG-1 package segments are used before the balance: the send's price is 0 and the balance does not move")
    func segmentsBeforeBalance() async throws {
        try await withAPI(at: Moments.packagesOffered) { api in
            let developer = try await api.sender("user@example.com", topUp: "50.00")
            let package = try #require(try await Self.buy(api, developer).string("id"))
            let sent = try await api.sms(developer, to: "+8613900000600", body: String(repeating: "p", count: 200))
            #expect(sent.status == .created, "\(sent)")
            #expect(sent.int("segments") == 2)
            #expect(sent.string("price") == "0.0000", "paid by the package")
            #expect(try await api.balance(developer) == "12.0000")
            let id = try #require(sent.string("id"))
            let entries = try await api.ledger(developer).filter { $0.sendId == id }
            #expect(entries.map(\.kind) == [.allowanceUse])
            #expect(entries.first?.reference == package)
            #expect(entries.first?.quantity == 2)
            #expect(entries.first?.amount == .zero)
            let listed = try await api.get("/v1/packages", token: developer.key)
            #expect(listed.list.first?["remaining"] as? Int == 998)

            let capabilities = try await api.sender("caller@example.com", capabilities: ["voice"], topUp: "50.00")
            _ = try await Self.buy(api, capabilities)
            let call = try await api.call(capabilities, to: "+8613900000601")
            #expect(call.string("price") == "0.1200", "SMS packages do not pay for calls")
        }
    }

    @Test("PKG-1 BILL-2 a failed SMS paid by the package gives its segments back to the package")
    func failedSendGivesSegmentsBack() async throws {
        try await withAPI(at: Moments.packagesOffered) { api in
            let developer = try await api.sender("giveback@example.com", topUp: "50.00")
            _ = try await Self.buy(api, developer)
            let id = try #require(try await api.sms(developer, to: "+8613900000602", body: String(repeating: "g", count: 300)).string("id"))
            #expect(try await api.get("/v1/packages", token: developer.key).list.first?["remaining"] as? Int == 998)
            api.server.clock.advance(seconds: 1)
            let desk = CarrierDesk(platform: api.server.platform, logger: TestServer.quietLogger)
            try await desk.handle(.status(sendId: id, change: StatusChange(status: .failed, at: Timestamp(api.server.clock.now))))
            #expect(try await api.get("/v1/packages", token: developer.key).list.first?["remaining"] as? Int == 1000)
            #expect(try await api.balance(developer) == "12.0000")
            let next = try await api.sms(developer, to: "+8613900000603")
            #expect(next.string("price") == "0.0000")
            #expect(try await api.get("/v1/packages", token: developer.key).list.first?["remaining"] as? Int == 999)
        }
    }

    @Test("PKG-1 BILL-2 segments given back by a failure recorded in the same millisecond as the send are not lost")
    func giveBackInTheSameMillisecond() async throws {
        // The carrier can refuse a send at once; with a frozen clock the refund has the send's
        // own timestamp. Eight sends, so an order that depends on random entry ids shows.
        try await withAPI(at: Moments.packagesOffered) { api in
            let developer = try await api.sender("samems@example.com", topUp: "50.00")
            _ = try await Self.buy(api, developer)
            let desk = CarrierDesk(platform: api.server.platform, logger: TestServer.quietLogger)
            for index in 0..<8 {
                let id = try #require(try await api.sms(developer, to: "+86139000006\(10 + index)").string("id"))
                try await desk.handle(.status(sendId: id, change: StatusChange(status: .failed, at: Timestamp(api.server.clock.now))))
            }
            let remaining = try await api.get("/v1/packages", token: developer.key).list.first?["remaining"] as? Int
            #expect(remaining == 1000, "every failed send gave its segment back")
            let ledger = try await api.ledger(developer)
            #expect(ledger.filter { $0.kind == .refund && $0.amount == .zero }.count == 8, "the give-backs are in the ledger")
        }
    }

    @Test("PKG-1 when the package runs short, it pays what it has and the balance pays the rest")
    func packageRunsShort() async throws {
        try await withAPI(at: Moments.packagesOffered) { api in
            let developer = try await api.sender("short@example.com", topUp: "50.00")
            let package = try #require(try await Self.buy(api, developer).string("id"))
            // 999 segments used by earlier sends, recorded as the send route records them.
            let now = Timestamp(api.server.clock.now)
            let earlier = Send(
                id: "sms_earlier", accountId: developer.id, channel: .sms, to: "+8613900000629", body: "bulk", segments: 999,
                price: .zero, createdAt: now, statusHistory: [StatusChange(status: .queued, at: now)])
            let use = LedgerEntry(
                id: "txn_earlier_use", accountId: developer.id, at: now, kind: .allowanceUse, amount: .zero, currency: "CNY",
                service: "sms-cn", sendId: earlier.id, reference: package, quantity: 999)
            _ = try await api.server.store.commit(StoreTransaction(sends: [earlier], ledgerEntries: [use]))
            let split = try await api.sms(developer, to: "+8613900000620", body: String(repeating: "s", count: 200))
            #expect(split.int("segments") == 2)
            #expect(split.string("price") == "0.0400", "1 segment from the package, 1 from the balance: \(split)")
            let id = try #require(split.string("id"))
            let entries = try await api.ledger(developer).filter { $0.sendId == id }
            #expect(entries.map(\.kind) == [.allowanceUse, .charge])
            #expect(entries.map(\.quantity) == [1, 1])
            #expect(try await api.balance(developer) == "11.9600")
            #expect(try await api.get("/v1/packages", token: developer.key).list.first?["remaining"] as? Int == 0)
            let after = try await api.sms(developer, to: "+8613900000621")
            #expect(after.string("price") == "0.0400")
            #expect(try await api.ledger(developer).filter { $0.sendId == after.string("id") }.map(\.kind) == [.charge])
        }
    }

    @Test("PKG-1 sends racing on one package use each segment once and charge nothing")
    func racingSendsOnOnePackage() async throws {
        try await withAPI(at: Moments.packagesOffered) { api in
            let developer = try await api.sender("racer@example.com", topUp: "50.00")
            _ = try await Self.buy(api, developer)
            let answers = try await withThrowingTaskGroup(of: Answer.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        try await api.sms(
                            developer, to: "+86136000\(String(format: "%05d", index))", body: String(repeating: "r", count: 300))
                    }
                }
                return try await group.reduce(into: [Answer]()) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.status == .created && $0.string("price") == "0.0000" }, "\(answers)")
            #expect(try await api.get("/v1/packages", token: developer.key).list.first?["remaining"] as? Int == 980)
            #expect(try await api.balance(developer) == "12.0000")
        }
    }

    @Test("PKG-1 BILL-2 purchases racing for one balance: only what the balance covers is bought, the rest 402")
    func racingPurchases() async throws {
        try await withAPI(at: Moments.packagesOffered) { api in
            let developer = try await api.sender("bulk@example.com", topUp: "100.00")
            let codes = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<5 { group.addTask { try await Self.buy(api, developer).status.code } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(codes.sorted() == [201, 201, 402, 402, 402], "\(codes)")
            #expect(try await api.balance(developer) == "24.0000")
            #expect(try await api.get("/v1/packages", token: developer.key).list.count == 2)
        }
    }

    @Test("PKG-1 Idempotency-Key: a retried purchase buys once")
    func idempotentPurchase() async throws {
        try await withAPI(at: Moments.packagesOffered) { api in
            let developer = try await api.sender("retrybuy@example.com", topUp: "100.00")
            let first = try await Self.buy(api, developer, key: "buy-1")
            let again = try await Self.buy(api, developer, key: "buy-1")
            #expect(first.status == .created)
            #expect(again.body == first.body)
            #expect(try await api.balance(developer) == "62.0000")
        }
    }

    @Test("PKG-1 refusals: no such package or none offered yet 422 package_unavailable, short balance 402, suspended 403; nothing charged")
    func refusals() async throws {
        try await withAPI(at: Moments.packagesOffered) { api in
            let developer = try await api.sender("refuse@example.com", topUp: "20.00")
            let unknown = try await api.post("/v1/packages", ["name": "sms-1m"], token: developer.key)
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.errorCode == "package_unavailable")
            let short = try await Self.buy(api, developer)
            #expect(short.status.code == 402)
            #expect(short.errorCode == "insufficient_balance")
            _ = try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/suspend", ["reason": "check"])
            _ = try await api.topUp(developer.id, amount: "50.00", reference: "more")
            let suspended = try await Self.buy(api, developer)
            #expect(suspended.status == .forbidden)
            #expect(suspended.errorCode == "account_suspended")
            #expect(try await api.balance(developer) == "70.0000")
            #expect(try await api.ledger(developer).allSatisfy { $0.kind == .topUp })
        }
        try await withAPI(at: Moments.standard) { api in
            let developer = try await api.sender("early@example.com", topUp: "50.00")
            let early = try await Self.buy(api, developer)
            #expect(early.status == .unprocessableContent, "the January sheet offers no package: \(early)")
            #expect(early.errorCode == "package_unavailable")
            #expect(try await api.balance(developer) == "50.0000")
        }
    }

    @Test("PKG-1 6 months after purchase the jobs forfeit the remaining segments with a ledger entry; sends then pay from the balance")
    func expiryForfeited() async throws {
        try await withAPI(at: Moments.packagesOffered) { api in
            let developer = try await api.sender("expiry@example.com", topUp: "50.00")
            let bought = try await Self.buy(api, developer)
            let package = try #require(bought.string("id"))
            let expires = try #require(bought.string("expiresAt").flatMap { Timestamp($0) })
            #expect(try await api.sms(developer, to: "+8613900000610").string("price") == "0.0000")
            let jobs = Jobs(platform: api.server.platform)

            api.server.clock.set(expires.date.addingTimeInterval(-1))
            #expect(try await jobs.run().forfeitedPackages == 0, "one second before expiry nothing is forfeited")
            #expect(try await api.sms(developer, to: "+8613900000611").string("price") == "0.0000", "still usable")

            api.server.clock.set(expires.date)
            #expect(try await jobs.run().forfeitedPackages == 1)
            let ledger = try await api.server.store.ledgerEntries(accountId: developer.id, month: expires.month)
            let expiry = try #require(ledger.first { $0.kind == .packageExpiry })
            #expect(expiry.reference == package)
            #expect(expiry.quantity == 998)
            #expect(expiry.amount == .zero)
            #expect(try await api.balance(developer) == "12.0000", "forfeiting moves no money")
            let listed = try await api.get("/v1/packages", token: developer.key).list.first
            #expect(listed?["status"] as? String == "closed")
            #expect(listed?["remaining"] as? Int == 0)

            let after = try await api.sms(developer, to: "+8613900000612")
            #expect(after.string("price") == "0.0400", "the balance pays once the package is gone: \(after)")
            #expect(try await jobs.run().forfeitedPackages == 0, "forfeited once")
        }
    }
}
