extension Timestamp {
    /// The same wall-clock time (UTC) `months` calendar months later (earlier when negative),
    /// the day of month clamped to the target month's length: Aug 31 + 6 months is Feb 28 (or 29).
    public func addingCalendarMonths(_ months: Int) -> Timestamp {
        let days = Self.floorDiv(millisecondsSince1970, 86_400_000)
        let millisecondsOfDay = millisecondsSince1970 - days * 86_400_000
        let (year, month, day) = Self.civil(fromDays: days)
        let monthIndex = Int(year) * 12 + (month - 1) + months
        let targetYear = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        let targetMonth = monthIndex - targetYear * 12 + 1
        let targetDay = min(day, CivilTime.daysInMonth(year: targetYear, month: targetMonth))
        let targetDays = Self.days(fromCivil: Int64(targetYear), targetMonth, targetDay)
        return Timestamp(millisecondsSince1970: targetDays * 86_400_000 + millisecondsOfDay)
    }
}
