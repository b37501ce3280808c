import Testing

@testable import SwitchboardCore

@Suite("SMSRefundRule")
struct SMSRefundRuleTests {
    typealias F = SendingFixtures

    @Test("BILL-2 a failed SMS is refunded in full, and its package segments go back to the package")
    func failedRefundedInFull() throws {
        let purchase = F.purchase("pkg_a", at: "2026-08-01T00:00:00Z", segments: 2)
        let quote = try #require(F.quote(quantity: 5, at: F.change, trial: 1, entries: [purchase]).affordable)
        let ledger = [purchase] + quote.entries
        #expect(F.holdings(ledger).all.first?.remaining == 0)
        let refunds = SMSRefundRule().entries(sendId: "snd_1", status: .failed, entries: ledger, at: F.change, makeId: IdMaker().next)
        #expect(refunds.map(\.kind) == [.refund, .refund, .refund])
        #expect(refunds.map(\.amount) == [F.money("0.09"), .zero, .zero])
        #expect(refunds.map(\.reference) == [nil, "pkg_a", "trial"])
        #expect(refunds.allSatisfy { $0.problems().isEmpty })
        #expect((quote.entries + refunds).reduce(Money.zero) { $0 + $1.amount } == .zero)
        #expect(F.holdings(ledger + refunds).all.first?.remaining == 2)
    }

    @Test("BILL-2 an undelivered SMS stays charged unless the rule says otherwise; delivered never refunds")
    func undeliveredStaysCharged() throws {
        let entries = try #require(F.quote(quantity: 1, at: F.change).affordable).entries
        #expect(
            SMSRefundRule().entries(sendId: "snd_1", status: .undelivered, entries: entries, at: F.change, makeId: IdMaker().next).isEmpty)
        #expect(
            SMSRefundRule().entries(sendId: "snd_1", status: .delivered, entries: entries, at: F.change, makeId: IdMaker().next).isEmpty)
        let generous = SMSRefundRule(refundsUndelivered: true)
        #expect(
            generous.entries(sendId: "snd_1", status: .undelivered, entries: entries, at: F.change, makeId: IdMaker().next).first?.amount
                == F.money("0.045"))
    }

    @Test("BILL-2 a failed SMS already refunded gets nothing more")
    func refundOnce() throws {
        let entries = try #require(F.quote(quantity: 2, at: F.change).affordable).entries
        let rule = SMSRefundRule()
        let first = rule.entries(sendId: "snd_1", status: .failed, entries: entries, at: F.change, makeId: IdMaker().next)
        #expect(first.count == 1)
        #expect(rule.entries(sendId: "snd_1", status: .failed, entries: entries + first, at: F.change, makeId: IdMaker().next).isEmpty)
    }

    @Test("PKG-1 segments given back to a package already forfeited do not reopen it")
    func noGiveBackToClosedPackage() {
        let purchase = F.purchase("pkg_a", at: "2026-01-01T00:00:00Z", segments: 10)
        let expiry = LedgerEntry(
            id: "e-x", accountId: "acc_1", at: .utc("2026-07-01T00:00:00Z"), kind: .packageExpiry, amount: .zero,
            service: "sms-cn", reference: "pkg_a", quantity: 10)
        let back = LedgerEntry(
            id: "e-y", accountId: "acc_1", at: .utc("2026-07-02T00:00:00Z"), kind: .refund, amount: .zero, service: "sms-cn",
            sendId: "snd_1", reference: "pkg_a", quantity: 3)
        #expect(F.holdings([purchase, expiry, back]).all.first?.remaining == 0)
    }
}
