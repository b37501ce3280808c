import Foundation

@testable import SwitchboardCore

/// Shared fixtures for the Core tests: the site zone (Asia/Shanghai, UTC+08:00, no daylight saving)
/// and moments built from calendar components, independently of `SiteTime.parse`.
enum Shanghai {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let time = SiteTime(timeZone: zone)

    /// A wall-clock moment in Shanghai.
    static func at(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0
    ) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return calendar.date(from: components)!
    }

    static func calendar(holidays: Set<String> = []) -> WorkingCalendar {
        WorkingCalendar(time: time, holidays: holidays)
    }

    static func period(holidays: Set<String> = []) -> NoticePeriod {
        NoticePeriod(calendar: calendar(holidays: holidays))
    }
}

extension Date {
    /// One second later or earlier: the rules are exact to the second.
    func seconds(_ count: TimeInterval) -> Date { addingTimeInterval(count) }
}

extension Timestamp {
    /// A UTC moment written as in the data files, e.g. `2026-08-31T10:00:00Z`.
    static func utc(_ text: String) -> Timestamp { Timestamp(text)! }
}

/// Ids `id-1`, `id-2`, … for the rules that take a `makeId` closure.
final class IdMaker {
    private var count = 0
    func next() -> String {
        count += 1
        return "id-\(count)"
    }
}
