import Foundation
import SwitchboardCore
import Testing

@testable import SwitchboardSite

@Suite("switchboard new announcement")
struct AnnouncementDraftTests {
    @Test("PRICE-2: a new price-change notice is effective exactly 7 days after now and passes check")
    func priceChange() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let now = FixtureSite.moment("2026-12-02T09:30:00+08:00")
        let path = try await AnnouncementDraft.create(site: site.root, kind: .priceChange, title: "Cheaper SMS in 2027", now: now)
        #expect(path == "content/announcements/cheaper-sms-in-2027.md")
        let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        #expect(text.contains("published: 2026-12-02T09:30:00+08:00"))
        #expect(text.contains("effective: 2026-12-09T09:30:00+08:00"))
        #expect(await site.check(now: now).lines == [])
    }

    @Test("PLAT-1: a maintenance notice written on Friday gets the earliest lawful window, and passes check")
    func maintenance() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let now = FixtureSite.moment("2026-12-04T15:00:00+08:00")
        let path = try await AnnouncementDraft.create(site: site.root, kind: .maintenance, title: "Database upgrade", now: now)
        let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        // Friday 15:00 → Saturday 15:00 is one working day (Friday) later.
        #expect(text.contains("start: 2026-12-05T15:00:00+08:00"))
        #expect(await site.check(now: now).lines == [])
    }

    @Test("PLAT-4: a feature change is effective one calendar month later")
    func featureChange() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let now = FixtureSite.moment("2027-01-31T10:00:00+08:00")
        let path = try await AnnouncementDraft.create(site: site.root, kind: .featureChange, title: "New callback format", now: now)
        let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        #expect(text.contains("effective: 2027-02-28T10:00:00+08:00"))
    }

    @Test("An existing file is never overwritten, and a title without letters is refused")
    func refusals() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        await #expect(throws: AnnouncementDraft.Failure.self) {
            try await AnnouncementDraft.create(site: site.root, kind: .general, title: "Welcome", now: FixtureSite.now)
        }
        #expect(
            try String(contentsOf: site.root.appendingPathComponent("content/announcements/welcome.md"), encoding: .utf8).contains(
                "The portal opens."))
        await #expect(throws: AnnouncementDraft.Failure.self) {
            try await AnnouncementDraft.create(site: site.root, kind: .general, title: "!!!", now: FixtureSite.now)
        }
    }
}
