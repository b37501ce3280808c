/// An exact amount of money, kept as an integer count of micro-units (10⁻⁶ of the currency unit).
///
/// Prices go below one fen (`0.045`), so floating point is never used: amounts are parsed from
/// and printed as decimal strings, and arithmetic is integer arithmetic that traps on overflow.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Micro-units per currency unit.
    public static let scale: Int64 = 1_000_000
    /// The most decimal places a written amount may carry (SPEC "Money").
    public static let maximumFractionDigits = 4

    public var microUnits: Int64

    public init(microUnits: Int64) { self.microUnits = microUnits }

    public static let zero = Money(microUnits: 0)

    /// Parses an exact decimal string such as `"0.0450"`, `"12"` or `"-3.5"`.
    /// Returns `nil` for anything else: exponents, more decimals than `maximumFractionDigits`
    /// (four, as prices are written; up to six for amounts the system itself computed), spaces,
    /// empty parts.
    public init?(_ text: some StringProtocol, maximumFractionDigits: Int = Money.maximumFractionDigits) {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" {
            negative = true
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !whole.isEmpty, whole.count <= 12,
            whole.allSatisfy({ $0.isASCII && $0.isNumber }),
            parts.count == 1 || !fraction.isEmpty,
            fraction.count <= min(maximumFractionDigits, 6),
            fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
            let units = Int64(whole)
        else { return nil }
        let padded = fraction + String(repeating: "0", count: 6 - fraction.count)
        guard let micro = Int64(padded) else { return nil }
        let value = units * Money.scale + micro
        self.microUnits = negative ? -value : value
    }

    /// The amount with at least `minimumFractionDigits` decimals (four by default: `"0.0450"`),
    /// and more only when the amount needs them.
    public func formatted(minimumFractionDigits: Int = Money.maximumFractionDigits) -> String {
        let magnitude = microUnits.magnitude
        let whole = magnitude / UInt64(Money.scale)
        var fraction = String(magnitude % UInt64(Money.scale))
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.count > minimumFractionDigits, fraction.last == "0" {
            fraction.removeLast()
        }
        let sign = microUnits < 0 ? "-" : ""
        return fraction.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }

    public var description: String { formatted() }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.microUnits < rhs.microUnits }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(microUnits: lhs.microUnits + rhs.microUnits) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(microUnits: lhs.microUnits - rhs.microUnits) }
    public static prefix func - (value: Money) -> Money { Money(microUnits: -value.microUnits) }
    public static func * (lhs: Money, rhs: Int64) -> Money { Money(microUnits: lhs.microUnits * rhs) }
    public static func += (lhs: inout Money, rhs: Money) { lhs = lhs + rhs }
    public static func -= (lhs: inout Money, rhs: Money) { lhs = lhs - rhs }

    /// The change from `old` to `self` in percent, rounded half away from zero to one decimal
    /// (`"+12.5"`, `"-3.0"`); `nil` when `old` is zero.
    public func percentChange(from old: Money) -> String? {
        guard old.microUnits != 0 else { return nil }
        // Tenths of a percent, rounded half away from zero, in full-width integers so that no
        // amount Money can hold overflows.
        let difference = microUnits - old.microUnits
        let denominator = old.microUnits.magnitude
        let product = difference.magnitude.multipliedFullWidth(by: 1000)
        let (quotient, remainder) = denominator.dividingFullWidth(product)
        let roundUp: UInt64 = remainder >= denominator - remainder ? 1 : 0
        let tenths = (quotient + roundUp)
        let negative = (difference < 0) != (old.microUnits < 0)
        let sign = tenths == 0 ? "" : (negative ? "-" : "+")
        return "\(sign)\(tenths / 10).\(tenths % 10)"
    }

    // Encoded as its decimal string, so JSON carries "0.0450", never a float.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Money(text, maximumFractionDigits: 6) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not an exact decimal amount")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(formatted())
    }
}
