import Foundation
import SwitchboardCore
import Testing

@testable import SwitchboardSite

/// `SiteFacts`: the server's view of the site, from the same parsed content the build renders.
@Suite("Site facts")
struct SiteFactsTests {
    private func facts(_ change: (FixtureSite) throws -> Void = { _ in }) async throws -> SiteFacts {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try change(site)
        return try await SiteFacts.load(site: site.root, now: FixtureSite.now)
    }

    private let moment = FixtureSite.moment

    @Test("PRICE-1 The price book holds every non-draft sheet, as the portal publishes them")
    func priceBook() async throws {
        let facts = try await facts { site in
            try site.write(
                "content/prices/2027-03.md",
                """
                ---
                title: Draft prices
                effective: 2027-03-01
                announcement: march-prices
                currency: CNY
                draft: true
                prices:
                  - service: sms-cn
                    unit: segment
                    price: "0.0300"
                    description: SMS in mainland China
                ---
                Not yet.
                """)
            try site.write(
                "content/announcements/march-prices.md",
                "---\ntitle: March prices\nkind: price-change\npublished: 2027-02-01\neffective: 2027-03-01\ndraft: true\n---\nSoon.\n")
        }
        #expect(facts.priceBook.sheets.map(\.id) == ["2026-01", "2026-12"])
        #expect(facts.priceBook.price(for: "sms-cn", at: moment("2026-12-09T23:59:59+08:00"))?.price == Money("0.0450"))
        #expect(facts.priceBook.price(for: "sms-cn", at: moment("2026-12-10"))?.price == Money("0.0400"))
        #expect(facts.priceBook.price(for: "sms-cn", at: moment("2027-04-01"))?.price == Money("0.0400"))
    }

    @Test("AGR-2 Agreement versions: the one in effect, the upcoming one once published, and their addresses")
    func agreements() async throws {
        let facts = try await facts()
        #expect(facts.agreementVersions.map(\.version) == ["1.0", "2.0"])
        let second = try #require(facts.agreementVersions.last)
        #expect(second.url == "/agreement/2.0/")
        #expect(second.title == "Service Agreement")
        #expect(second.published == moment("2026-11-20T10:00:00+08:00"))
        #expect(second.effective == moment("2026-12-01"))
        #expect(facts.agreementInEffect(at: moment("2026-01-09"))?.version == nil)
        #expect(facts.agreementInEffect(at: moment("2026-11-30"))?.version == "1.0")
        #expect(facts.agreementInEffect(at: moment("2026-12-01"))?.version == "2.0")
        #expect(facts.upcomingAgreement(after: moment("2026-11-20T09:59:59+08:00")) == nil)
        #expect(facts.upcomingAgreement(after: moment("2026-11-20T10:00:00+08:00"))?.version == "2.0")
        #expect(facts.upcomingAgreement(after: moment("2026-12-01")) == nil)
    }

    @Test("PLAT-1 Maintenance windows: under way from the start, over at the end; drafts left out")
    func maintenance() async throws {
        let facts = try await facts { site in
            try site.write(
                "content/announcements/draft-maintenance.md",
                """
                ---
                title: Draft maintenance
                kind: maintenance
                published: 2026-12-01
                draft: true
                window:
                  start: 2026-12-20T01:00:00+08:00
                  end: 2026-12-20T02:00:00+08:00
                ---
                Not yet.
                """)
        }
        let window = try #require(facts.maintenanceWindows.first)
        #expect(facts.maintenanceWindows.count == 1)
        #expect(window.slug == "maintenance-december")
        #expect(window.title == "Maintenance on 8 December")
        #expect(window.url == "/announcements/maintenance-december/")
        #expect(facts.maintenance(at: moment("2026-12-08T00:59:59+08:00")) == nil)
        #expect(facts.maintenance(at: moment("2026-12-08T01:00:00+08:00")) == window)
        #expect(facts.maintenance(at: moment("2026-12-08T02:59:59+08:00")) == window)
        #expect(facts.maintenance(at: moment("2026-12-08T03:00:00+08:00")) == nil)
        #expect(facts.maintenance(at: moment("2026-12-20T01:30:00+08:00")) == nil)
    }

    @Test("PLAT-1 The calendar and time zone come from site.yaml")
    func calendar() async throws {
        let facts = try await facts()
        #expect(facts.timeZone.identifier == "Asia/Shanghai")
        #expect(!facts.workingCalendar.isWorkingDay(moment("2026-12-07T12:00:00+08:00")))
        #expect(facts.workingCalendar.isWorkingDay(moment("2026-12-08T12:00:00+08:00")))
        #expect(facts.config.company == "Fixture Telecom Ltd.")
    }

    @Test("The next change steps through every kind of moment, each strictly after the last")
    func nextChangeSequence() async throws {
        let facts = try await facts()
        let expected = [
            "2026-11-20T10:00:00+08:00",  // agreement 2.0 and its notice published
            "2026-11-25T09:00:00+08:00",  // price-change notice published (and the sheet it announces)
            "2026-11-30T10:00:00+08:00",  // maintenance notice published
            "2026-12-01T00:00:00+08:00",  // agreement 2.0 takes effect
            "2026-12-08T01:00:00+08:00",  // maintenance window starts
            "2026-12-08T03:00:00+08:00",  // maintenance window ends
            "2026-12-10T00:00:00+08:00",  // price sheet takes effect
            "2027-01-01T00:00:00+08:00",  // the footer's year
            "2027-06-01T00:00:00+08:00",  // a scheduled notice published
            "2028-01-01T00:00:00+08:00",
        ]
        var moment = moment("2026-11-19")
        var seen: [String] = []
        for _ in expected {
            let next = try #require(facts.nextChange(after: moment))
            seen.append(facts.time.rfc3339(next))
            moment = next
        }
        #expect(seen == expected)
    }

    @Test("The next change after a moment that is itself a change is the following one")
    func nextChangeIsStrictlyAfter() async throws {
        let facts = try await facts()
        #expect(facts.nextChange(after: moment("2026-12-08T01:00:00+08:00")) == moment("2026-12-08T03:00:00+08:00"))
        #expect(facts.nextChange(after: moment("2026-12-08T00:59:59+08:00")) == moment("2026-12-08T01:00:00+08:00"))
    }

    @Test("Drafts never make a change moment")
    func draftsMakeNoChange() async throws {
        let facts = try await facts { site in
            try site.write(
                "content/announcements/draft.md", "---\ntitle: Draft\nkind: general\npublished: 2026-12-05\ndraft: true\n---\nLater.\n")
        }
        #expect(facts.nextChange(after: FixtureSite.now) == moment("2026-12-08T01:00:00+08:00"))
    }

    @Test("A price sheet's effective moment is a change even when its notice was published long before")
    func sheetEffectiveIsAChange() async throws {
        let facts = try await facts()
        #expect(facts.nextChange(after: moment("2026-12-08T03:00:00+08:00")) == moment("2026-12-10"))
    }

    @Test("A site with errors is refused with the report, naming file and line")
    func brokenSiteThrowsTheReport() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.edit("content/prices/2026-12.md", replacing: "currency: CNY", with: "currency: cny")
        do {
            _ = try await SiteFacts.load(site: site.root, now: FixtureSite.now)
            Issue.record("loading a broken site succeeded")
        } catch {
            #expect(error.has("content/prices/2026-12.md:5: error:", "'currency' must be an ISO 4217 code"), "\(error.lines)")
        }
    }

    @Test("PRICE-2 A site whose notice periods are broken is refused, as check refuses it")
    func brokenRuleThrows() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.edit("content/prices/2026-12.md", replacing: "effective: 2026-12-10", with: "effective: 2026-11-26")
        await #expect(throws: CheckReport.self) { try await SiteFacts.load(site: site.root, now: FixtureSite.now) }
    }
}
