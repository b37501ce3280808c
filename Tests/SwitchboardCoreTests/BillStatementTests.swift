import Testing

@testable import SwitchboardCore

/// A seeded generator (SplitMix64), so random ledgers are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("BillStatement")
struct BillStatementTests {
    typealias F = SendingFixtures
    let november = YearMonth(year: 2026, month: 11)

    func entry(
        _ id: String, _ at: String, _ kind: LedgerEntry.Kind, _ amount: String, service: String? = nil, sendId: String? = nil,
        reference: String? = nil, quantity: Int? = nil, account: String = "acc_1"
    ) -> LedgerEntry {
        LedgerEntry(
            id: id, accountId: account, at: .utc(at), kind: kind, amount: F.money(amount), service: service, sendId: sendId,
            method: kind == .topUp ? "alipay" : nil, reference: reference, quantity: quantity)
    }

    var ledger: [LedgerEntry] {
        [
            entry("e01", "2026-10-31T23:59:59Z", .topUp, "50", reference: "pay_0"),
            entry("e02", "2026-11-01T00:00:00Z", .topUp, "100", reference: "pay_1"),
            entry("e03", "2026-11-02T00:00:00Z", .charge, "-0.135", service: "sms-cn", sendId: "s1", reference: "2026-09", quantity: 3),
            entry("e04", "2026-11-02T00:00:01Z", .allowanceUse, "0", service: "sms-cn", sendId: "s2", reference: "trial", quantity: 1),
            entry("e05", "2026-11-02T00:00:01Z", .charge, "-0.045", service: "sms-cn", sendId: "s2", reference: "2026-09", quantity: 1),
            entry("e06", "2026-11-03T00:00:00Z", .refund, "0.045", service: "sms-cn", sendId: "s2", quantity: 1),
            entry("e07", "2026-11-03T00:00:00Z", .refund, "0", service: "sms-cn", sendId: "s2", reference: "trial", quantity: 1),
            entry("e08", "2026-11-04T00:00:00Z", .charge, "-0.6", service: "voice-cn", sendId: "c1", reference: "2026-09", quantity: 5),
            entry("e09", "2026-11-04T00:02:00Z", .refund, "0.36", service: "voice-cn", sendId: "c1", quantity: 3),
            entry("e10", "2026-11-05T00:00:00Z", .packagePurchase, "-40", service: "sms-cn", reference: "pkg_a", quantity: 1000),
            entry("e11", "2026-11-06T00:00:00Z", .packageExpiry, "0", service: "sms-cn", reference: "pkg_old", quantity: 20),
            entry("e12", "2026-11-07T00:00:00Z", .adjustment, "-1.5"),
            entry("e13", "2026-11-30T23:59:59.999Z", .topUp, "10", reference: "pay_2"),
            entry("e14", "2026-12-01T00:00:00Z", .topUp, "999", reference: "pay_3"),
            entry("e15", "2026-11-15T00:00:00Z", .topUp, "777", reference: "pay_x", account: "acc_2"),
        ]
    }

    @Test("BILL-1 a month's bill sums its entries by kind and service, from the opening to the closing balance")
    func sumsByKindAndService() throws {
        let opening = BillStatement.openingBalance(accountId: "acc_1", month: november, entries: ledger)
        #expect(opening == F.money("50"))
        let bill = BillStatement(
            accountId: "acc_1", month: november, openingBalance: opening, entries: ledger,
            units: ["sms-cn": "segment", "voice-cn": "minute"])
        #expect(bill.items.count == 12)
        #expect(bill.topUps == F.money("110"))
        #expect(bill.packagePurchases == F.money("-40"))
        #expect(bill.packageSegmentsBought == 1000)
        #expect(bill.packageSegmentsExpired == 20)
        #expect(bill.adjustments == F.money("-1.5"))
        let sms = try #require(bill.services.first { $0.service == "sms-cn" })
        #expect(sms.unit == "segment")
        #expect(sms.sends == 2)
        #expect(sms.quantity == 3)
        #expect(sms.allowanceQuantity == 0)
        #expect(sms.amount == F.money("-0.135"))
        let voice = try #require(bill.services.first { $0.service == "voice-cn" })
        #expect(voice.sends == 1)
        #expect(voice.quantity == 2)
        #expect(voice.charged == F.money("-0.6"))
        #expect(voice.refunded == F.money("0.36"))
        #expect(bill.closingBalance == F.money("118.125"))
        #expect(bill.reconciles)
    }

    @Test("BILL-1 closing a month makes a MonthlyBill that reconciles, packages on their own line")
    func monthlyBill() {
        let bill = BillStatement(accountId: "acc_1", month: november, openingBalance: F.money("50"), entries: ledger)
        let record = bill.monthlyBill(closedAt: .utc("2026-12-01T01:00:00Z"))
        #expect(record.reconciles)
        #expect(record.lines.map(\.service) == ["sms-cn", "voice-cn", "package-purchase"])
        #expect(record.credits == F.money("108.5"))
        #expect(record.closingBalance == bill.closingBalance)
    }

    @Test("BILL-1 every item carries its type, reference and, for charges, the unit price")
    func items() throws {
        let bill = BillStatement(accountId: "acc_1", month: november, openingBalance: .zero, entries: ledger)
        let charge = try #require(bill.items.first { $0.entryId == "e03" })
        #expect(charge.kind == .charge)
        #expect(charge.unitPrice == F.money("0.045"))
        #expect(charge.reference == "s1")
        let topUp = try #require(bill.items.first)
        #expect(topUp.kind == .topUp)
        #expect(topUp.reference == "pay_1")
        #expect(bill.items.first { $0.entryId == "e11" }?.kind == .expiry)
        #expect(bill.items.first { $0.entryId == "e04" }?.kind == .allowance)
        #expect(bill.items.first { $0.entryId == "e04" }?.unitPrice == nil)
    }

    @Test("BILL-1 many random ledgers reconcile to the micro-unit, month after month")
    func randomLedgersReconcile() {
        var random = SeededGenerator(state: 20_261_127)
        let kinds = LedgerEntry.Kind.allCases
        let services = ["sms-cn", "sms-intl", "voice-cn", "voice-intl"]
        for round in 0..<50 {
            var entries: [LedgerEntry] = []
            for index in 0..<200 {
                let kind = kinds.randomElement(using: &random) ?? .charge
                let micro = Int64.random(in: 1...50_000_000, using: &random)
                let amount: Int64
                switch kind {
                case .topUp, .refund: amount = micro
                case .charge, .packagePurchase: amount = -micro
                case .allowanceUse, .packageExpiry: amount = 0
                case .terminationRefund, .adjustment: amount = Bool.random(using: &random) ? micro : -micro
                }
                let at = Timestamp(millisecondsSince1970: Int64.random(in: 1_790_000_000_000...1_800_000_000_000, using: &random))
                entries.append(
                    LedgerEntry(
                        id: "r\(round)-\(index)", accountId: Bool.random(using: &random) ? "acc_1" : "acc_2", at: at, kind: kind,
                        amount: Money(microUnits: amount), service: services.randomElement(using: &random),
                        sendId: "s\(Int.random(in: 0..<40, using: &random))", reference: Bool.random(using: &random) ? "trial" : nil,
                        quantity: Int.random(in: 0...20, using: &random)))
            }
            var month = YearMonth(year: 2026, month: 9)
            var balance = BillStatement.openingBalance(accountId: "acc_1", month: month, entries: entries)
            while month < YearMonth(year: 2027, month: 2) {
                let bill = BillStatement(accountId: "acc_1", month: month, openingBalance: balance, entries: entries)
                #expect(bill.reconciles)
                #expect(bill.monthlyBill(closedAt: month.next.start).reconciles)
                balance = bill.closingBalance
                month = month.next
            }
            let total = entries.filter { $0.accountId == "acc_1" && $0.at < month.start }.reduce(Money.zero) { $0 + $1.amount }
            #expect(balance == total)
        }
    }
}
