import Foundation
import Testing

@testable import SwitchboardSite

/// Front matter mistakes are named with the file and the line of the offending key.
@Suite("Front matter in check")
struct FrontMatterCheckTests {
    @Test("Unknown and missing keys name the line and what is allowed")
    func unknownAndMissingKeys() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("content/announcements/oops.md", "---\ntitel: Typo\nkind: general\npublished: 2026-01-01\n---\nBody\n")
        let report = await site.check()
        #expect(report.has("content/announcements/oops.md:2: error: unknown key 'titel'", "allowed here:"))
        #expect(report.has("content/announcements/oops.md:2: error:", "missing required key 'title'"))
    }

    @Test("Bad dates and times without a zone are refused")
    func badDates() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "content/announcements/dates.md",
            "---\ntitle: Dates\nkind: feature-change\npublished: 2026-13-01\neffective: 2027-01-01T10:00:00\n---\n")
        let report = await site.check()
        #expect(report.has("content/announcements/dates.md:4: error: 'published'", "is not a date"))
        #expect(report.has("content/announcements/dates.md:5: error: 'effective'", "has a time but no zone"))
    }

    @Test("PRICE-1: prices must be exact quoted decimals and a service may appear once per sheet")
    func priceSheetMistakes() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.edit("content/prices/2026-01.md", replacing: "price: \"0.1000\"", with: "price: 0.1")
        try site.edit("content/prices/2026-01.md", replacing: "service: voice-cn", with: "service: sms-cn")
        let report = await site.check()
        #expect(report.has("content/prices/2026-01.md:10: error:", "service 'sms-cn' is listed twice in this sheet (first on line 6)"))
        #expect(report.has("content/prices/2026-01.md:12: error:", "write the price as a quoted string"))
    }

    @Test("Maintenance needs a window and other kinds may not have one")
    func windowRules() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("content/announcements/no-window.md", "---\ntitle: Down\nkind: maintenance\npublished: 2026-01-01\n---\n")
        try site.write(
            "content/announcements/odd-window.md",
            "---\ntitle: Odd\nkind: general\npublished: 2026-01-01\nwindow:\n  start: 2026-02-01\n  end: 2026-01-01\n---\n")
        try site.write(
            "content/announcements/backwards.md",
            "---\ntitle: Back\nkind: maintenance\npublished: 2026-01-01\nwindow:\n  start: 2026-02-02\n  end: 2026-02-01\n---\n")
        let report = await site.check()
        #expect(report.has("content/announcements/no-window.md", "missing required key 'window'"))
        #expect(report.has("content/announcements/odd-window.md:5: error:", "'window' is only for maintenance"))
        #expect(report.has("content/announcements/backwards.md:7: error:", "'end' must be after its 'start'"))
    }

    @Test("URLs the portal needs for itself cannot be taken by content")
    func reservedSlugs() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("content/announcements/maintenance.md", "---\ntitle: Clash\nkind: general\npublished: 2026-01-01\n---\n")
        try site.write("content/pages/prices.md", "---\ntitle: Clash\n---\n")
        let report = await site.check()
        #expect(report.has("content/announcements/maintenance.md: error:", "taken by the announcement listings"))
        #expect(report.has("content/pages/prices.md: error:", "taken by the portal's own pages"))
    }

    @Test("The agreement version must match its file name")
    func versionMatchesFile() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.edit("content/agreement/1.0.md", replacing: "version: \"1.0\"", with: "version: \"1.1\"")
        let report = await site.check()
        #expect(report.has("content/agreement/1.0.md:2: error:", "does not match the file name"))
    }
}
