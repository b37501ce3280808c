import Testing

@testable import SwitchboardCore

@Suite("PackageHoldings")
struct PackageHoldingsTests {
    static func purchase(
        _ id: String, at: String, segments: Int = 1000, price: String = "45", service: String? = "sms", account: String = "acc_1"
    )
        -> LedgerEntry
    {
        LedgerEntry(
            id: "e-\(id)", accountId: account, at: .utc(at), kind: .packagePurchase, amount: -Money(price)!, service: service,
            reference: id, quantity: segments, description: "SMS \(segments)")
    }

    static func draw(_ kind: LedgerEntry.Kind, _ package: String?, _ quantity: Int, at: String, account: String = "acc_1") -> LedgerEntry {
        LedgerEntry(
            id: "e-\(kind)-\(package ?? "none")-\(at)", accountId: account, at: .utc(at), kind: kind, amount: .zero, service: "sms",
            reference: package, quantity: quantity)
    }

    @Test("PKG-1 a purchase becomes a holding named, priced and dated by its entry")
    func purchaseBecomesHolding() throws {
        let holdings = PackageHoldings(accountId: "acc_1", entries: [Self.purchase("pkg_a", at: "2026-08-31T10:00:00Z")])
        let holding = try #require(holdings.all.first)
        #expect(holding.id == "pkg_a")
        #expect(holding.name == "SMS 1000")
        #expect(holding.service == "sms")
        #expect(holding.segments == 1000)
        #expect(holding.remaining == 1000)
        #expect(holding.pricePaid == Money("45"))
        #expect(holding.expiresAt == .utc("2027-02-28T10:00:00Z"))
    }

    @Test("PKG-1 uses, expiries and refunds naming a package by reference reduce it; others and other accounts are ignored")
    func entriesReduceTheirPackage() throws {
        let entries = [
            Self.purchase("pkg_a", at: "2026-01-01T00:00:00Z"), Self.purchase("pkg_b", at: "2026-02-01T00:00:00Z"),
            Self.draw(.allowanceUse, "pkg_a", 300, at: "2026-01-05T00:00:00Z"),
            Self.draw(.allowanceUse, nil, 50, at: "2026-01-06T00:00:00Z"),
            Self.draw(.allowanceUse, "trial", 50, at: "2026-01-06T00:00:00Z"),
            Self.draw(.allowanceUse, "pkg_a", 999, at: "2026-01-07T00:00:00Z", account: "acc_2"),
            Self.draw(.packageExpiry, "pkg_b", 1000, at: "2026-08-01T00:00:00Z"),
        ]
        let holdings = PackageHoldings(accountId: "acc_1", entries: entries.reversed())
        #expect(holdings.all.map(\.id) == ["pkg_a", "pkg_b"])
        #expect(holdings.all.map(\.remaining) == [700, 0])
        #expect(holdings.all.map(\.closedAt) == [nil, .utc("2026-08-01T00:00:00Z")])
    }

    @Test("PKG-1 a package's remaining segments never go below zero, and a purchase without service is sms")
    func neverNegative() {
        let holdings = PackageHoldings(
            accountId: "acc_1",
            entries: [
                Self.purchase("pkg_a", at: "2026-01-01T00:00:00Z", segments: 10, service: nil),
                Self.draw(.allowanceUse, "pkg_a", 25, at: "2026-01-02T00:00:00Z"),
            ])
        #expect(holdings.all.first?.remaining == 0)
        #expect(holdings.all.first?.service == "sms")
        #expect(holdings.active(at: .utc("2026-01-03T00:00:00Z")).isEmpty)
    }

    @Test("PKG-1 active and expired split packages at their expiry moment")
    func activeAndExpired() {
        let holdings = PackageHoldings(
            accountId: "acc_1",
            entries: [Self.purchase("pkg_a", at: "2026-01-31T00:00:00Z"), Self.purchase("pkg_b", at: "2026-03-01T00:00:00Z")])
        #expect(holdings.active(at: .utc("2026-07-30T23:59:59.999Z")).map(\.id) == ["pkg_a", "pkg_b"])
        #expect(holdings.expired(at: .utc("2026-07-30T23:59:59.999Z")).isEmpty)
        #expect(holdings.active(at: .utc("2026-07-31T00:00:00Z")).map(\.id) == ["pkg_b"])
        #expect(holdings.expired(at: .utc("2026-07-31T00:00:00Z")).map(\.id) == ["pkg_a"])
    }

    @Test("PKG-1 forfeit entries record the segments lost, at zero amount, once")
    func forfeit() throws {
        var entries = [
            Self.purchase("pkg_a", at: "2026-01-31T00:00:00Z"), Self.draw(.allowanceUse, "pkg_a", 400, at: "2026-02-01T00:00:00Z"),
            Self.purchase("pkg_b", at: "2026-01-31T00:00:00Z", segments: 10),
            Self.draw(.allowanceUse, "pkg_b", 10, at: "2026-02-01T00:00:00Z"),
        ]
        let now = Timestamp.utc("2026-08-01T00:00:00Z")
        let ids = IdMaker()
        let forfeits = PackageHoldings(accountId: "acc_1", entries: entries).forfeitEntries(at: now, makeId: ids.next)
        let entry = try #require(forfeits.first)
        #expect(forfeits.count == 1)
        #expect(entry.id == "id-1")
        #expect(entry.kind == .packageExpiry)
        #expect(entry.amount == .zero)
        #expect(entry.quantity == 600)
        #expect(entry.reference == "pkg_a")
        #expect(entry.at == now)
        #expect(entry.accountId == "acc_1")
        #expect(entry.problems() == [])
        #expect(entry.description?.contains("PKG-1") == true)
        entries += forfeits
        #expect(PackageHoldings(accountId: "acc_1", entries: entries).forfeitEntries(at: now, makeId: ids.next).isEmpty)
    }

    @Test("PKG-1 consumption draws from the soonest-expiring package first and reports what no package covers")
    func consume() {
        let holdings = PackageHoldings(
            accountId: "acc_1",
            entries: [
                Self.purchase("late", at: "2026-03-01T00:00:00Z", segments: 100),
                Self.purchase("early", at: "2026-02-01T00:00:00Z", segments: 3),
                Self.purchase("voice", at: "2026-01-01T00:00:00Z", segments: 100, service: "voice"),
                Self.purchase("expired", at: "2025-01-01T00:00:00Z", segments: 100),
            ])
        let ids = IdMaker()
        let now = Timestamp.utc("2026-04-01T00:00:00Z")
        let (entries, uncovered) = holdings.consume(service: "sms", segments: 5, at: now, sendId: "snd_1", makeId: ids.next)
        #expect(entries.map(\.reference) == ["early", "late"])
        #expect(entries.map(\.quantity) == [3, 2])
        #expect(entries.allSatisfy { $0.kind == .allowanceUse && $0.amount == .zero && $0.sendId == "snd_1" && $0.at == now })
        #expect(entries.map(\.id) == ["id-1", "id-2"])
        #expect(uncovered == 0)
        let (more, short) = holdings.consume(service: "sms", segments: 110, at: now, makeId: ids.next)
        #expect(more.map(\.quantity) == [3, 100])
        #expect(short == 7)
        let (none, all) = holdings.consume(service: "sms", segments: 0, at: now, makeId: ids.next)
        #expect(none.isEmpty && all == 0)
        let (nothing, negative) = holdings.consume(service: "sms", segments: -4, at: now, makeId: ids.next)
        #expect(nothing.isEmpty && negative == 0)
    }

    @Test("PKG-1 consumed entries, once appended, reduce the holdings they came from")
    func consumeThenRead() {
        var entries = [Self.purchase("pkg_a", at: "2026-03-01T00:00:00Z", segments: 10)]
        let now = Timestamp.utc("2026-04-01T00:00:00Z")
        entries +=
            PackageHoldings(accountId: "acc_1", entries: entries).consume(service: "sms", segments: 4, at: now, makeId: IdMaker().next)
            .entries
        #expect(PackageHoldings(accountId: "acc_1", entries: entries).all.first?.remaining == 6)
    }
}
