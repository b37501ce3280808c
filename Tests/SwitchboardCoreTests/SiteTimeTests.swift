import Foundation
import Testing

@testable import SwitchboardCore

/// SiteTime reads the moments content speaks of, in the site's zone (Asia/Shanghai here).
@Suite("SiteTime")
struct SiteTimeTests {
    let time = Shanghai.time

    /// 2026-12-05T00:00:00+08:00 = 2026-12-04T16:00:00Z.
    static let decemberFifthMidnight = Date(timeIntervalSince1970: 1_796_400_000)

    // MARK: Parsing

    @Test("A date alone means midnight in the site zone, not in UTC")
    func dateOnlyIsSiteMidnight() throws {
        let date = try time.parse("2026-12-05")
        #expect(date == Self.decemberFifthMidnight)
        #expect(date == Shanghai.at(2026, 12, 5))
        let local = time.calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        #expect(local == DateComponents(year: 2026, month: 12, day: 5, hour: 0, minute: 0, second: 0))
    }

    @Test("The same date means a different moment in another site zone")
    func dateOnlyDependsOnZone() throws {
        let utc = SiteTime(timeZone: TimeZone(identifier: "UTC")!)
        let shanghai = try time.parse("2026-12-05")
        let london = try utc.parse("2026-12-05")
        #expect(london.timeIntervalSince(shanghai) == 8 * 3600)
    }

    @Test("Surrounding spaces are ignored")
    func trimsSpaces() throws {
        #expect(try time.parse("  2026-12-05 ") == Self.decemberFifthMidnight)
        #expect(try time.parse(" 2026-12-05T01:00:00+08:00 ") == Self.decemberFifthMidnight.seconds(3600))
    }

    @Test(
        "RFC 3339 date-times with a zone are read as that exact moment",
        arguments: [
            ("2026-12-05T01:00:00+08:00", 1_796_403_600.0),
            ("2026-12-04T17:00:00Z", 1_796_403_600.0),
            ("2026-12-04T12:00:00-05:00", 1_796_403_600.0),
            ("2026-12-05T00:00:00+08:00", 1_796_400_000.0),
            ("2026-12-05T01:00:00.500+08:00", 1_796_403_600.5),
            ("2026-12-05 01:00:00+08:00", 1_796_403_600.0),
        ])
    func parsesRFC3339(text: String, seconds: Double) throws {
        #expect(try time.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(
        "A time without a zone is refused as missingZone, quoting the text as written",
        arguments: ["2026-12-05T01:00:00", "2026-12-05 01:00:00"])
    func missingZone(text: String) {
        #expect(throws: SiteTime.ParseError.missingZone(text)) { try time.parse(text) }
    }

    @Test("The missing-zone message shows how to write a zone")
    func missingZoneMessage() {
        let message = SiteTime.ParseError.missingZone("2026-12-05T01:00:00").description
        #expect(message.contains("'2026-12-05T01:00:00'"))
        #expect(message.contains("no zone"))
        #expect(message.contains("2026-12-05T01:00:00+08:00"))
    }

    @Test(
        "Days that do not exist are refused (2026-02-30, 2026-02-29, month 13, day 0)",
        arguments: ["2026-02-30", "2026-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-12-00", "2026-12-32"])
    func refusesImpossibleDays(text: String) {
        #expect(throws: SiteTime.ParseError.malformed(text)) { try time.parse(text) }
        #expect(SiteTime.day(text) == nil)
    }

    @Test("29 February exists in a leap year")
    func acceptsLeapDay() throws {
        #expect(try time.parse("2028-02-29") == Shanghai.at(2028, 2, 29))
        #expect(SiteTime.day("2028-02-29") == DateComponents(year: 2028, month: 2, day: 29))
    }

    @Test(
        "Text that is neither a date nor a zoned date-time is refused as malformed",
        arguments: [
            "", "tomorrow", "05/12/2026", "2026-12-5", "2026-1-05", "26-12-05", "2026/12/05", "20261205", "2026-12-05T",
            "2026-12-05T25:00:00+08:00",
        ])
    func refusesMalformed(text: String) {
        #expect(throws: SiteTime.ParseError.malformed(text)) { try time.parse(text) }
    }

    @Test("The malformed message names the text and both accepted forms")
    func malformedMessage() {
        let message = SiteTime.ParseError.malformed("05/12/2026").description
        #expect(message.contains("'05/12/2026'"))
        #expect(message.contains("2026-12-05"))
        #expect(message.contains("2026-12-05T01:00:00+08:00"))
    }

    @Test("day(_:) answers the calendar day of a plain date and nil for anything more")
    func dayComponents() {
        #expect(SiteTime.day("2026-12-05") == DateComponents(year: 2026, month: 12, day: 5))
        #expect(SiteTime.day("2026-12-05T01:00:00+08:00") == nil)
        #expect(SiteTime.day("2026-12-5") == nil)
        #expect(SiteTime.day("") == nil)
    }

    @Test(
        "day(_:) refuses signed parts such as 2026-+1-05")
    func dayRefusesSignedParts() {
        // Int("+1") == 1, and "+1" is two characters long, so the length checks pass.
        for text in ["2026-+1-05", "2026-12-+5", "+202-12-05"] {
            #expect(SiteTime.day(text) == nil, "\(text) is not a YYYY-MM-DD date")
            #expect(throws: SiteTime.ParseError.self) { try time.parse(text) }
        }
    }

    @Test(
        "A zoned date-time on a day that does not exist (2026-02-30T01:00:00+08:00) is refused",
        arguments: ["2026-02-30T01:00:00+08:00", "2026-02-29T01:00:00+08:00", "2026-04-31T00:00:00Z"])
    func refusesImpossibleDateTimes(text: String) {
        // Today: 2026-02-30T01:00:00+08:00 is read as 2026-03-02T01:00:00+08:00, and
        // 2026-04-31T00:00:00Z as 2026-05-01T00:00:00Z, while "2026-02-30" alone is refused.
        #expect(throws: SiteTime.ParseError.malformed(text)) { try time.parse(text) }
    }

    // MARK: Formatting

    @Test("rfc3339 writes the moment in the site zone, and parse reads it back")
    func writesRFC3339() throws {
        let moment = Self.decemberFifthMidnight.seconds(3600)
        #expect(time.rfc3339(moment) == "2026-12-05T01:00:00+08:00")
        #expect(try time.parse(time.rfc3339(moment)) == moment)
        #expect(time.rfc3339(Self.decemberFifthMidnight) == "2026-12-05T00:00:00+08:00")
    }

    @Test("longDate names the day in the site zone: 5 December 2026")
    func longDate() {
        #expect(time.longDate(Self.decemberFifthMidnight) == "5 December 2026")
        // One second before Shanghai midnight it is still 4 December there.
        #expect(time.longDate(Self.decemberFifthMidnight.seconds(-1)) == "4 December 2026")
        // 2026-12-04T20:00:00Z is already 5 December in Shanghai.
        #expect(time.longDate(Date(timeIntervalSince1970: 1_796_400_000 + 4 * 3600)) == "5 December 2026")
        #expect(time.longDate(Shanghai.at(2027, 1, 1)) == "1 January 2027")
        #expect(time.longDate(Shanghai.at(2026, 9, 30, 23, 59, 59)) == "30 September 2026")
    }

    @Test("longDateTime leaves out midnight and otherwise adds the time and zone")
    func longDateTime() {
        #expect(time.longDateTime(Self.decemberFifthMidnight) == "5 December 2026")
        #expect(time.longDateTime(Shanghai.at(2026, 12, 5, 1)) == "5 December 2026, 01:00 UTC+08:00")
        #expect(time.longDateTime(Shanghai.at(2026, 12, 5, 13, 5)) == "5 December 2026, 13:05 UTC+08:00")
        #expect(time.longDateTime(Shanghai.at(2026, 12, 5, 0, 1)) == "5 December 2026, 00:01 UTC+08:00")
        #expect(time.longDateTime(Shanghai.at(2026, 12, 5, 23, 59, 59)) == "5 December 2026, 23:59 UTC+08:00")
    }

    @Test(
        "zoneLabel writes the offset as UTC±HH:MM",
        arguments: [
            (8 * 3600, "UTC+08:00"),
            (0, "UTC+00:00"),
            (5 * 3600 + 1800, "UTC+05:30"),
            (-(3 * 3600 + 1800), "UTC-03:30"),
            (-10 * 3600, "UTC-10:00"),
            (12 * 3600 + 45 * 60, "UTC+12:45"),
        ])
    func zoneLabel(offset: Int, label: String) throws {
        let zone = try #require(TimeZone(secondsFromGMT: offset))
        #expect(SiteTime(timeZone: zone).zoneLabel(at: Self.decemberFifthMidnight) == label)
    }

    @Test("zoneLabel of Asia/Shanghai is UTC+08:00 all year")
    func shanghaiLabel() {
        #expect(time.zoneLabel(at: Shanghai.at(2026, 1, 15)) == "UTC+08:00")
        #expect(time.zoneLabel(at: Shanghai.at(2026, 7, 15)) == "UTC+08:00")
    }

    @Test("zoneLabel follows daylight saving of a named zone")
    func daylightSaving() throws {
        let berlin = SiteTime(timeZone: try #require(TimeZone(identifier: "Europe/Berlin")))
        #expect(berlin.zoneLabel(at: Date(timeIntervalSince1970: 1_768_478_400)) == "UTC+01:00")  // 2026-01-15
        #expect(berlin.zoneLabel(at: Date(timeIntervalSince1970: 1_784_116_800)) == "UTC+02:00")  // 2026-07-15
    }
}
