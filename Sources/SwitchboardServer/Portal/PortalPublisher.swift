import Foundation
import Logging
import ServiceLifecycle
import SwitchboardSite

/// Keeps the served portal current: builds it at start (incrementally, so only what is missing
/// or stale is written), then rebuilds it at each moment it changes (a notice published, a
/// sheet or agreement version taking effect, a maintenance window opening or closing), and on
/// demand (`serve --watch`). It hands the server the `SiteFacts` of the portal last built and
/// tells listeners after each rebuild. A failed rebuild is logged; the previous `public/` stays.
public actor PortalPublisher: Service {
    public nonisolated let site: URL
    public nonisolated let output: URL
    private let clock: @Sendable () -> Date
    private let logger: Logger
    /// How long to wait before trying a failed scheduled rebuild again.
    private let retryDelay: TimeInterval
    /// The longest single sleep: the clock is read again at least this often, so a changed
    /// schedule or a jump of the wall clock is noticed.
    private let longestSleep: TimeInterval

    /// The facts of the portal now in `public/`: prices, agreement versions, maintenance windows.
    public private(set) var facts: SiteFacts
    /// The moment the portal in `public/` was rendered for.
    public private(set) var renderedFor: Date
    /// The diagnostics of the last rebuild if it failed; `nil` once one succeeds.
    public private(set) var failure: String?
    /// How many rebuilds ran since the start, the first build included.
    public private(set) var buildCount = 1

    private var listeners: [Int: AsyncStream<PortalEvent>.Continuation] = [:]
    private var nextListener = 0
    private var building = false
    private var buildAgain = false
    private var retryAt: Date?
    private var stopped = false

    /// Builds the portal for `clock()`; a site that does not build throws, and nothing is served.
    public init(
        site: URL, output: URL? = nil, clock: @escaping @Sendable () -> Date = Date.init,
        logger: Logger = Logger(label: "switchboard.portal"), retryDelay: TimeInterval = 10, longestSleep: TimeInterval = 1
    ) async throws(SiteBuilder.Failure) {
        self.site = site
        self.output = output ?? site.appendingPathComponent("public")
        self.clock = clock
        self.logger = logger
        self.retryDelay = retryDelay
        self.longestSleep = longestSleep
        let now = clock()
        let summary = try await SiteBuilder.build(.init(site: site, output: self.output, now: now))
        logger.info("\(summary.description)")
        facts = summary.facts
        renderedFor = now
    }

    /// The moment the portal in `public/` goes stale, if any.
    public var nextRebuild: Date? { facts.nextChange(after: renderedFor) }

    /// Events after every rebuild from now on, until the publisher stops.
    public func events() -> AsyncStream<PortalEvent> {
        let (stream, continuation) = AsyncStream<PortalEvent>.makeStream(bufferingPolicy: .bufferingNewest(16))
        guard !stopped else {
            continuation.finish()
            return stream
        }
        let id = nextListener
        nextListener += 1
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.removeListener(id) } }
        return stream
    }

    /// Rebuilds the portal for the clock's moment now. A request during a rebuild runs one more
    /// rebuild after it, so that the latest content is always the one published.
    public func rebuild() async {
        if building {
            buildAgain = true
            return
        }
        building = true
        repeat {
            buildAgain = false
            await buildOnce()
        } while buildAgain
        building = false
    }

    /// Sleeps until the portal goes stale and rebuilds it then, until graceful shutdown.
    public func run() async throws {
        defer { stop() }
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let wait = await self.secondsToWait()
                if wait <= 0 {
                    await self.rebuildOnSchedule()
                } else {
                    try await Task.sleep(for: .seconds(wait))
                }
            }
        }
    }

    // MARK: Internals

    private func secondsToWait() -> TimeInterval {
        let now = clock()
        var due = nextRebuild ?? .distantFuture
        if let retryAt { due = max(due, retryAt) }
        return min(due.timeIntervalSince(now), longestSleep)
    }

    private func rebuildOnSchedule() async {
        logger.info("the portal changes now; rebuilding")
        await rebuild()
        if failure != nil { retryAt = clock().addingTimeInterval(retryDelay) }
    }

    private func buildOnce() async {
        let now = clock()
        do {
            let summary = try await SiteBuilder.build(.init(site: site, output: output, now: now))
            logger.info("\(summary.description)")
            facts = summary.facts
            renderedFor = now
            failure = nil
            retryAt = nil
            buildCount += 1
            notify(.published(now))
        } catch {
            logger.error("the portal was not rebuilt; the previous one stays:\n\(error.description)")
            failure = error.description
            buildCount += 1
            notify(.failed(error.description))
        }
    }

    private func notify(_ event: PortalEvent) {
        for continuation in listeners.values { continuation.yield(event) }
    }

    private func removeListener(_ id: Int) { listeners[id] = nil }

    private func stop() {
        stopped = true
        for continuation in listeners.values { continuation.finish() }
        listeners = [:]
    }
}
