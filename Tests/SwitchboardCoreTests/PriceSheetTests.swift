import Foundation
import Testing

@testable import SwitchboardCore

@Suite("PriceSheet")
struct PriceSheetTests {
    static let sheet = PriceSheet(
        id: "2026-01", title: "Prices from January 2026", effective: Shanghai.at(2026, 1, 1), announcement: nil,
        currency: "CNY",
        lines: [
            PriceLine(service: "sms-cn", unit: "segment", price: Money("0.0450")!, description: "SMS to mainland China"),
            PriceLine(service: "voice-cn", unit: "minute", price: Money("0.12")!, description: "Calls to mainland China"),
            PriceLine(service: "sms-cn", unit: "segment", price: Money("9")!, description: "duplicate, never used"),
        ],
        packages: [
            PackageOffer(name: "SMS 10k", service: "sms-cn", segments: 10_000, price: Money("400")!, description: "Six months")
        ])

    @Test("PRICE-1: line(for:) finds the price of a service, the first line when a service repeats")
    func lineForService() {
        #expect(Self.sheet.line(for: "sms-cn")?.price == Money("0.045"))
        #expect(Self.sheet.line(for: "voice-cn")?.unit == "minute")
        #expect(Self.sheet.line(for: "sms-intl") == nil)
        #expect(Self.sheet.line(for: "SMS-CN") == nil)
    }

    @Test("PRICE-1: a price line encodes its price as an exact decimal string")
    func priceLineJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(Self.sheet.lines[0])
        #expect(
            String(decoding: data, as: UTF8.self)
                == #"{"description":"SMS to mainland China","price":"0.0450","service":"sms-cn","unit":"segment"}"#)
        #expect(try JSONDecoder().decode(PriceLine.self, from: data) == Self.sheet.lines[0])
    }

    @Test("PRICE-1: a price line with a float price is refused")
    func priceLineFloatRefused() {
        let json = #"{"description":"x","price":0.045,"service":"sms-cn","unit":"segment"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PriceLine.self, from: Data(json.utf8)) }
    }

    @Test("PKG-1: a package offer round-trips through JSON with its price as a string")
    func packageJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(Self.sheet.packages[0])
        #expect(String(decoding: data, as: UTF8.self).contains(#""price":"400.0000""#))
        #expect(try JSONDecoder().decode(PackageOffer.self, from: data) == Self.sheet.packages[0])
    }
}
