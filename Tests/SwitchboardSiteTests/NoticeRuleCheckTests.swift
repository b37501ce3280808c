import Foundation
import Testing

@testable import SwitchboardSite

/// `check` enforces the agreement's notice periods and names the file and line of the problem.
@Suite("Notice periods in check")
struct NoticeRuleCheckTests {
    @Test("The fixture site passes check")
    func fixturePasses() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let report = await site.check()
        #expect(report.lines == [])
    }

    @Test("PRICE-2: a sheet effective less than 7 days after its announcement is refused at the sheet's announcement line")
    func priceChangeTooSoon() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.edit(
            "content/announcements/new-prices.md", replacing: "published: 2026-11-25T09:00:00+08:00",
            with: "published: 2026-12-03T00:00:01+08:00")
        let report = await site.check(now: FixtureSite.moment("2026-12-20"))
        #expect(report.has("content/prices/2026-12.md:4: error: PRICE-2", "no sooner than 2026-12-10T00:00:01+08:00"))
        #expect(report.has("content/announcements/new-prices.md:5: error: PRICE-2", "must be 2026-12-10T00:00:01+08:00 or later"))
    }

    @Test("PRICE-2: exactly 7 days between announcement and effective is lawful")
    func priceChangeExactlySevenDays() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.edit(
            "content/announcements/new-prices.md", replacing: "published: 2026-11-25T09:00:00+08:00",
            with: "published: 2026-12-03T00:00:00+08:00")
        let report = await site.check(now: FixtureSite.moment("2026-12-20"))
        #expect(report.lines == [])
    }

    @Test("PRICE-2: every sheet after the first names a price-change announcement")
    func sheetWithoutAnnouncement() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.edit("content/prices/2026-12.md", replacing: "announcement: new-prices\n", with: "")
        let report = await site.check()
        #expect(report.has("content/prices/2026-12.md", "PRICE-2: every price sheet after the first must name"))
    }

    @Test("PRICE-2: the named announcement must exist and be a price-change")
    func sheetAnnouncementWrongKind() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.edit("content/prices/2026-12.md", replacing: "announcement: new-prices", with: "announcement: welcome")
        var report = await site.check()
        #expect(report.has("content/prices/2026-12.md:4: error: PRICE-2", "is a general notice; it must be a price-change notice"))
        try site.edit("content/prices/2026-12.md", replacing: "announcement: welcome", with: "announcement: nowhere")
        report = await site.check()
        #expect(report.has("content/prices/2026-12.md:4: error: PRICE-2", "announcement 'nowhere' does not exist"))
    }

    @Test("AGR-2: an agreement version effective less than 7 days after publication is refused")
    func agreementTooSoon() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.edit("content/agreement/2.0.md", replacing: "effective: 2026-12-01", with: "effective: 2026-11-26")
        try site.edit("content/announcements/agreement-2.md", replacing: "effective: 2026-12-01", with: "effective: 2026-11-26")
        let report = await site.check()
        #expect(report.has("content/agreement/2.0.md:5: error: AGR-2", "must be 2026-11-27T10:00:00+08:00 or later"))
        #expect(report.has("content/announcements/agreement-2.md:5: error: AGR-2", "at least 7 days"))
    }

    @Test("AGR-2: a later version needs an agreement-update announcement")
    func agreementWithoutAnnouncement() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.edit("content/agreement/2.0.md", replacing: "announcement: agreement-2\n", with: "")
        let report = await site.check()
        #expect(report.has("content/agreement/2.0.md", "AGR-2: every agreement version after the first"))
    }

    @Test("PLAT-1: maintenance on a Tuesday after a Monday holiday must be published by the Friday before")
    func maintenanceOneWorkingDay() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        // Window Tuesday 8 December 01:00; Monday 7 December is a holiday in site.yaml.
        try site.edit(
            "content/announcements/maintenance-december.md", replacing: "published: 2026-11-30T10:00:00+08:00",
            with: "published: 2026-12-04T01:00:01+08:00")
        let report = await site.check(now: FixtureSite.moment("2026-12-05"))
        #expect(report.has("content/announcements/maintenance-december.md:4: error: PLAT-1", "publish by 2026-12-04T01:00:00+08:00"))
        try site.edit(
            "content/announcements/maintenance-december.md", replacing: "published: 2026-12-04T01:00:01+08:00",
            with: "published: 2026-12-04T01:00:00+08:00")
        #expect(await site.check(now: FixtureSite.moment("2026-12-05")).lines == [])
    }

    @Test("PLAT-4: a feature change effective less than a calendar month after publication is refused")
    func featureChangeOneMonth() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.edit(
            "content/announcements/webhooks-v2.md", replacing: "effective: 2026-11-01", with: "effective: 2026-10-31T23:59:59+08:00")
        let report = await site.check()
        #expect(report.has("content/announcements/webhooks-v2.md:5: error: PLAT-4", "must be 2026-11-01T00:00:00+08:00 or later"))
    }

    @Test("Every problem is reported in one run, sorted by file and line")
    func allProblemsInOneRun() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.edit("content/announcements/webhooks-v2.md", replacing: "effective: 2026-11-01", with: "effective: 2026-10-02")
        try site.edit("content/announcements/welcome.md", replacing: "kind: general", with: "kind: gossip")
        try site.edit("content/prices/2026-01.md", replacing: "price: \"0.0450\"", with: "price: \"0.04501\"")
        let report = await site.check()
        #expect(report.errors.count == 3)
        #expect(report.has("content/announcements/welcome.md:3: error:", "unknown kind 'gossip'"))
        #expect(report.has("content/prices/2026-01.md:8: error:", "at most 4 decimal places"))
        #expect(report.errors.map(\.path) == report.errors.map(\.path).sorted())
    }
}
