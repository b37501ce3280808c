import Foundation
import Testing

@testable import SwitchboardCore

/// Money is exact: integer micro-units inside, decimal strings outside (SPEC "Money").
@Suite("Money")
struct MoneyTests {
    // MARK: Parsing

    @Test(
        "Exact decimal strings with up to 4 decimals parse to exact micro-units",
        arguments: [
            ("0.0450", Int64(45_000)),
            ("0.045", 45_000),
            ("12", 12_000_000),
            ("-3.5", -3_500_000),
            ("0", 0),
            ("-0", 0),
            ("0.0001", 100),
            ("-0.0001", -100),
            ("007.10", 7_100_000),
            ("1.2345", 1_234_500),
        ])
    func parsesExactDecimals(text: String, micro: Int64) {
        #expect(Money(text)?.microUnits == micro)
    }

    @Test(
        "Anything but a plain decimal with at most 4 decimals is refused",
        arguments: [
            "1e3", "1E3", "0.12345", "0.000001", "", ".5", "-.5", "5.", "-", "--1", "+1",
            " 1", "1 ", "1. 5", "\t1", "1\n", "1.2.3", "1,5", "1_000", "0x10", "NaN", "inf", "-inf",
            "１", "１２.５", "0.０４５", "٣", "१२", "½", "abc", "12a",
        ])
    func refusesMalformed(text: String) {
        #expect(Money(text) == nil, "\(text.debugDescription) should not parse")
    }

    @Test("Full-width digits (１) are refused although Unicode calls them numbers")
    func refusesFullWidthDigits() {
        #expect(Character("１").isNumber)
        #expect(Money("１") == nil)
        #expect(Money("1") != nil)
    }

    @Test("The largest accepted amount has 12 whole digits and 4 decimals, and survives a round trip")
    func hugeValues() throws {
        let largest = try #require(Money("999999999999.9999"))
        #expect(largest.microUnits == 999_999_999_999_999_900)
        #expect(largest.formatted() == "999999999999.9999")
        #expect(Money(largest.formatted()) == largest)
        let smallest = try #require(Money("-999999999999.9999"))
        #expect(smallest == -largest)
        #expect(Money("999999999999")?.microUnits == 999_999_999_999_000_000)
    }

    @Test(
        "More than 12 whole digits is refused rather than overflowing",
        arguments: ["1000000000000", "-1000000000000", "9223372036854", "99999999999999999999999"])
    func refusesTooManyWholeDigits(text: String) {
        #expect(Money(text) == nil)
    }

    @Test("Parsing accepts any StringProtocol, e.g. a Substring")
    func parsesSubstring() {
        let line = "price: 0.0450"
        let value = line.split(separator: " ")[1]
        #expect(Money(value) == Money(microUnits: 45_000))
    }

    // MARK: Formatting

    @Test(
        "Formatting shows at least 4 decimals, and more only when needed",
        arguments: [
            (Int64(45_000), "0.0450"),
            (12_000_000, "12.0000"),
            (-3_500_000, "-3.5000"),
            (-45_000, "-0.0450"),
            (0, "0.0000"),
            (100, "0.0001"),
            (123_456, "0.123456"),
            (1, "0.000001"),
            (-1, "-0.000001"),
            (1_234_560, "1.23456"),
        ])
    func formatsWithFourDecimals(micro: Int64, text: String) {
        #expect(Money(microUnits: micro).formatted() == text)
        #expect(Money(microUnits: micro).description == text)
    }

    @Test("A smaller minimum of decimals trims trailing zeros down to it")
    func formatsWithOtherMinimum() {
        let amount = Money(microUnits: 12_500_000)
        #expect(amount.formatted(minimumFractionDigits: 0) == "12.5")
        #expect(Money(microUnits: 12_000_000).formatted(minimumFractionDigits: 0) == "12")
        #expect(amount.formatted(minimumFractionDigits: 2) == "12.50")
        #expect(amount.formatted(minimumFractionDigits: 6) == "12.500000")
    }

    @Test("Int64.min formats without trapping")
    func formatsExtremes() {
        #expect(Money(microUnits: .min).formatted() == "-9223372036854.775808")
        #expect(Money(microUnits: .max).formatted() == "9223372036854.775807")
    }

    @Test("Every parsed amount formats back to a string that parses to the same amount")
    func roundTrips() throws {
        for text in ["0.0450", "12", "-3.5", "0.0001", "123456789012.3456", "-0.5"] {
            let money = try #require(Money(text))
            #expect(Money(money.formatted()) == money)
        }
    }

    // MARK: Arithmetic

    @Test("Addition, subtraction, negation and scaling are exact integer arithmetic")
    func arithmetic() throws {
        let sms = try #require(Money("0.0450"))
        #expect(sms * 3 == Money("0.135"))
        #expect(sms + sms == Money("0.09"))
        #expect(sms - Money("0.05")! == Money("-0.005"))
        #expect(-sms == Money("-0.045"))
        #expect(-(-sms) == sms)
        #expect(sms * 0 == .zero)
        #expect(sms * -2 == Money("-0.09"))
        var balance = try #require(Money("10"))
        balance -= sms
        #expect(balance == Money("9.955"))
        balance += sms
        #expect(balance == Money("10"))
    }

    @Test("Ten times 0.1 is exactly 1, unlike floating point")
    func noFloatingPointDrift() throws {
        let tenth = try #require(Money("0.1"))
        var sum = Money.zero
        for _ in 0..<10 { sum += tenth }
        #expect(sum == Money("1"))
        #expect(sum.formatted() == "1.0000")
    }

    @Test("Ordering follows the amount, negatives first")
    func comparable() throws {
        let amounts = ["0.05", "-1", "0.045", "0", "12"].compactMap { Money($0) }
        #expect(amounts.sorted().map(\.description) == ["-1.0000", "0.0000", "0.0450", "0.0500", "12.0000"])
        #expect(Money("0.0450")! < Money("0.0451")!)
        #expect(Money("0.045") == Money("0.0450"))
        #expect(Money("0.045").hashValue == Money("0.0450").hashValue)
    }

    @Test("Overflowing arithmetic traps instead of wrapping")
    func overflowTraps() async {
        await #expect(processExitsWith: .failure) {
            let big = Money(microUnits: .max)
            _ = big + Money(microUnits: 1)
        }
        await #expect(processExitsWith: .failure) {
            _ = Money(microUnits: .max / 2 + 1) * 2
        }
    }

    // MARK: percentChange

    @Test(
        "percentChange rounds half away from zero to one decimal and signs the result",
        arguments: [
            ("9", "8", "+12.5"),
            ("17", "16", "+6.3"),  // +6.25 rounds up
            ("15", "16", "-6.3"),  // -6.25 rounds away from zero
            ("1", "3", "-66.7"),
            ("4", "3", "+33.3"),
            ("2.91", "3", "-3.0"),
            ("0.05", "0.045", "+11.1"),
            ("0.045", "0.05", "-10.0"),
            ("0", "5", "-100.0"),
            ("1", "0.0001", "+999900.0"),
            ("10.0049", "10", "0.0"),  // +0.049 % rounds to zero tenths: no sign
        ])
    func percentChange(new: String, old: String, expected: String) throws {
        let newValue = try #require(Money(new)), oldValue = try #require(Money(old))
        #expect(newValue.percentChange(from: oldValue) == expected)
    }

    @Test("percentChange of an unchanged or barely changed price is 0.0 without a sign")
    func percentChangeZero() throws {
        let price = try #require(Money("0.0450"))
        #expect(price.percentChange(from: price) == "0.0")
        #expect(Money("9999.9999")!.percentChange(from: Money("10000")!) == "0.0")
        #expect(Money("10000.0001")!.percentChange(from: Money("10000")!) == "0.0")
    }

    @Test("percentChange from zero has no answer")
    func percentChangeFromZero() {
        #expect(Money("1")!.percentChange(from: .zero) == nil)
        #expect(Money.zero.percentChange(from: .zero) == nil)
    }

    @Test(
        "percentChange answers for the largest amounts Money parses, without overflow")
    func percentChangeLargeAmounts() throws {
        // Both amounts are accepted by Money(_:) (12 whole digits are allowed), yet
        // (new - old) * 1000 overflows Int64 and the process traps.
        let new = try #require(Money("10000000000"))
        let old = try #require(Money("1"))
        #expect(new.percentChange(from: old) == "+999999999900.0")
        #expect(Money("999999999999")!.percentChange(from: Money("999999999998")!) == "0.0")
    }

    // MARK: Codable

    private struct Priced: Codable, Equatable {
        let price: Money
    }

    @Test("Money encodes as a JSON string with 4 decimals, never a number")
    func encodesAsString() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(Priced(price: Money("0.045")!))
        #expect(String(decoding: data, as: UTF8.self) == #"{"price":"0.0450"}"#)
        let bare = try encoder.encode(Money("-3.5")!)
        #expect(String(decoding: bare, as: UTF8.self) == #""-3.5000""#)
    }

    @Test("Money decodes from a JSON decimal string and round-trips")
    func decodesFromString() throws {
        let decoded = try JSONDecoder().decode(Priced.self, from: Data(#"{"price":"0.0450"}"#.utf8))
        #expect(decoded.price == Money(microUnits: 45_000))
        let whole = try JSONDecoder().decode(Priced.self, from: Data(#"{"price":"12"}"#.utf8))
        #expect(whole.price == Money("12"))
        for text in ["0.0450", "-3.5", "999999999999.9999", "0"] {
            let original = Priced(price: Money(text)!)
            let again = try JSONDecoder().decode(Priced.self, from: JSONEncoder().encode(original))
            #expect(again == original)
        }
    }

    @Test(
        "Money decodes every amount it encodes, including computed ones finer than 4 decimals")
    func codableRoundTripsEveryAmount() throws {
        // Money(microUnits:) and formatted() both support micro-units, so a balance or bill holding
        // 0.123456 is written to JSON and can then never be read back.
        for micro: Int64 in [123_456, 1, -1, 45_001] {
            let original = Priced(price: Money(microUnits: micro))
            let data = try JSONEncoder().encode(original)
            #expect(try JSONDecoder().decode(Priced.self, from: data) == original)
        }
    }

    @Test("A JSON number (float or integer) is refused with a type mismatch", arguments: ["0.045", "12", "1e3"])
    func refusesNumbers(json: String) throws {
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Priced.self, from: Data(#"{"price":\#(json)}"#.utf8))
        }
        guard case .typeMismatch(let type, let context)? = error else {
            Issue.record("expected typeMismatch, got \(String(describing: error))")
            return
        }
        #expect(type is String.Type)
        #expect(context.codingPath.map(\.stringValue) == ["price"])
    }

    @Test(
        "A string that is not an exact amount is refused with a message naming it",
        arguments: ["0.1234567", "1e3", "", " 1", "abc", "１"])
    func refusesBadStrings(text: String) throws {
        let json = try JSONEncoder().encode(["price": text])
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Priced.self, from: json)
        }
        guard case .dataCorrupted(let context)? = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(context.debugDescription == "'\(text)' is not an exact decimal amount")
        #expect(context.codingPath.map(\.stringValue) == ["price"])
    }
}
