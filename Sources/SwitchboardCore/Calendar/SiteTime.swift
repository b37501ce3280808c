import Foundation

/// Reads and writes the moments content speaks of: `2026-12-05T01:00:00+08:00`, or a date alone
/// (`2026-12-05`), which means 00:00 in the site's time zone. Times without a zone are refused.
public struct SiteTime: Sendable {
    public let timeZone: TimeZone
    public let calendar: Calendar

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// Why a piece of text is not a moment.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case missingZone(String)
        case malformed(String)

        public var description: String {
            switch self {
            case .missingZone(let text):
                "'\(text)' has a time but no zone; write it like 2026-12-05T01:00:00+08:00"
            case .malformed(let text):
                "'\(text)' is not a date (2026-12-05) or a date and time with a zone (2026-12-05T01:00:00+08:00)"
            }
        }
    }

    /// Parses a date (`YYYY-MM-DD`, midnight in the site zone) or an RFC 3339 date-time with zone.
    public func parse(_ text: String) throws(ParseError) -> Date {
        let trimmed = text.trimmingWhitespace()
        if let day = SiteTime.day(trimmed) {
            return localMidnight(day)
        }
        let characters = Array(trimmed.utf8)
        guard characters.count >= 19, characters[10] == UInt8(ascii: "T") || characters[10] == UInt8(ascii: " "),
            let day = SiteTime.day(String(decoding: characters[0..<10], as: UTF8.self)),
            let hour = SiteTime.number(characters[11..<13]), characters[13] == UInt8(ascii: ":"),
            let minute = SiteTime.number(characters[14..<16]), characters[16] == UInt8(ascii: ":"),
            let second = SiteTime.number(characters[17..<19]),
            hour < 24, minute < 60, second < 60
        else { throw .malformed(text) }
        var rest = characters[19...]
        var fraction = 0.0
        if rest.first == UInt8(ascii: ".") {
            let digits = rest.dropFirst().prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard !digits.isEmpty, let value = Double("0." + String(decoding: digits, as: UTF8.self)) else { throw .malformed(text) }
            fraction = value
            rest = rest.dropFirst(1 + digits.count)
        }
        let offset: Int
        if rest.isEmpty {
            throw .missingZone(text)
        } else if rest.count == 1, rest.first == UInt8(ascii: "Z") || rest.first == UInt8(ascii: "z") {
            offset = 0
        } else if rest.count == 6, let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
            let hours = SiteTime.number(rest.dropFirst().prefix(2)), rest.dropFirst(3).first == UInt8(ascii: ":"),
            let minutes = SiteTime.number(rest.suffix(2)), hours < 24, minutes < 60
        {
            offset = (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        } else {
            throw .malformed(text)
        }
        let reading = CivilTime(year: day.year ?? 0, month: day.month ?? 1, day: day.day ?? 1, hour: hour, minute: minute, second: second)
        return Date(timeIntervalSince1970: TimeInterval(reading.secondsAsUTC - offset) + fraction)
    }

    /// 00:00 of a calendar day in the site zone.
    private func localMidnight(_ day: DateComponents) -> Date {
        let reading = CivilTime(year: day.year ?? 0, month: day.month ?? 1, day: day.day ?? 1).secondsAsUTC
        // The offset depends on the moment; two rounds settle it across a zone change.
        var moment = reading - timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(reading)))
        moment = reading - timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(moment)))
        return Date(timeIntervalSince1970: TimeInterval(moment))
    }

    private static func number(_ digits: some Collection<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// The calendar day (`YYYY-MM-DD`) of a string that is exactly a date, else `nil`.
    public static func day(_ text: String) -> DateComponents? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = number(parts[0].utf8), let month = number(parts[1].utf8), let day = number(parts[2].utf8),
            (1...12).contains(month), (1...CivilTime.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        return DateComponents(year: year, month: month, day: day)
    }

    /// The wall-clock reading of `date` in the site zone.
    public func local(_ date: Date) -> CivilTime {
        CivilTime(date, offset: timeZone.secondsFromGMT(for: date))
    }

    /// RFC 3339 in the site zone, as feeds and `<time datetime>` want it: `2026-12-05T01:00:00+08:00`.
    public func rfc3339(_ date: Date) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        return CivilTime(date, offset: offset).isoText + SiteTime.offsetText(offset)
    }

    /// `5 December 2026`.
    public func longDate(_ date: Date) -> String {
        let reading = local(date)
        return "\(reading.day) \(SiteTime.monthNames[reading.month - 1]) \(reading.year)"
    }

    /// `5 December 2026, 01:00 UTC+08:00`; the time is left out when it is midnight.
    public func longDateTime(_ date: Date) -> String {
        let reading = local(date)
        guard reading.hour != 0 || reading.minute != 0 else { return longDate(date) }
        return "\(longDate(date)), \(reading.clockText) \(zoneLabel(at: date))"
    }

    /// `UTC+08:00` for the site zone at that moment.
    public func zoneLabel(at date: Date) -> String {
        "UTC" + SiteTime.offsetText(timeZone.secondsFromGMT(for: date))
    }

    private static func offsetText(_ seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        return (seconds < 0 ? "-" : "+") + pad(minutes / 60, 2) + ":" + pad(minutes % 60, 2)
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]
}
