import Foundation

@testable import SwitchboardCore

/// Price sheets like the sample content: sms-cn 0.0480 then 0.0450 from 2026-09-01 00:00 Shanghai
/// (2026-08-31T16:00:00Z); voice-cn 0.1200; sms-intl 0.3800 then 0.3500.
enum SendingFixtures {
    static let change = Timestamp.utc("2026-08-31T16:00:00Z")

    static let book = PriceBook(sheets: [
        PriceSheet(
            id: "2026-03", title: "March", effective: Timestamp.utc("2026-02-28T16:00:00Z").date, announcement: nil,
            currency: "CNY",
            lines: [
                line("sms-cn", "segment", "0.0480"), line("sms-intl", "segment", "0.3800"), line("voice-cn", "minute", "0.1200"),
            ], packages: []),
        PriceSheet(
            id: "2026-09", title: "September", effective: change.date, announcement: "price-change-september-2026",
            currency: "CNY",
            lines: [
                line("sms-cn", "segment", "0.0450"), line("sms-intl", "segment", "0.3500"), line("voice-cn", "minute", "0.1200"),
            ], packages: []),
    ])

    static func line(_ service: String, _ unit: String, _ price: String) -> PriceLine {
        PriceLine(service: service, unit: unit, price: money(price), description: service)
    }

    static func money(_ text: String) -> Money { Money(text, maximumFractionDigits: 6) ?? .zero }

    static func purchase(_ id: String, at: String, segments: Int, service: String = "sms-cn") -> LedgerEntry {
        LedgerEntry(
            id: "e-\(id)", accountId: "acc_1", at: .utc(at), kind: .packagePurchase, amount: money("-40"), service: service,
            reference: id, quantity: segments, description: id)
    }

    static func holdings(_ entries: [LedgerEntry]) -> PackageHoldings { PackageHoldings(accountId: "acc_1", entries: entries) }

    /// Quotes with the fixtures' book for `acc_1`, ids from a fresh `IdMaker`.
    static func quote(
        _ service: String = "sms-cn", quantity: Int, at: Timestamp, trial: Int = 0, entries: [LedgerEntry] = [],
        balance: String = "100", sendId: String = "snd_1"
    ) -> SendQuote.Outcome {
        let ids = IdMaker()
        return SendQuote.make(
            book: book, service: service, quantity: quantity, at: at, accountId: "acc_1", sendId: sendId, trialRemaining: trial,
            holdings: holdings(entries), balance: money(balance), makeId: ids.next)
    }
}

extension SendQuote.Outcome {
    /// The quote when affordable.
    var affordable: SendQuote? {
        if case .affordable(let quote) = self { return quote }
        return nil
    }
}
