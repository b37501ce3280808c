import Foundation
import Testing

@testable import SwitchboardSite

/// A rebuild that reuses the build cache must write exactly what a full build writes.
@Suite("Incremental rebuilds")
struct IncrementalBuildTests {
    /// Every file under `folder`, by relative path.
    private func tree(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let prefix = folder.standardizedFileURL.path + "/"
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(prefix.count))] = try Data(contentsOf: url)
        }
        return files
    }

    /// Builds with the cache, then without it into another folder, and compares the two.
    private func expectSameAsFullBuild(_ site: FixtureSite, now: Date = FixtureSite.now) async throws -> SiteBuilder.Summary {
        let summary = try await site.build(now: now)
        let fresh = site.root.appendingPathComponent("fresh")
        try? FileManager.default.removeItem(at: fresh)
        try await SiteBuilder.build(.init(site: site.root, output: fresh, now: now, useCache: false))
        let incremental = try tree(site.output)
        let full = try tree(fresh)
        #expect(incremental.keys.sorted() == full.keys.sorted())
        for (path, data) in full where incremental[path] != data {
            Issue.record("\(path) differs from a full build")
        }
        return summary
    }

    @Test("Changing one announcement re-renders only its page and the listings that show it")
    func oneFileChanged() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let first = try await site.build()
        #expect(first.renderedPages == first.pages)
        try site.edit("content/announcements/welcome.md", replacing: "> Hello, developers.", with: "> Hello again, developers.")
        let second = try await expectSameAsFullBuild(site)
        // Of the six announcement pages only the changed one is rendered again; agreement,
        // prices, home, free pages and 404 are few and always rendered.
        #expect(second.renderedPages <= first.pages - 5)
        #expect(try site.page("announcements/welcome/index.html").contains("Hello again"))
    }

    @Test("A notice whose first paragraph (its summary) changes updates listings, feeds and the search index")
    func summaryChanged() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        try site.edit("content/announcements/new-prices.md", replacing: "SMS gets cheaper", with: "Texts get cheaper")
        _ = try await expectSameAsFullBuild(site)
        #expect(try site.page("search.json").contains("Texts get cheaper"))
        #expect(try site.page("announcements/index.html").contains("Texts get cheaper"))
    }

    @Test("An unchanged notice's links are checked again when the page they lead to is deleted")
    func linksRecheckedWhenTargetsGo() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("content/announcements/linker.md", "---\ntitle: Linker\nkind: general\npublished: 2026-11-30\n---\nSee [welcome](/announcements/welcome/).\n")
        try await site.build()
        try await site.build()
        try site.remove("content/announcements/welcome.md")
        do {
            try await site.build()
            Issue.record("the build should have failed on the broken link")
        } catch SiteBuilder.Failure.invalidSite(let report) {
            #expect(report.has("content/announcements/linker.md:6: error: link to /announcements/welcome/", "leads nowhere"))
        }
    }

    @Test("A deleted announcement's page disappears and a new one appears")
    func addAndRemove() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        try site.remove("content/announcements/welcome.md")
        try site.write("content/announcements/hello.md", "---\ntitle: Hello\nkind: general\npublished: 2026-11-30\n---\nNew.\n")
        _ = try await expectSameAsFullBuild(site)
        #expect(!site.exists("announcements/welcome/index.html"))
        #expect(site.exists("announcements/hello/index.html"))
    }

    @Test("A template change, a config change or another moment rebuilds every page")
    func sharedInputsChanged() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        try site.write("templates/announcement.mustache", "<article><h1>{{title}}</h1>{{{body}}}</article>\n")
        var summary = try await expectSameAsFullBuild(site)
        #expect(summary.renderedPages == summary.pages)
        try site.edit("site.yaml", replacing: "title: Fixture Telecom", with: "title: Fixture Telecom Two")
        summary = try await expectSameAsFullBuild(site)
        #expect(summary.renderedPages == summary.pages)
        // The maintenance window opens: every page's banner changes.
        summary = try await expectSameAsFullBuild(site, now: FixtureSite.moment("2026-12-08T01:30:00+08:00"))
        #expect(summary.renderedPages == summary.pages)
        #expect(try site.page("announcements/welcome/index.html").contains("Maintenance under way"))
    }

    @Test("Nothing changed: no announcement page is rendered again")
    func nothingChanged() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        let again = try await expectSameAsFullBuild(site)
        let announcementPages = 6
        #expect(again.renderedPages <= again.pages - announcementPages)
    }

    @Test("A damaged cache is ignored and the build is a full one")
    func damagedCache() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try await site.build()
        let cache = BuildCache.url(site: site.root)
        try Data("\(BuildCache.formatVersion)\noutput\t/x\nglobal\tzz\ngarbage\n".utf8).write(to: cache)
        var summary = try await expectSameAsFullBuild(site)
        #expect(summary.renderedPages == summary.pages)
        try Data([0xFF, 0xFE, 0x00]).write(to: cache)
        summary = try await expectSameAsFullBuild(site)
        #expect(summary.renderedPages == summary.pages)
    }

    @Test("The cache keeps text with tabs, newlines and backslashes intact")
    func escaping() {
        for text in ["plain", "tab\there", "new\nline", "back\\slash \\t", "unit\u{1F}sep", ""] {
            #expect(BuildCache.unescape(Substring(BuildCache.escape(text))) == text)
        }
    }
}
