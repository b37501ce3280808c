import Foundation
import Testing

@testable import SwitchboardCore

/// Working days are Monday to Friday in the site zone, less the listed holidays (PLAT-1).
@Suite("WorkingCalendar")
struct WorkingCalendarTests {
    /// China's National Day week 2026: Thursday 1 to Wednesday 7 October.
    static let goldenWeek: Set<String> = [
        "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07",
    ]

    @Test("PLAT-1: Monday to Friday are working days, Saturday and Sunday are not")
    func weekdays() {
        let calendar = Shanghai.calendar()
        // 7–13 December 2026 is Monday to Sunday.
        let expected = [true, true, true, true, true, false, false]
        for (offset, working) in expected.enumerated() {
            let noon = Shanghai.at(2026, 12, 7 + offset, 12)
            #expect(calendar.isWorkingDay(noon) == working, "7+\(offset) December")
        }
    }

    @Test("PLAT-1: the weekday is taken in the site zone, not in UTC")
    func weekdayInSiteZone() {
        let calendar = Shanghai.calendar()
        // Monday 07:00 in Shanghai is still Sunday 23:00 in UTC.
        #expect(calendar.isWorkingDay(Shanghai.at(2026, 12, 7, 7)))
        // Saturday 07:00 in Shanghai is still Friday 23:00 in UTC.
        #expect(!calendar.isWorkingDay(Shanghai.at(2026, 12, 5, 7)))
        // The first and last second of a Saturday.
        #expect(!calendar.isWorkingDay(Shanghai.at(2026, 12, 5)))
        #expect(!calendar.isWorkingDay(Shanghai.at(2026, 12, 5, 23, 59, 59)))
        #expect(calendar.isWorkingDay(Shanghai.at(2026, 12, 4, 23, 59, 59)))
    }

    @Test("PLAT-1: a listed holiday is not a working day, from its first to its last second")
    func holidays() {
        let calendar = Shanghai.calendar(holidays: Self.goldenWeek)
        #expect(!calendar.isWorkingDay(Shanghai.at(2026, 10, 1)))
        #expect(!calendar.isWorkingDay(Shanghai.at(2026, 10, 1, 23, 59, 59)))
        #expect(!calendar.isWorkingDay(Shanghai.at(2026, 10, 7, 9)))
        #expect(calendar.isWorkingDay(Shanghai.at(2026, 9, 30, 23, 59, 59)))
        #expect(calendar.isWorkingDay(Shanghai.at(2026, 10, 8)))
        // Without the list the same Thursday is a working day.
        #expect(Shanghai.calendar().isWorkingDay(Shanghai.at(2026, 10, 1, 9)))
    }

    @Test("PLAT-1: holidays must be written YYYY-MM-DD with zero padding to match")
    func holidayKeyFormat() {
        let padded = Shanghai.calendar(holidays: ["2026-01-05"])
        #expect(!padded.isWorkingDay(Shanghai.at(2026, 1, 5, 10)))
        let unpadded = Shanghai.calendar(holidays: ["2026-1-5"])
        #expect(unpadded.isWorkingDay(Shanghai.at(2026, 1, 5, 10)))
    }

    @Test("PLAT-1: one working day before Monday 01:00 is the Friday before at 01:00")
    func backAcrossWeekend() {
        let calendar = Shanghai.calendar()
        #expect(calendar.subtractingWorkingDays(1, from: Shanghai.at(2026, 12, 7, 1)) == Shanghai.at(2026, 12, 4, 1))
    }

    @Test("PLAT-1: one working day before Monday, with Friday a holiday, is Thursday")
    func backAcrossWeekendAndHoliday() {
        let calendar = Shanghai.calendar(holidays: ["2026-12-04"])
        #expect(calendar.subtractingWorkingDays(1, from: Shanghai.at(2026, 12, 7, 1)) == Shanghai.at(2026, 12, 3, 1))
    }

    @Test("PLAT-1: one working day before the day after Golden Week is the last day of September")
    func backAcrossHolidayWeek() {
        let calendar = Shanghai.calendar(holidays: Self.goldenWeek)
        #expect(calendar.subtractingWorkingDays(1, from: Shanghai.at(2026, 10, 8, 9)) == Shanghai.at(2026, 9, 30, 9))
        #expect(calendar.subtractingWorkingDays(2, from: Shanghai.at(2026, 10, 8, 9)) == Shanghai.at(2026, 9, 29, 9))
    }

    @Test("subtractingWorkingDays keeps the time of day to the second")
    func keepsTimeOfDay() {
        let calendar = Shanghai.calendar()
        let start = Shanghai.at(2026, 12, 9, 23, 59, 59)  // Wednesday
        #expect(calendar.subtractingWorkingDays(1, from: start) == Shanghai.at(2026, 12, 8, 23, 59, 59))
        #expect(calendar.subtractingWorkingDays(3, from: start) == Shanghai.at(2026, 12, 4, 23, 59, 59))
        #expect(calendar.subtractingWorkingDays(5, from: start) == Shanghai.at(2026, 12, 2, 23, 59, 59))
    }

    @Test("From a weekend, one working day back is the Friday before")
    func fromWeekend() {
        let calendar = Shanghai.calendar()
        #expect(calendar.subtractingWorkingDays(1, from: Shanghai.at(2026, 12, 5, 1)) == Shanghai.at(2026, 12, 4, 1))
        #expect(calendar.subtractingWorkingDays(1, from: Shanghai.at(2026, 12, 6, 1)) == Shanghai.at(2026, 12, 4, 1))
    }

    @Test("Subtracting zero working days changes nothing, even on a weekend")
    func zeroDays() {
        let calendar = Shanghai.calendar()
        let saturday = Shanghai.at(2026, 12, 5, 10)
        #expect(calendar.subtractingWorkingDays(0, from: saturday) == saturday)
    }
}
