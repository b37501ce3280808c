import Foundation
import Testing

@testable import SwitchboardSite

@Suite("Rendered portal")
struct PortalOutputTests {
    @Test("Every section of the portal is written")
    func pagesExist() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let summary = try await site.build()
        for path in [
            "index.html", "api-guide/index.html", "agreement/index.html", "agreement/1.0/index.html",
            "agreement/2.0/index.html", "agreement/2.0/changes/index.html", "prices/index.html",
            "prices/2026-01/index.html", "prices/2026-12/index.html", "announcements/index.html",
            "announcements/page/2/index.html", "announcements/maintenance/index.html", "announcements/new-prices/index.html",
            "feed.xml", "announcements/price-change/feed.xml", "sitemap.xml", "robots.txt", "404.html", "search.json",
            "api/prices.json", "css/site.css", "api/openapi.json", "api-reference/index.html",
            "console/index.html", "console/signup/index.html", "console/operator/index.html", "js/console/api.js",
        ] {
            #expect(site.exists(path), "\(path) missing")
        }
        // 24 portal pages and the 11 pages of the developer console.
        #expect(summary.pages == 24 + ConsolePage.all.count)
        #expect(summary.sourceFiles == 12)
    }

    @Test("AGR-2: /agreement/ shows the version in effect, with clause anchors and the upcoming version noticed")
    func agreementVersions() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build(now: FixtureSite.moment("2026-11-25T00:00:00+08:00"))
        let current = try site.page("agreement/index.html")
        #expect(current.contains("Version 1.0 · In effect"))
        #expect(current.contains(##"<p id="clause-3.1.2"><a class="clause-number" href="#clause-3.1.2">3.1.2</a>"##))
        #expect(current.contains(#"<h2 id="clause-3">"#))
        #expect(current.contains("Version 2.0 of the agreement takes effect on"))
        try await site.build(now: FixtureSite.moment("2026-12-01T00:00:00+08:00"))
        let after = try site.page("agreement/index.html")
        #expect(after.contains("Version 2.0 · In effect"))
        #expect(!after.contains("takes effect on"))
    }

    @Test("AGR-2: the changes page compares clause by clause")
    func clauseDiff() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        let changes = try site.page("agreement/2.0/changes/index.html")
        #expect(changes.contains("2 changed, 1 new, 1 removed, 5 unchanged."))
        #expect(changes.contains("1.2 You are the <del>developer who</del> <ins>person or organisation that</ins> registers."))
        #expect(changes.contains("<del>3.1.3 Old clause that goes away.</del>"))
        #expect(changes.contains("<ins>3.1.4 A new clause about trials.</ins>"))
    }

    @Test("PRICE-2: /prices/ shows the sheet in effect and the upcoming one with old → new and percent")
    func pricesPage() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build(now: FixtureSite.moment("2026-12-09T23:59:59+08:00"))
        var prices = try site.page("prices/index.html")
        #expect(prices.contains("In effect since <time datetime=\"2026-01-10T00:00:00+08:00\">"))
        #expect(prices.contains(#"<td class="num">0.0450</td><td class="num">0.0400</td><td class="num change-down">-11.1 %</td>"#))
        #expect(prices.contains("+20.0 %"))
        try await site.build(now: FixtureSite.moment("2026-12-10T00:00:00+08:00"))
        prices = try site.page("prices/index.html")
        #expect(prices.contains("In effect since <time datetime=\"2026-12-10T00:00:00+08:00\">"))
        #expect(!prices.contains("Changing on"))
    }

    @Test("PRICE-1: /api/prices.json exports every public sheet with exact string prices")
    func pricesExport() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        let data = try Data(contentsOf: site.output.appendingPathComponent("api/prices.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["current"] as? String == "2026-01")
        #expect(json["upcoming"] as? String == "2026-12")
        let sheets = try #require(json["sheets"] as? [[String: Any]])
        let december = try #require(sheets.first { $0["id"] as? String == "2026-12" })
        let prices = try #require(december["prices"] as? [[String: Any]])
        #expect(prices.first?["price"] as? String == "0.0400")
        #expect(prices.first?["currency"] as? String == "CNY")
        #expect(december["effective"] as? String == "2026-12-10T00:00:00+08:00")
    }

    @Test("An item scheduled for later is left out of pages, feeds, sitemap and search")
    func scheduledPublishing() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        #expect(!site.exists("announcements/future/index.html"))
        for file in ["feed.xml", "sitemap.xml", "search.json", "announcements/index.html", "announcements/general/feed.xml"] {
            #expect(try !site.page(file).contains("future"), "\(file)")
        }
        try await site.build(now: FixtureSite.moment("2027-06-01T00:00:00+08:00"))
        #expect(site.exists("announcements/future/index.html"))
        #expect(try site.page("feed.xml").contains("/announcements/future/"))
    }

    @Test("A price sheet stays hidden until its announcement is published")
    func sheetHiddenUntilAnnounced() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build(now: FixtureSite.moment("2026-11-25T08:59:59+08:00"))
        #expect(!site.exists("prices/2026-12/index.html"))
        #expect(try !site.page("api/prices.json").contains("2026-12"))
    }

    @Test("Drafts appear only with drafts enabled")
    func drafts() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "content/announcements/draft-note.md", "---\ntitle: Draft\nkind: general\npublished: 2026-11-01\ndraft: true\n---\nSoon.\n")
        try await site.build()
        #expect(!site.exists("announcements/draft-note/index.html"))
        try await site.build(drafts: true)
        #expect(site.exists("announcements/draft-note/index.html"))
    }

    @Test("PLAT-1: every page shows the maintenance banner while the window is upcoming or under way")
    func maintenanceBanner() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        #expect(
            try site.page("prices/index.html").contains("Scheduled maintenance:</strong> <a href=\"/announcements/maintenance-december/\">")
        )
        try await site.build(now: FixtureSite.moment("2026-12-08T02:00:00+08:00"))
        #expect(try site.page("index.html").contains("Maintenance under way:"))
        try await site.build(now: FixtureSite.moment("2026-12-08T03:00:00+08:00"))
        #expect(try !site.page("index.html").contains("class=\"banner\""))
    }

    @Test("Announcements are newest first and paginated, with a page per kind")
    func announcementListing() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        let first = try site.page("announcements/index.html")
        let newest = try #require(first.range(of: "/announcements/maintenance-december/"))
        let older = try #require(first.range(of: "/announcements/new-prices/\""))
        #expect(newest.lowerBound < older.lowerBound)
        #expect(first.contains("Page 1 of 3"))
        #expect(try site.page("announcements/page/3/index.html").contains("/announcements/welcome/"))
        #expect(try site.page("announcements/feature-change/index.html").contains("/announcements/webhooks-v2/"))
    }

    @Test("Markdown renders GFM tables, task lists and footnotes, and drops raw HTML")
    func markdownFeatures() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        #expect(
            try site.page("announcements/new-prices/index.html").contains(
                #"<div class="table-wrap" tabindex="0" role="region" aria-label="Table"><table>"#))
        let tasks = try site.page("announcements/webhooks-v2/index.html")
        #expect(tasks.contains(#"<input type="checkbox" checked disabled aria-label="Done">"#))
        #expect(tasks.contains("footnote-ref"))
        let guide = try site.page("api-guide/index.html")
        #expect(!guide.contains("<b>HTML</b>"))
        #expect(guide.contains(#"<h2 id="sending-sms">"#))
    }

    @Test("A template in the site's templates/ overrides the default theme's")
    func templateOverride() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("templates/page.mustache", "<article class=\"custom\"><h1>{{title}}</h1>{{{body}}}</article>\n")
        try await site.build()
        #expect(try site.page("api-guide/index.html").contains("<article class=\"custom\"><h1>API guide</h1>"))
    }

    @Test("Text from content is escaped in templates and feeds")
    func escaping() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "content/announcements/tags.md",
            "---\ntitle: \"<script>alert(1)</script> & more\"\nkind: general\npublished: 2026-11-30\n---\nBody.\n")
        try await site.build()
        let page = try site.page("announcements/tags/index.html")
        #expect(!page.contains("<script>"))
        #expect(page.contains("&lt;script&gt;"))
        #expect(try !site.page("feed.xml").contains("<script>"))
    }

    @Test("search.json lists every public item as valid JSON, quotes and control characters escaped")
    func searchIndex() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "content/announcements/quotes.md",
            "---\ntitle: \"Say \\\"hi\\\" \\\\ back\\tslash\"\nkind: general\npublished: 2026-11-30\n---\nBody.\n")
        try await site.build()
        let data = try Data(contentsOf: site.output.appendingPathComponent("search.json"))
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let quotes = try #require(entries.first { $0["url"] as? String == "/announcements/quotes/" })
        #expect(quotes["title"] as? String == "Say \"hi\" \\ back\tslash")
        #expect(quotes["kind"] as? String == "general")
        #expect(quotes["date"] as? String == "2026-11-30T00:00:00+08:00")
        #expect(entries.contains { $0["url"] as? String == "/agreement/2.0/" && $0["kind"] as? String == "agreement" })
        #expect(!entries.contains { ($0["url"] as? String)?.contains("future") == true })
    }

    @Test("Raw HTML in Markdown is kept only when site.yaml turns it on")
    func unsafeHTML() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.edit("site.yaml", replacing: "announcementsPerPage: 2", with: "announcementsPerPage: 2\nmarkdown:\n  unsafeHTML: true")
        try await site.build()
        #expect(try site.page("api-guide/index.html").contains("Raw <b>HTML</b> is dropped."))
    }

    @Test("A layout override that treats the page's values differently is rendered as written, not spliced")
    func layoutOverrideFallsBack() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("templates/layout.mustache", "<!DOCTYPE html><title>{{{pageTitle}}}</title><main>{{content}}</main>\n")
        try site.write("content/announcements/amp.md", "---\ntitle: Fish & Chips\nkind: general\npublished: 2026-11-30\n---\nBody.\n")
        try await site.build()
        let page = try site.page("announcements/amp/index.html")
        #expect(page.hasPrefix("<!DOCTYPE html><title>Fish & Chips</title><main>&lt;article"))
    }
}
