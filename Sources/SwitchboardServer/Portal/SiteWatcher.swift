import Foundation
import Logging
import ServiceLifecycle

/// `serve --watch`: polls the site's files by size and modification time and, once a burst of
/// saves has settled, calls `onChange` once (changes count from
/// the moment the watcher is made): an editor saving ten files rebuilds the portal once.
public struct SiteWatcher: Service {
    public let site: URL
    /// How often the files are stat-ed.
    public let interval: Duration
    /// How long the files must stay unchanged before `onChange` runs.
    public let quietPeriod: Duration
    private let onChange: @Sendable () async -> Void
    /// The files as they were when the watcher was made: changes from then on count.
    private let initial: SiteFilesSnapshot

    public init(
        site: URL, interval: Duration = .milliseconds(300), quietPeriod: Duration = .milliseconds(200),
        onChange: @escaping @Sendable () async -> Void
    ) {
        self.site = site
        self.interval = interval
        self.quietPeriod = quietPeriod
        self.onChange = onChange
        initial = SiteFilesSnapshot.take(site: site)
    }

    /// Watches until graceful shutdown.
    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            var seen = initial
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                var current = SiteFilesSnapshot.take(site: site)
                guard current != seen else { continue }
                // Wait for the burst to end: the files must hold still for a quiet period.
                while true {
                    try await Task.sleep(for: quietPeriod)
                    let settled = SiteFilesSnapshot.take(site: site)
                    if settled == current { break }
                    current = settled
                }
                seen = current
                await onChange()
            }
        }
    }
}
