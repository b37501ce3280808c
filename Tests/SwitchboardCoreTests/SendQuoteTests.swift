import Testing

@testable import SwitchboardCore

@Suite("SendQuote")
struct SendQuoteTests {
    typealias F = SendingFixtures

    @Test("PRICE-2 a send one millisecond before a sheet takes effect pays the old price, at it the new")
    func priceChangeBoundary() throws {
        let before = try #require(F.quote(quantity: 1, at: F.change.adding(seconds: -1)).affordable)
        #expect(before.price == F.money("0.0480"))
        #expect(before.sheetId == "2026-03")
        let justBefore = try #require(
            F.quote(quantity: 1, at: Timestamp(millisecondsSince1970: F.change.millisecondsSince1970 - 1)).affordable)
        #expect(justBefore.price == F.money("0.0480"))
        let at = try #require(F.quote(quantity: 1, at: F.change).affordable)
        #expect(at.price == F.money("0.0450"))
        #expect(at.sheetId == "2026-09")
        let after = try #require(F.quote(quantity: 1, at: F.change.adding(seconds: 1)).affordable)
        #expect(after.price == F.money("0.0450"))
    }

    @Test("PRICE-1 the charge is the exact unit price times the segments, one charge entry naming the send")
    func exactCharge() throws {
        let quote = try #require(F.quote(quantity: 3, at: F.change).affordable)
        #expect(quote.price == F.money("0.135"))
        #expect(quote.entries.count == 1)
        let charge = try #require(quote.entries.first)
        #expect(charge.kind == .charge)
        #expect(charge.amount == F.money("-0.135"))
        #expect(charge.sendId == "snd_1")
        #expect(charge.service == "sms-cn")
        #expect(charge.quantity == 3)
        #expect(charge.reference == "2026-09")
        #expect(charge.id == "id-1")
        #expect(charge.problems().isEmpty)
    }

    @Test("PRICE-1 no price line for the service, or no sheet yet, is price unavailable")
    func priceUnavailable() {
        #expect(F.quote("voice-intl", quantity: 1, at: F.change) == .priceUnavailable(service: "voice-intl"))
        #expect(F.quote(quantity: 1, at: .utc("2025-01-01T00:00:00Z")) == .priceUnavailable(service: "sms-cn"))
    }

    @Test("PRICE-1 a quantity below one is refused")
    func invalidQuantity() {
        #expect(F.quote(quantity: 0, at: F.change) == .invalidQuantity(0))
    }

    @Test("BILL-2 a balance of exactly the price is enough; one micro-unit less is refused with the shortfall and no ids drawn")
    func lastCent() throws {
        #expect(F.quote(quantity: 3, at: F.change, balance: "0.135").affordable?.price == F.money("0.135"))
        let refused = F.quote(quantity: 3, at: F.change, balance: "0.134999")
        guard case .insufficientBalance(let quote, let shortfall) = refused else {
            Issue.record("expected insufficient balance, got \(refused)")
            return
        }
        #expect(shortfall == Money(microUnits: 1))
        #expect(quote.entries.allSatisfy { $0.id.isEmpty })
    }

    @Test("PRICE-3 trial units are used first, with a zero-amount entry, then normal prices apply to the rest")
    func trialFirst() throws {
        let quote = try #require(F.quote(quantity: 5, at: F.change, trial: 2).affordable)
        #expect(quote.trialUnits == 2)
        #expect(quote.chargedUnits == 3)
        #expect(quote.price == F.money("0.135"))
        #expect(quote.entries.map(\.kind) == [.allowanceUse, .charge])
        #expect(quote.entries[0].reference == SendQuote.trialReference)
        #expect(quote.entries[0].amount == .zero)
        #expect(quote.entries[0].quantity == 2)
    }

    @Test("PRICE-3 a send fully covered by the trial costs nothing and needs no balance")
    func trialCoversAll() throws {
        let quote = try #require(F.quote(quantity: 2, at: F.change, trial: 10, balance: "0").affordable)
        #expect(quote.price == .zero)
        #expect(quote.entries.map(\.kind) == [.allowanceUse])
    }

    @Test("PKG-1 after the trial, packages pay soonest-expiring first, then the balance")
    func packagesAfterTrial() throws {
        let entries = [
            F.purchase("pkg_late", at: "2026-08-01T00:00:00Z", segments: 10),
            F.purchase("pkg_soon", at: "2026-07-01T00:00:00Z", segments: 2),
        ]
        let quote = try #require(F.quote(quantity: 20, at: F.change, trial: 1, entries: entries).affordable)
        #expect(quote.entries.map(\.kind) == [.allowanceUse, .allowanceUse, .allowanceUse, .charge])
        #expect(quote.entries.map(\.reference) == ["trial", "pkg_soon", "pkg_late", "2026-09"])
        #expect(quote.entries.map(\.quantity) == [1, 2, 10, 7])
        #expect(quote.packageUnits == 12)
        #expect(quote.price == F.money("0.315"))
    }

    @Test("PRICE-3 trial units used are counted from the ledger, net of units given back")
    func trialUnitsUsed() throws {
        let quote = try #require(F.quote(quantity: 5, at: F.change, trial: 3).affordable)
        #expect(SendQuote.trialUnitsUsed(service: "sms-cn", accountId: "acc_1", entries: quote.entries) == 3)
        let back = SMSRefundRule().entries(sendId: "snd_1", status: .failed, entries: quote.entries, at: F.change, makeId: IdMaker().next)
        #expect(SendQuote.trialUnitsUsed(service: "sms-cn", accountId: "acc_1", entries: quote.entries + back) == 0)
    }
}
