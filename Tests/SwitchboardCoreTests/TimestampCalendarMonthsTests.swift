import Testing

@testable import SwitchboardCore

@Suite("Timestamp calendar months")
struct TimestampCalendarMonthsTests {
    @Test(
        "Adding months keeps day and time, clamping the day to the month's end",
        arguments: [
            ("2026-08-31T10:15:30.250Z", 6, "2027-02-28T10:15:30.250Z"),
            ("2027-08-31T00:00:00.000Z", 6, "2028-02-29T00:00:00.000Z"),
            ("2026-03-31T23:59:59.999Z", 1, "2026-04-30T23:59:59.999Z"),
            ("2026-01-15T08:00:00.000Z", 6, "2026-07-15T08:00:00.000Z"),
            ("2026-07-01T00:00:00.000Z", 6, "2027-01-01T00:00:00.000Z"),
            ("2024-02-29T12:00:00.000Z", 12, "2025-02-28T12:00:00.000Z"),
            ("2026-11-27T03:00:00.000Z", 12, "2027-11-27T03:00:00.000Z"),
            ("2026-11-27T03:00:00.000Z", 0, "2026-11-27T03:00:00.000Z"),
            ("2026-03-31T00:00:00.000Z", -1, "2026-02-28T00:00:00.000Z"),
            ("2026-01-10T00:00:00.000Z", -13, "2024-12-10T00:00:00.000Z"),
            ("1969-12-31T23:00:00.000Z", 2, "1970-02-28T23:00:00.000Z"),
        ])
    func addsMonths(start: String, months: Int, expected: String) {
        #expect(Timestamp.utc(start).addingCalendarMonths(months).description == expected)
    }
}

@Suite("Timestamp text")
struct TimestampTextTests {
    @Test(
        "Timestamps print as YYYY-MM-DDTHH:MM:SS.mmmZ and parse back to themselves",
        arguments: [
            ("1970-01-01T00:00:00.000Z", Int64(0)),
            ("2026-11-27T08:41:05.007Z", Int64(1_795_768_865_007)),
            ("1969-12-31T23:59:59.999Z", Int64(-1)),
            ("9999-12-31T23:59:59.999Z", Int64(253_402_300_799_999)),
        ])
    func roundTrip(text: String, milliseconds: Int64) throws {
        let timestamp = Timestamp(millisecondsSince1970: milliseconds)
        #expect(timestamp.description == text)
        #expect(Timestamp(text) == timestamp)
    }
}
