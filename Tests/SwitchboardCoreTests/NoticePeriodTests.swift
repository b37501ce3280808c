import Foundation
import Testing

@testable import SwitchboardCore

/// The agreement's notice periods, exact to the second (PRICE-2, AGR-2, PLAT-1, PLAT-4).
@Suite("NoticePeriod")
struct NoticePeriodTests {
    let period = Shanghai.period()

    private func check(
        _ kind: NoticeKind, published: Date, effective: Date? = nil, window: Date? = nil,
        in period: NoticePeriod? = nil
    ) -> NoticePeriod.Violation? {
        (period ?? self.period).violation(kind: kind, published: published, effective: effective, windowStart: window)
    }

    // MARK: PRICE-2 and AGR-2: seven days

    @Test("PRICE-2: a price change effective exactly 7 days after publication is lawful")
    func priceChangeExactlySevenDays() {
        let published = Shanghai.at(2026, 11, 25, 9)
        #expect(check(.priceChange, published: published, effective: Shanghai.at(2026, 12, 2, 9)) == nil)
        #expect(check(.priceChange, published: published, effective: Shanghai.at(2026, 12, 2, 9, 0, 1)) == nil)
        #expect(check(.priceChange, published: published, effective: Shanghai.at(2027, 1, 1)) == nil)
    }

    @Test("PRICE-2: a price change effective one second short of 7 days is refused, naming the lawful moment")
    func priceChangeOneSecondShort() throws {
        let published = Shanghai.at(2026, 11, 25, 9)
        let violation = try #require(check(.priceChange, published: published, effective: Shanghai.at(2026, 12, 2, 8, 59, 59)))
        #expect(violation.rule == "PRICE-2")
        #expect(violation.boundary == Shanghai.at(2026, 12, 2, 9))
        #expect(violation.requirement == "at least 7 days after it is published")
    }

    @Test("PRICE-2: a change effective before or at its own publication is refused")
    func priceChangeInThePast() {
        let published = Shanghai.at(2026, 11, 25, 9)
        #expect(check(.priceChange, published: published, effective: published)?.rule == "PRICE-2")
        #expect(check(.priceChange, published: published, effective: published.seconds(-86_400))?.rule == "PRICE-2")
    }

    @Test("PRICE-2: seven days is exactly 604 800 seconds in the site zone")
    func sevenDaysInSeconds() {
        let published = Shanghai.at(2026, 12, 3, 0, 0, 1)
        let earliest = period.earliestEffective(sevenDaysAfter: published)
        #expect(earliest.timeIntervalSince(published) == 7 * 86_400)
        #expect(earliest == Shanghai.at(2026, 12, 10, 0, 0, 1))
    }

    @Test("AGR-2: an agreement version effective exactly 7 days after publication is lawful")
    func agreementExactlySevenDays() {
        let published = Shanghai.at(2026, 12, 1)
        #expect(check(.agreementUpdate, published: published, effective: Shanghai.at(2026, 12, 8)) == nil)
    }

    @Test("AGR-2: an agreement version effective one second short of 7 days is refused as AGR-2")
    func agreementOneSecondShort() throws {
        let published = Shanghai.at(2026, 12, 1)
        let violation = try #require(check(.agreementUpdate, published: published, effective: Shanghai.at(2026, 12, 7, 23, 59, 59)))
        #expect(violation.rule == "AGR-2")
        #expect(violation.boundary == Shanghai.at(2026, 12, 8))
        #expect(violation.requirement == "at least 7 days after it is published")
    }

    @Test("PRICE-2 and AGR-2: without an effective date there is nothing to check")
    func sevenDayRuleNeedsEffective() {
        let published = Shanghai.at(2026, 12, 1)
        #expect(check(.priceChange, published: published) == nil)
        #expect(check(.agreementUpdate, published: published, window: published) == nil)
    }

    // MARK: PLAT-4: one calendar month

    @Test("PLAT-4: a feature change effective exactly one calendar month later is lawful, one second sooner is not")
    func featureChangeOneMonth() throws {
        let published = Shanghai.at(2026, 3, 15, 10)
        #expect(check(.featureChange, published: published, effective: Shanghai.at(2026, 4, 15, 10)) == nil)
        let violation = try #require(check(.featureChange, published: published, effective: Shanghai.at(2026, 4, 15, 9, 59, 59)))
        #expect(violation.rule == "PLAT-4")
        #expect(violation.boundary == Shanghai.at(2026, 4, 15, 10))
        #expect(violation.requirement == "at least one calendar month after it is published")
    }

    @Test("PLAT-4: one calendar month after 31 January is 28 February")
    func featureChangeEndOfJanuary() throws {
        let published = Shanghai.at(2026, 1, 31, 10)
        #expect(period.earliestEffective(oneMonthAfter: published) == Shanghai.at(2026, 2, 28, 10))
        #expect(check(.featureChange, published: published, effective: Shanghai.at(2026, 2, 28, 10)) == nil)
        let violation = try #require(check(.featureChange, published: published, effective: Shanghai.at(2026, 2, 28, 9, 59, 59)))
        #expect(violation.boundary == Shanghai.at(2026, 2, 28, 10))
    }

    @Test(
        "PLAT-4: one calendar month is counted by the calendar, clamped to the month's last day",
        arguments: [
            ((2028, 1, 31), (2028, 2, 29)),  // leap year
            ((2026, 3, 31), (2026, 4, 30)),
            ((2026, 12, 31), (2027, 1, 31)),
            ((2026, 2, 28), (2026, 3, 28)),
            ((2026, 1, 30), (2026, 2, 28)),
        ])
    func calendarMonth(from: (Int, Int, Int), to: (Int, Int, Int)) {
        let published = Shanghai.at(from.0, from.1, from.2, 8, 30)
        #expect(period.earliestEffective(oneMonthAfter: published) == Shanghai.at(to.0, to.1, to.2, 8, 30))
    }

    @Test("PLAT-4: a calendar month is not 30 days: 28 days in February suffice, 30 days in January do not")
    func monthIsNotThirtyDays() {
        #expect(check(.featureChange, published: Shanghai.at(2026, 2, 1), effective: Shanghai.at(2026, 3, 1)) == nil)
        #expect(check(.featureChange, published: Shanghai.at(2026, 1, 1), effective: Shanghai.at(2026, 1, 31))?.rule == "PLAT-4")
    }

    @Test("PLAT-4: without an effective date there is nothing to check")
    func featureChangeNeedsEffective() {
        #expect(check(.featureChange, published: Shanghai.at(2026, 1, 1)) == nil)
    }

    // MARK: PLAT-1: one working day

    @Test("PLAT-1: maintenance on Monday 01:00 must be published by Friday 01:00")
    func maintenanceMondayWindow() throws {
        let monday = Shanghai.at(2026, 12, 7, 1)
        #expect(period.latestPublication(forWindowStarting: monday) == Shanghai.at(2026, 12, 4, 1))
        #expect(check(.maintenance, published: Shanghai.at(2026, 12, 4, 1), window: monday) == nil)
        #expect(check(.maintenance, published: Shanghai.at(2026, 12, 3, 18), window: monday) == nil)
        let violation = try #require(check(.maintenance, published: Shanghai.at(2026, 12, 4, 1, 0, 1), window: monday))
        #expect(violation.rule == "PLAT-1")
        #expect(violation.boundary == Shanghai.at(2026, 12, 4, 1))
        #expect(violation.requirement == "published at least one working day before the window starts")
    }

    @Test("PLAT-1: maintenance on Monday published over the weekend is too late")
    func maintenancePublishedOnWeekend() {
        let monday = Shanghai.at(2026, 12, 7, 1)
        #expect(check(.maintenance, published: Shanghai.at(2026, 12, 5, 9), window: monday)?.rule == "PLAT-1")
        #expect(check(.maintenance, published: Shanghai.at(2026, 12, 6, 23), window: monday)?.rule == "PLAT-1")
    }

    @Test("PLAT-1: maintenance on Monday 01:00 with Friday a holiday must be published by Thursday 01:00")
    func maintenanceAfterHoliday() throws {
        let period = Shanghai.period(holidays: ["2026-12-04"])
        let monday = Shanghai.at(2026, 12, 7, 1)
        #expect(check(.maintenance, published: Shanghai.at(2026, 12, 3, 1), window: monday, in: period) == nil)
        let violation = try #require(check(.maintenance, published: Shanghai.at(2026, 12, 3, 1, 0, 1), window: monday, in: period))
        #expect(violation.rule == "PLAT-1")
        #expect(violation.boundary == Shanghai.at(2026, 12, 3, 1))
    }

    @Test("PLAT-1: maintenance on a Wednesday must be published by Tuesday at the same time")
    func maintenanceMidweek() {
        let wednesday = Shanghai.at(2026, 12, 9, 22, 30)
        #expect(check(.maintenance, published: Shanghai.at(2026, 12, 8, 22, 30), window: wednesday) == nil)
        #expect(
            check(.maintenance, published: Shanghai.at(2026, 12, 8, 22, 30, 1), window: wednesday)?.boundary
                == Shanghai.at(2026, 12, 8, 22, 30))
    }

    @Test("PLAT-1: without a window there is nothing to check")
    func maintenanceNeedsWindow() {
        #expect(check(.maintenance, published: Shanghai.at(2026, 12, 7), effective: Shanghai.at(2026, 12, 7)) == nil)
    }

    // MARK: general

    @Test("A general notice has no notice rule, whatever its dates")
    func generalHasNoRule() {
        let published = Shanghai.at(2026, 12, 7)
        #expect(check(.general, published: published) == nil)
        #expect(check(.general, published: published, effective: published.seconds(-1), window: published.seconds(-1)) == nil)
    }

    // MARK: earliestLawful

    @Test("PRICE-2 and AGR-2: the earliest lawful effective moment is 7 days after publication")
    func earliestLawfulSevenDays() {
        let published = Shanghai.at(2026, 11, 25, 9, 15, 30)
        #expect(period.earliestLawful(kind: .priceChange, published: published) == Shanghai.at(2026, 12, 2, 9, 15, 30))
        #expect(period.earliestLawful(kind: .agreementUpdate, published: published) == Shanghai.at(2026, 12, 2, 9, 15, 30))
    }

    @Test("PLAT-4: the earliest lawful effective moment is one calendar month later (31 Jan → 28 Feb)")
    func earliestLawfulFeatureChange() {
        #expect(period.earliestLawful(kind: .featureChange, published: Shanghai.at(2026, 1, 31, 10)) == Shanghai.at(2026, 2, 28, 10))
        #expect(period.earliestLawful(kind: .featureChange, published: Shanghai.at(2026, 5, 6, 7)) == Shanghai.at(2026, 6, 6, 7))
    }

    @Test("A general notice has no earliest lawful moment")
    func earliestLawfulGeneral() {
        #expect(period.earliestLawful(kind: .general, published: Shanghai.at(2026, 12, 7)) == nil)
    }

    @Test("PLAT-1: maintenance published on a working day may start one day later at the same time")
    func earliestLawfulMaintenanceWeekday() {
        // Wednesday → Thursday.
        #expect(period.earliestLawful(kind: .maintenance, published: Shanghai.at(2026, 12, 9, 10)) == Shanghai.at(2026, 12, 10, 10))
        // Friday → Saturday: the latest publication for a Saturday window is Friday.
        #expect(period.earliestLawful(kind: .maintenance, published: Shanghai.at(2026, 12, 4, 10)) == Shanghai.at(2026, 12, 5, 10))
        // Thursday with Friday a holiday → Friday (its latest publication is Thursday).
        let holiday = Shanghai.period(holidays: ["2026-12-04"])
        #expect(holiday.earliestLawful(kind: .maintenance, published: Shanghai.at(2026, 12, 3, 10)) == Shanghai.at(2026, 12, 4, 10))
    }

    @Test("PLAT-1: maintenance published on a Saturday cannot start before Tuesday")
    func earliestLawfulMaintenanceWeekend() throws {
        let start = try #require(period.earliestLawful(kind: .maintenance, published: Shanghai.at(2026, 12, 5, 10)))
        #expect(start > Shanghai.at(2026, 12, 7, 23, 59, 59))
        #expect(start <= Shanghai.at(2026, 12, 8, 10))
        #expect(check(.maintenance, published: Shanghai.at(2026, 12, 5, 10), window: start) == nil)
    }

    @Test(
        "Every earliestLawful answer passes the rule, and one second earlier breaks it",
        arguments: [
            (NoticeKind.priceChange, Shanghai.at(2026, 11, 25, 9)),
            (.agreementUpdate, Shanghai.at(2026, 12, 31, 23, 59, 59)),
            (.featureChange, Shanghai.at(2026, 1, 31, 10)),
            (.featureChange, Shanghai.at(2028, 1, 31)),
            (.maintenance, Shanghai.at(2026, 12, 9, 10)),  // Wednesday
            (.maintenance, Shanghai.at(2026, 12, 4, 10)),  // Friday
        ])
    func earliestLawfulIsTheBoundary(kind: NoticeKind, published: Date) throws {
        let earliest = try #require(period.earliestLawful(kind: kind, published: published))
        let tooSoon = earliest.seconds(-1)
        if kind == .maintenance {
            #expect(check(kind, published: published, window: earliest) == nil)
            #expect(check(kind, published: published, window: tooSoon) != nil)
        } else {
            #expect(check(kind, published: published, effective: earliest) == nil)
            #expect(check(kind, published: published, effective: tooSoon)?.boundary == earliest)
        }
    }

    @Test(
        "PLAT-1: earliestLawful for maintenance published on a Saturday is Tuesday 00:00")
    func earliestLawfulMaintenanceSaturdayIsTuesdayMidnight() throws {
        // Published Saturday 5 December 10:00. A window on Tuesday 8 December 00:00 has its latest
        // publication on Monday 00:00, which is after Saturday 10:00, so violation(...) accepts it;
        // Monday 23:59:59 maps back to Friday and is refused. earliestLawful answers Tuesday 10:00.
        let published = Shanghai.at(2026, 12, 5, 10)
        #expect(check(.maintenance, published: published, window: Shanghai.at(2026, 12, 8)) == nil)
        #expect(check(.maintenance, published: published, window: Shanghai.at(2026, 12, 7, 23, 59, 59)) != nil)
        #expect(period.earliestLawful(kind: .maintenance, published: published) == Shanghai.at(2026, 12, 8))
    }
}
