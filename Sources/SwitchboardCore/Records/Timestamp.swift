import Foundation

/// A moment in UTC, kept as whole milliseconds since 1970 and written as
/// `"2026-11-27T03:00:00.000Z"` in every data file and API answer.
///
/// Records carry `Timestamp` rather than `Date` so that a value survives a JSON round trip
/// exactly and its month can be read without a calendar. Core never reads the clock: callers
/// pass `Timestamp(date)` in.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) { self.millisecondsSince1970 = millisecondsSince1970 }

    /// The moment `date` names, truncated to the millisecond.
    public init(_ date: Date) {
        self.millisecondsSince1970 = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSince1970) / 1000) }

    /// The calendar month (UTC) this moment falls in.
    public var month: YearMonth {
        let (year, month, _) = Self.civil(fromDays: Self.floorDiv(millisecondsSince1970, 86_400_000))
        return YearMonth(year: year, month: month)
    }

    /// This moment moved by `seconds` (negative moves back).
    public func adding(seconds: Int64) -> Timestamp {
        Timestamp(millisecondsSince1970: millisecondsSince1970 + seconds * 1000)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }

    /// ISO 8601 in UTC with milliseconds: `2026-11-27T03:00:00.000Z`.
    public var description: String {
        let days = Self.floorDiv(millisecondsSince1970, 86_400_000)
        let msOfDay = millisecondsSince1970 - days * 86_400_000
        let (year, month, day) = Self.civil(fromDays: days)
        let seconds = msOfDay / 1000
        guard (0...9999).contains(year) else {
            return Self.pad(year, 4) + "-" + Self.pad(Int64(month), 2) + "-" + Self.pad(Int64(day), 2) + "T"
                + Self.pad(seconds / 3600, 2) + ":" + Self.pad(seconds / 60 % 60, 2) + ":"
                + Self.pad(seconds % 60, 2) + "." + Self.pad(msOfDay % 1000, 3) + "Z"
        }
        // Written in place: every record and answer carries a few of these.
        return String(unsafeUninitializedCapacity: 24) { bytes in
            func put(_ value: Int64, _ width: Int, at offset: Int) {
                var value = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    bytes[position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, 4, at: 0)
            put(Int64(month), 2, at: 5)
            put(Int64(day), 2, at: 8)
            put(seconds / 3600, 2, at: 11)
            put(seconds / 60 % 60, 2, at: 14)
            put(seconds % 60, 2, at: 17)
            put(msOfDay % 1000, 3, at: 20)
            (bytes[4], bytes[7], bytes[10], bytes[13]) = (UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: "T"), UInt8(ascii: ":"))
            (bytes[16], bytes[19], bytes[23]) = (UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "Z"))
            return 24
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z`; `nil` for anything else (offsets other than `Z` included).
    public init?(_ text: some StringProtocol) {
        var string = String(text)
        guard let value = string.withUTF8({ Timestamp(utf8: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = value
    }

    /// Parses the same form from UTF-8 bytes, without making a `String` (data files are read this way).
    public init?(utf8 bytes: UnsafeRawBufferPointer) {
        func number(_ start: Int, _ count: Int) -> Int64? {
            guard start + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for index in start..<start + count {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard bytes.count >= 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58,
            bytes[16] == 58, bytes[bytes.count - 1] == 90,
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var millis: Int64 = 0
        if bytes.count != 20 {
            // A fraction: ".f" to ".fffffffff" then "Z"; digits past milliseconds are dropped.
            let digits = bytes.count - 21
            guard bytes[19] == 46, digits >= 1, digits <= 9, let fraction = number(20, digits) else { return nil }
            millis = digits >= 3 ? fraction / Self.power10(digits - 3) : fraction * Self.power10(3 - digits)
        }
        let days = Self.days(fromCivil: year, Int(month), Int(day))
        self.millisecondsSince1970 = ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Timestamp(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a UTC timestamp like 2026-11-27T03:00:00.000Z")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // The civil-date arithmetic is CivilTime's, so that there is one copy of it.
    static func civil(fromDays days: Int64) -> (Int64, Int, Int) {
        let (year, month, day) = CivilTime.civil(fromDays: Int(days))
        return (Int64(year), month, day)
    }

    static func days(fromCivil year: Int64, _ month: Int, _ day: Int) -> Int64 {
        Int64(CivilTime.days(year: Int(year), month: month, day: day))
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
    static func power10(_ n: Int) -> Int64 { (0..<n).reduce(1) { value, _ in value * 10 } }
    static func pad(_ value: Int64, _ width: Int) -> String {
        SwitchboardCore.pad(Int(value), width)
    }
}
