/// A calendar month in UTC, written `"2026-11"`: the unit of bills and of the data log files.
public struct YearMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int64
    /// 1…12.
    public var month: Int

    public init(year: Int64, month: Int) {
        self.year = year
        self.month = month
    }

    /// Parses `"YYYY-MM"`; `nil` for anything else.
    public init?(_ text: some StringProtocol) {
        var string = String(text)
        guard let value = string.withUTF8({ YearMonth(utf8: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = value
    }

    /// Parses `"YYYY-MM"` from UTF-8 bytes; with `prefixOf: true`, the month a longer
    /// timestamp such as `2026-11-27T03:00:00Z` starts with.
    public init?(utf8 bytes: UnsafeRawBufferPointer, prefixOf: Bool = false) {
        guard prefixOf ? bytes.count >= 7 : bytes.count == 7, bytes[4] == 45 else { return nil }
        var year: Int64 = 0
        for index in 0..<4 {
            guard bytes[index] >= 48, bytes[index] <= 57 else { return nil }
            year = year * 10 + Int64(bytes[index] - 48)
        }
        guard bytes[5] >= 48, bytes[5] <= 57, bytes[6] >= 48, bytes[6] <= 57 else { return nil }
        let month = Int(bytes[5] - 48) * 10 + Int(bytes[6] - 48)
        guard (1...12).contains(month) else { return nil }
        self.init(year: year, month: month)
    }

    /// The month after this one.
    public var previous: YearMonth { month == 1 ? YearMonth(year: year - 1, month: 12) : YearMonth(year: year, month: month - 1) }

    public var next: YearMonth { month == 12 ? YearMonth(year: year + 1, month: 1) : YearMonth(year: year, month: month + 1) }

    /// The first millisecond of this month.
    public var start: Timestamp {
        Timestamp(millisecondsSince1970: Timestamp.days(fromCivil: year, month, 1) * 86_400_000)
    }

    public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = YearMonth(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a month like 2026-11")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
