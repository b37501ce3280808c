import Foundation
import Logging
import SwitchboardSite
import Testing

@testable import SwitchboardServer

/// `PortalPublisher`: the served portal is rebuilt at the moment it changes, and a failed
/// rebuild leaves the previous one in place.
@Suite("Portal publisher")
struct PortalPublisherTests {
    private static var quiet: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    private func publisher(_ site: PortalTestSite, at start: String) async throws -> PortalPublisher {
        try await PortalPublisher(
            site: site.root, clock: PortalTestSite.clock(from: PortalTestSite.moment(start)), logger: Self.quiet, retryDelay: 0.2,
            longestSleep: 0.1)
    }

    @Test("PLAT-1 The maintenance banner turns to 'under way' at the window's start, without a request")
    func scheduledRebuild() async throws {
        let site = try PortalTestSite()
        defer { site.cleanUp() }
        let clock = RunningTestClock(standingAt: PortalTestSite.moment("2026-12-08T00:59:00+08:00"))
        let publisher = try await PortalPublisher(
            site: site.root, clock: clock.now, logger: Self.quiet, retryDelay: 0.2, longestSleep: 0.1)
        #expect(try site.read("public/index.html").contains("Scheduled maintenance"))
        #expect(await publisher.nextRebuild == PortalTestSite.moment("2026-12-08T01:00:00+08:00"))
        let events = await publisher.events()
        clock.run(from: PortalTestSite.moment("2026-12-08T00:59:59.700+08:00"))
        let running = Task { try await publisher.run() }
        defer { running.cancel() }
        var iterator = events.makeAsyncIterator()
        let event = await iterator.next()
        guard case .published(let moment) = event else {
            Issue.record("expected a rebuild, got \(String(describing: event))")
            return
        }
        #expect(moment >= PortalTestSite.moment("2026-12-08T01:00:00+08:00"))
        #expect(moment < PortalTestSite.moment("2026-12-08T01:00:30+08:00"), "at the moment, give or take a busy machine")
        let page = try site.read("public/index.html")
        #expect(page.contains("Maintenance under way"))
        #expect(!page.contains("Scheduled maintenance"))
        #expect(await publisher.nextRebuild == PortalTestSite.moment("2026-12-08T03:00:00+08:00"))
        #expect(await publisher.buildCount == 2)
    }

    @Test("PRICE-2 The server's facts are the built portal's: the prices in effect move on at the sheet's moment")
    func factsFollowTheBuild() async throws {
        let site = try PortalTestSite()
        defer { site.cleanUp() }
        let clock = RunningTestClock(standingAt: PortalTestSite.moment("2026-12-09T23:59:00+08:00"))
        let publisher = try await PortalPublisher(
            site: site.root, clock: clock.now, logger: Self.quiet, retryDelay: 0.2, longestSleep: 0.1)
        let loaded = try await SiteFacts.load(site: site.root, now: PortalTestSite.moment("2026-12-10"))
        #expect(await publisher.facts.priceBook == loaded.priceBook)
        #expect(await publisher.facts.agreementVersions == loaded.agreementVersions)
        #expect(try site.read("public/prices/index.html").contains("Upcoming"))
        clock.run(from: PortalTestSite.moment("2026-12-09T23:59:59.700+08:00"))
        let running = Task { try await publisher.run() }
        defer { running.cancel() }
        let moved = await eventually(within: 30) { await publisher.renderedFor >= PortalTestSite.moment("2026-12-10") }
        #expect(moved)
        #expect(await publisher.nextRebuild == PortalTestSite.moment("2027-01-01"))
    }

    @Test("A failed rebuild is reported and leaves the previous portal and facts; the next good one replaces them")
    func failedRebuildKeepsThePortal() async throws {
        let site = try PortalTestSite()
        defer { site.cleanUp() }
        let publisher = try await publisher(site, at: "2026-12-02T00:00:00+08:00")
        let before = try site.read("public/index.html")
        let events = await publisher.events()
        var iterator = events.makeAsyncIterator()
        try site.edit("content/prices/2026-12.md", replacing: "currency: CNY", with: "currency: cny")
        await publisher.rebuild()
        guard case .failed(let report) = await iterator.next() else {
            Issue.record("expected a failure")
            return
        }
        #expect(report.contains("content/prices/2026-12.md:5: error:"))
        #expect(await publisher.failure == report)
        #expect(try site.read("public/index.html") == before)
        #expect(await publisher.facts.priceBook.sheets.count == 2)
        try site.edit("content/prices/2026-12.md", replacing: "currency: cny", with: "currency: CNY")
        await publisher.rebuild()
        guard case .published = await iterator.next() else {
            Issue.record("expected a rebuild")
            return
        }
        #expect(await publisher.failure == nil)
    }

    @Test("A site that does not build is refused at start")
    func brokenAtStart() async throws {
        let site = try PortalTestSite()
        defer { site.cleanUp() }
        try site.edit("content/prices/2026-12.md", replacing: "currency: CNY", with: "currency: cny")
        await #expect(throws: SiteBuilder.Failure.self) { try await publisher(site, at: "2026-12-02T00:00:00+08:00") }
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test("Rebuild requests during a rebuild run one more rebuild, not one each")
    func requestsDuringARebuildCoalesce() async throws {
        let site = try PortalTestSite()
        defer { site.cleanUp() }
        let publisher = try await publisher(site, at: "2026-12-02T00:00:00+08:00")
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<5 { group.addTask { await publisher.rebuild() } }
        }
        let count = await publisher.buildCount
        #expect(count >= 2 && count <= 3, "\(count)")
    }

    @Test("Listeners' streams end when the publisher stops")
    func streamsEndAtStop() async throws {
        let site = try PortalTestSite()
        defer { site.cleanUp() }
        let publisher = try await publisher(site, at: "2026-12-02T00:00:00+08:00")
        let events = await publisher.events()
        let running = Task { try await publisher.run() }
        try await Task.sleep(for: .milliseconds(50))
        running.cancel()
        var iterator = events.makeAsyncIterator()
        #expect(await iterator.next() == nil)
    }
}
