import Logging
import ServiceLifecycle

/// Runs the platform's jobs (`Jobs`) inside the server: at start, then every `interval`, so a
/// running server needs no cron entry (the data folder is locked by the server, which
/// `switchboard jobs run` would wait for). Failures are logged and retried at the next round.
public struct JobsService: Service {
    let jobs: Jobs
    let interval: Duration
    let logger: Logger

    public init(platform: Platform, interval: Duration = .seconds(3600), logger: Logger) {
        self.jobs = Jobs(platform: platform)
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let report = try await jobs.run()
                if report != Jobs.Report() { logger.info("jobs: \(report)") }
            } catch {
                logger.error("jobs failed: \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
