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
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let day = SiteTime.day(trimmed) {
            guard let date = calendar.date(from: day) else { throw .malformed(text) }
            return date
        }
        let normalised = trimmed.replacingOccurrences(of: " ", with: "T")
        // Foundation rolls 2026-02-30T01:00 over into March; the day must exist as written.
        guard normalised.count > 10, SiteTime.day(String(normalised.prefix(10))) != nil else { throw .malformed(text) }
        for options: ISO8601DateFormatter.Options in [
            [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds],
        ] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: normalised) { return date }
        }
        let withoutZone = ISO8601DateFormatter()
        withoutZone.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        withoutZone.timeZone = timeZone
        if withoutZone.date(from: normalised) != nil { throw .missingZone(text) }
        throw .malformed(text)
    }

    /// The calendar day (`YYYY-MM-DD`) of a string that is exactly a date, else `nil`.
    public static func day(_ text: String) -> DateComponents? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var components = DateComponents(year: year, month: month, day: day)
        // Reject 2026-02-30 and the like: the day must exist in that month.
        var probe = Calendar(identifier: .gregorian)
        probe.timeZone = TimeZone(identifier: "UTC") ?? .current
        guard let date = probe.date(from: components),
            probe.component(.day, from: date) == day
        else { return nil }
        components.calendar = nil
        return components
    }

    /// RFC 3339 in the site zone, as feeds and `<time datetime>` want it: `2026-12-05T01:00:00+08:00`.
    public func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = timeZone
        return formatter.string(from: date)
    }

    /// `5 December 2026`.
    public func longDate(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let month = SiteTime.monthNames[(parts.month ?? 1) - 1]
        return "\(parts.day ?? 1) \(month) \(parts.year ?? 0)"
    }

    /// `5 December 2026, 01:00 UTC+08:00`; the time is left out when it is midnight.
    public func longDateTime(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let hour = parts.hour ?? 0, minute = parts.minute ?? 0
        guard hour != 0 || minute != 0 else { return longDate(date) }
        return "\(longDate(date)), \(twoDigits(hour)):\(twoDigits(minute)) \(zoneLabel(at: date))"
    }

    /// `UTC+08:00` for the site zone at that moment.
    public func zoneLabel(at date: Date) -> String {
        let seconds = timeZone.secondsFromGMT(for: date)
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return "UTC\(sign)\(twoDigits(minutes / 60)):\(twoDigits(minutes % 60))"
    }

    private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]
}
