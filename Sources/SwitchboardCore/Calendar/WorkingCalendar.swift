import Foundation

/// Which days are working days: Monday to Friday, less the holidays the operator lists (PLAT-1).
public struct WorkingCalendar: Sendable {
    public let time: SiteTime
    /// Holidays as `YYYY-MM-DD` in the site zone.
    public let holidays: Set<String>

    public init(time: SiteTime, holidays: Set<String>) {
        self.time = time
        self.holidays = holidays
    }

    public func isWorkingDay(_ date: Date) -> Bool {
        let parts = time.calendar.dateComponents([.year, .month, .day, .weekday], from: date)
        // Gregorian weekdays: 1 is Sunday, 7 is Saturday.
        if parts.weekday == 1 || parts.weekday == 7 { return false }
        let key = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        return !holidays.contains(key)
    }

    /// The same time of day, `count` working days earlier: from a Monday 01:00, one working day
    /// back is the Friday before at 01:00.
    public func subtractingWorkingDays(_ count: Int, from date: Date) -> Date {
        var moment = date
        var remaining = count
        while remaining > 0 {
            moment = time.calendar.date(byAdding: .day, value: -1, to: moment) ?? moment
            if isWorkingDay(moment) { remaining -= 1 }
        }
        return moment
    }
}
