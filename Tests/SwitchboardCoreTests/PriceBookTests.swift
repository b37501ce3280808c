import Foundation
import Testing

@testable import SwitchboardCore

/// The price book decides which sheet is in effect at each moment (PRICE-1, PRICE-2).
@Suite("PriceBook")
struct PriceBookTests {
    static func sheet(_ id: String, effective: Date, sms: String, announcement: String?) -> PriceSheet {
        PriceSheet(
            id: id, title: "Prices \(id)", effective: effective, announcement: announcement, currency: "CNY",
            lines: [PriceLine(service: "sms-cn", unit: "segment", price: Money(sms)!, description: "SMS")],
            packages: [])
    }

    static let january = sheet("2026-01", effective: Shanghai.at(2026, 1, 1), sms: "0.0450", announcement: nil)
    static let december = sheet("2026-12", effective: Shanghai.at(2026, 12, 10), sms: "0.0500", announcement: "new-prices")
    static let march = sheet("2027-03", effective: Shanghai.at(2027, 3, 1, 8), sms: "0.0480", announcement: "march-prices")

    /// Given out of order on purpose.
    let book = PriceBook(sheets: [december, march, january])

    @Test("Sheets given in any order are kept oldest first")
    func sortsSheets() {
        #expect(book.sheets.map(\.id) == ["2026-01", "2026-12", "2027-03"])
        #expect(PriceBook(sheets: [Self.march, Self.january, Self.december]) == book)
    }

    @Test("PRICE-2: a sheet a second before its effective moment is not in effect")
    func secondBeforeBoundary() {
        #expect(book.sheet(at: Shanghai.at(2026, 12, 9, 23, 59, 59))?.id == "2026-01")
        #expect(book.sheet(at: Shanghai.at(2027, 3, 1, 7, 59, 59))?.id == "2026-12")
    }

    @Test("PRICE-2: a sheet is in effect from its effective moment exactly")
    func atBoundary() {
        #expect(book.sheet(at: Shanghai.at(2026, 12, 10))?.id == "2026-12")
        #expect(book.sheet(at: Shanghai.at(2027, 3, 1, 8))?.id == "2027-03")
        #expect(book.sheet(at: Shanghai.at(2026, 1, 1))?.id == "2026-01")
    }

    @Test("PRICE-2: a sheet stays in effect until the next one takes over")
    func afterBoundary() {
        #expect(book.sheet(at: Shanghai.at(2026, 12, 10, 0, 0, 1))?.id == "2026-12")
        #expect(book.sheet(at: Shanghai.at(2026, 6, 1))?.id == "2026-01")
        #expect(book.sheet(at: Shanghai.at(2030, 1, 1))?.id == "2027-03")
    }

    @Test("Before the first sheet nothing is in effect and nothing can be priced")
    func beforeFirstSheet() {
        let early = Shanghai.at(2025, 12, 31, 23, 59, 59)
        #expect(book.sheet(at: early) == nil)
        #expect(book.price(for: "sms-cn", at: early) == nil)
    }

    @Test("PRICE-2: the upcoming sheet is the next one strictly after the moment")
    func upcoming() {
        #expect(book.upcoming(after: Shanghai.at(2025, 6, 1))?.id == "2026-01")
        #expect(book.upcoming(after: Shanghai.at(2026, 12, 9, 23, 59, 59))?.id == "2026-12")
        // At its effective moment a sheet is current, not upcoming.
        #expect(book.upcoming(after: Shanghai.at(2026, 12, 10))?.id == "2027-03")
        #expect(book.upcoming(after: Shanghai.at(2027, 3, 1, 7, 59, 59))?.id == "2027-03")
        #expect(book.upcoming(after: Shanghai.at(2027, 3, 1, 8)) == nil)
    }

    @Test("The predecessor of a sheet is the one in effect just before it; the first has none")
    func predecessor() {
        #expect(book.predecessor(of: Self.january) == nil)
        #expect(book.predecessor(of: Self.december)?.id == "2026-01")
        #expect(book.predecessor(of: Self.march)?.id == "2026-12")
    }

    @Test("PRICE-2: a send is priced at the sheet in effect at its own timestamp, to the second")
    func priceAtMoment() {
        #expect(book.price(for: "sms-cn", at: Shanghai.at(2026, 12, 9, 23, 59, 59))?.price == Money("0.0450"))
        #expect(book.price(for: "sms-cn", at: Shanghai.at(2026, 12, 10))?.price == Money("0.0500"))
        #expect(book.price(for: "sms-cn", at: Shanghai.at(2027, 3, 1, 8))?.price == Money("0.0480"))
    }

    @Test("A service the sheet in effect does not list has no price")
    func unknownService() {
        #expect(book.price(for: "voice-cn", at: Shanghai.at(2026, 12, 10)) == nil)
    }

    @Test("An empty book has no current, upcoming or previous sheet")
    func emptyBook() {
        let empty = PriceBook(sheets: [])
        let now = Shanghai.at(2026, 12, 10)
        #expect(empty.sheet(at: now) == nil)
        #expect(empty.upcoming(after: now) == nil)
        #expect(empty.predecessor(of: Self.december) == nil)
        #expect(empty.price(for: "sms-cn", at: now) == nil)
    }
}
