import Testing

@testable import SwitchboardCore

@Suite("CallSettlement")
struct CallSettlementTests {
    typealias F = SendingFixtures

    /// A call reserving `minutes` of voice-cn at 0.1200.
    func reservation(minutes: Int, trial: Int = 0) throws -> [LedgerEntry] {
        try #require(F.quote("voice-cn", quantity: minutes, at: F.change, trial: trial, sendId: "call_1").affordable).entries
    }

    func settle(_ status: SendStatus, seconds: Int?, entries: [LedgerEntry]) throws -> CallSettlement {
        try #require(
            CallSettlement(
                sendId: "call_1", status: status, durationSeconds: seconds, entries: entries, at: F.change.adding(seconds: 300),
                makeId: IdMaker().next))
    }

    @Test("PLAT-2 calls are billed per started minute: 0 s none, 1 and 60 s one, 61 s two")
    func startedMinutes() {
        #expect(CallSettlement.billedMinutes(durationSeconds: 0) == 0)
        #expect(CallSettlement.billedMinutes(durationSeconds: 1) == 1)
        #expect(CallSettlement.billedMinutes(durationSeconds: 60) == 1)
        #expect(CallSettlement.billedMinutes(durationSeconds: 61) == 2)
        #expect(CallSettlement.maximumDurationSeconds(reservedMinutes: 5) == 300)
    }

    @Test("BILL-2 a 61-second call of 5 reserved minutes keeps 2 and refunds 3 minutes' price, naming the send")
    func refundsUnusedMinutes() throws {
        let entries = try reservation(minutes: 5)
        let settlement = try settle(.completed, seconds: 61, entries: entries)
        #expect(settlement.reservedMinutes == 5)
        #expect(settlement.billedMinutes == 2)
        #expect(settlement.refunded == F.money("0.36"))
        let refund = try #require(settlement.entries.first)
        #expect(refund.kind == .refund)
        #expect(refund.sendId == "call_1")
        #expect(refund.quantity == 3)
        #expect(refund.problems().isEmpty)
        let net = (entries + settlement.entries).reduce(Money.zero) { $0 + $1.amount }
        #expect(net == F.money("-0.24"))
    }

    @Test("BILL-2 a call never costs more than it reserved: a longer reported duration is capped")
    func reservationCaps() throws {
        let settlement = try settle(.completed, seconds: 600, entries: try reservation(minutes: 2))
        #expect(settlement.billedMinutes == 2)
        #expect(settlement.entries.isEmpty)
        #expect(settlement.refunded == .zero)
    }

    @Test("BILL-2 busy, no-answer and failed calls are refunded in full, trial minutes given back too")
    func unansweredRefundedInFull() throws {
        for status in [SendStatus.busy, .noAnswer, .failed] {
            let entries = try reservation(minutes: 3, trial: 1)
            let settlement = try settle(status, seconds: nil, entries: entries)
            #expect(settlement.billedMinutes == 0)
            #expect(settlement.refunded == F.money("0.24"))
            #expect(settlement.entries.map(\.reference) == [nil, SendQuote.trialReference])
            #expect(SendQuote.trialUnitsUsed(service: "voice-cn", accountId: "acc_1", entries: entries + settlement.entries) == 0)
        }
    }

    @Test("BILL-2 a call not yet ended is not settled, and settling twice refunds nothing twice")
    func onlyFinalAndOnce() throws {
        let entries = try reservation(minutes: 3)
        #expect(
            CallSettlement(
                sendId: "call_1", status: .inProgress, durationSeconds: nil, entries: entries, at: F.change, makeId: IdMaker().next)
                == nil)
        let first = try settle(.busy, seconds: nil, entries: entries)
        let second = try settle(.busy, seconds: nil, entries: entries + first.entries)
        #expect(second.entries.isEmpty)
    }
}
