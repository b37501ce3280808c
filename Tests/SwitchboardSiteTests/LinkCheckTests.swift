import Foundation
import Testing

@testable import SwitchboardSite

@Suite("Internal links in check")
struct LinkCheckTests {
    @Test("A link to a missing page is reported on its own line")
    func missingPage() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("content/pages/links.md", "---\ntitle: Links\n---\nFirst line.\n\nSee [nothing](/nowhere/) and [prices](/prices).\n")
        let report = await site.check()
        #expect(report.has("content/pages/links.md:6: error: link to /nowhere/ leads nowhere", "the portal has no page /nowhere/"))
        #expect(report.has("content/pages/links.md:6: error: link to /prices leads nowhere", "did you mean /prices/?"))
    }

    @Test("A link to a missing clause anchor is reported")
    func missingClause() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write(
            "content/pages/links.md",
            "---\ntitle: Links\n---\n[ok](/agreement/#clause-3.1.2) [gone](/agreement/#clause-9.9) [old](/agreement/1.0/#clause-3.1.3)\n")
        let report = await site.check()
        #expect(
            report.lines == ["content/pages/links.md:4: error: link to /agreement/#clause-9.9: /agreement/ has no anchor '#clause-9.9'"])
    }

    @Test("A published page may not link to a page scheduled for later")
    func linkToScheduled() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("content/pages/links.md", "---\ntitle: Links\n---\n[soon](/announcements/future/)\n")
        let report = await site.check()
        #expect(report.has("content/pages/links.md:4: error:", "not published at --now"))
    }

    @Test("Relative links and external links are resolved or left alone")
    func relativeAndExternal() {
        #expect(LinkCheck.internalTarget("../prices/", from: "/announcements/x/")?.path == "/announcements/prices/")
        #expect(LinkCheck.internalTarget("https://example.com/", from: "/") == nil)
        #expect(LinkCheck.internalTarget("mailto:a@b.c", from: "/") == nil)
        #expect(LinkCheck.internalTarget("#clause-1", from: "/agreement/")! == ("/agreement/", "clause-1"))
        #expect(LinkCheck.internalTarget("/prices/index.html", from: "/")?.path == "/prices/")
    }
}
