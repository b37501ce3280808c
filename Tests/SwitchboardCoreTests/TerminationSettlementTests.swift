import Testing

@testable import SwitchboardCore

@Suite("TerminationSettlement")
struct TerminationSettlementTests {
    let now = Timestamp.utc("2026-11-27T03:00:00Z")

    /// A ledger with 100.00 topped up, a 45.00 package of 1000 bought in October with 400 used,
    /// a 10.00 package of 3 bought in November untouched, and one expired in 2025 with segments left.
    func ledger() -> [LedgerEntry] {
        [
            LedgerEntry(
                id: "t1", accountId: "acc_1", at: .utc("2025-01-01T00:00:00Z"), kind: .topUp, amount: Money("200")!, method: "alipay",
                reference: "pay_1"),
            PackageHoldingsTests.purchase("old", at: "2025-01-02T00:00:00Z", segments: 100, price: "45"),
            PackageHoldingsTests.purchase("pkg_a", at: "2026-10-01T00:00:00Z", segments: 1000, price: "45"),
            PackageHoldingsTests.draw(.allowanceUse, "pkg_a", 400, at: "2026-10-02T00:00:00Z"),
            PackageHoldingsTests.purchase("pkg_b", at: "2026-11-01T00:00:00Z", segments: 3, price: "10"),
        ]
    }

    func balance(_ entries: [LedgerEntry]) -> Money { entries.reduce(.zero) { $0 + $1.amount } }

    @Test("PKG-2 when the operator terminates, unused package value and the balance are refunded and the balance ends at zero")
    func operatorTerminates() {
        let entries = ledger()
        let holdings = PackageHoldings(accountId: "acc_1", entries: entries)
        let ids = IdMaker()
        let settlement = TerminationSettlement(
            balance: balance(entries), holdings: holdings, initiator: .operator, at: now, makeId: ids.next)
        #expect(balance(entries) == Money("100"))
        #expect(settlement.entries.map(\.kind) == [.packageExpiry, .terminationRefund, .terminationRefund, .terminationRefund])
        #expect(settlement.entries.map(\.reference) == ["old", "pkg_a", "pkg_b", nil])
        #expect(settlement.entries.map(\.quantity) == [100, 600, 3, nil])
        #expect(settlement.entries.map(\.amount) == [.zero, Money("27")!, Money("10")!, -Money("137")!])
        #expect(settlement.refundedPackageValue == Money("37"))
        #expect(settlement.payout == Money("137"))
        #expect(settlement.entries.map(\.id) == ["id-1", "id-2", "id-3", "id-4"])
        #expect(settlement.entries.allSatisfy { $0.at == now && $0.accountId == "acc_1" && $0.problems().isEmpty })
        #expect(settlement.entries.last?.description?.contains("paid back to the developer") == true)
        let after = entries + settlement.entries
        #expect(balance(after) == .zero)
        #expect(PackageHoldings(accountId: "acc_1", entries: after).all.allSatisfy { $0.remaining == 0 && $0.closedAt == now })
    }

    @Test("PKG-2 when the developer leaves, package fees are not refunded: packages are forfeited and only the balance is paid out")
    func developerLeaves() {
        let entries = ledger()
        let holdings = PackageHoldings(accountId: "acc_1", entries: entries)
        let settlement = TerminationSettlement(
            balance: balance(entries), holdings: holdings, initiator: .developer, at: now, makeId: IdMaker().next)
        #expect(settlement.entries.map(\.kind) == [.packageExpiry, .packageExpiry, .packageExpiry, .terminationRefund])
        #expect(settlement.entries.map(\.quantity) == [100, 600, 3, nil])
        #expect(settlement.entries.map(\.amount) == [.zero, .zero, .zero, -Money("100")!])
        #expect(settlement.refundedPackageValue == .zero)
        #expect(settlement.payout == Money("100"))
        #expect(settlement.entries[1].description?.contains("not refunded") == true)
        let after = entries + settlement.entries
        #expect(balance(after) == .zero)
        #expect(PackageHoldings(accountId: "acc_1", entries: after).all.allSatisfy { $0.remaining == 0 })
    }

    @Test("PKG-2 refunds round each package's unused value down and the payout still zeroes the balance exactly")
    func rounding() {
        let entries = [
            PackageHoldingsTests.purchase("thirds", at: "2026-11-01T00:00:00Z", segments: 3, price: "10"),
            PackageHoldingsTests.draw(.allowanceUse, "thirds", 1, at: "2026-11-02T00:00:00Z"),
            LedgerEntry(
                id: "t", accountId: "acc_1", at: .utc("2026-10-01T00:00:00Z"), kind: .topUp, amount: Money("10.0001")!, reference: "p"),
        ]
        let settlement = TerminationSettlement(
            balance: balance(entries), holdings: PackageHoldings(accountId: "acc_1", entries: entries), initiator: .operator, at: now,
            makeId: IdMaker().next)
        #expect(settlement.refundedPackageValue == Money("6.666666", maximumFractionDigits: 6))
        #expect(settlement.payout == Money("6.666766", maximumFractionDigits: 6))
        #expect(balance(entries + settlement.entries) == .zero)
    }

    @Test(
        "TERM-1 an account with no money and no packages needs no entries",
        arguments: [TerminationSettlement.Initiator.operator, .developer])
    func nothingToSettle(initiator: TerminationSettlement.Initiator) {
        let settlement = TerminationSettlement(
            balance: .zero, holdings: PackageHoldings(accountId: "acc_1", entries: []), initiator: initiator, at: now,
            makeId: IdMaker().next)
        #expect(settlement.entries.isEmpty)
        #expect(settlement.payout == .zero)
    }

    @Test("TERM-1 settling twice pays nothing the second time")
    func settlingTwice() {
        var entries = ledger()
        for _ in 0..<2 {
            let settlement = TerminationSettlement(
                balance: balance(entries), holdings: PackageHoldings(accountId: "acc_1", entries: entries), initiator: .operator, at: now,
                makeId: IdMaker().next)
            entries += settlement.entries
        }
        #expect(entries.count == ledger().count + 4)
        #expect(balance(entries) == .zero)
    }
}
