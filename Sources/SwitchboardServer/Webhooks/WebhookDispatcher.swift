import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import SwitchboardCore
import SwitchboardStore

/// How callbacks are retried (issue 5).
public struct WebhookSettings: Sendable {
    /// Tries per event, the first included; then the event is given up.
    public var maximumAttempts: Int
    /// The wait after the first failed attempt; it doubles after each further one (2 s, 4 s, 8 s, …).
    public var backoffBase: Duration
    /// The longest wait between two attempts.
    public var maximumBackoff: Duration
    /// How long one POST may take, connecting included.
    public var timeout: Duration
    /// Events delivered at once at most; more wait in the store for the next sweep.
    public var queueLimit: Int
    /// How often the store is searched for pending events this process is not delivering
    /// (left over when the queue was full).
    public var sweepInterval: Duration

    public init(
        maximumAttempts: Int = 8, backoffBase: Duration = .seconds(2), maximumBackoff: Duration = .seconds(600),
        timeout: Duration = .seconds(5), queueLimit: Int = 1000, sweepInterval: Duration = .seconds(60)
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.backoffBase = backoffBase
        self.maximumBackoff = maximumBackoff
        self.timeout = timeout
        self.queueLimit = max(1, queueLimit)
        self.sweepInterval = sweepInterval
    }

    /// The wait after failed attempt `number` (1-based): `backoffBase × 2^(number−1)`, capped.
    public func backoff(after number: Int) -> Duration {
        let factor = 1 << min(max(number - 1, 0), 30)
        return min(backoffBase * factor, maximumBackoff)
    }
}

/// Delivers queued callback events: POSTs each, signed, to its URL, and records every attempt
/// in the store, retrying with exponential backoff until a 2xx answer or `maximumAttempts`.
///
/// Events are queued durably with their status change (by `CarrierDesk`), so this service only
/// needs a hint to start one at once (`enqueue`); at start, and every `sweepInterval`, it takes
/// up every pending event from the store, so a restart loses none. An attempt cut off by a
/// shutdown is not recorded and is tried again after the restart.
public final class WebhookDispatcher: Service, Sendable {
    let platform: Platform
    let settings: WebhookSettings
    let logger: Logger
    private let hints: AsyncStream<WebhookAttempt>
    private let continuation: AsyncStream<WebhookAttempt>.Continuation
    private let inFlight = InFlight()

    public init(platform: Platform, settings: WebhookSettings = WebhookSettings(), logger: Logger) {
        self.platform = platform
        self.settings = settings
        self.logger = logger
        (hints, continuation) = AsyncStream.makeStream(of: WebhookAttempt.self, bufferingPolicy: .bufferingOldest(settings.queueLimit))
    }

    /// Starts delivering a queued event now (it is in the store already; when the queue is
    /// full, the next sweep finds it there).
    public func enqueue(_ event: WebhookAttempt) {
        continuation.yield(event)
    }

    public func run() async throws {
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: HTTPClient.Configuration(
                redirectConfiguration: .disallow,
                timeout: .init(connect: .milliseconds(settings.timeout.milliseconds), read: .milliseconds(settings.timeout.milliseconds))))
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.sweep() }
                for await event in self.hints {
                    guard await self.inFlight.claim(event.eventId, limit: self.settings.queueLimit) else { continue }
                    group.addTask {
                        await self.deliver(event, client: client)
                        await self.inFlight.release(event.eventId)
                    }
                }
                group.cancelAll()
            }
        }
        continuation.finish()
        try? await client.shutdown()
    }

    /// Hands every pending event in the store to the queue, now and every `sweepInterval`.
    private func sweep() async {
        while !Task.isCancelled {
            do {
                var handed = 0
                for event in try await platform.store.pendingWebhooks() where await !inFlight.contains(event.eventId) {
                    if case .enqueued = continuation.yield(event) { handed += 1 }
                }
                if handed > 0 { logger.info("callbacks: \(handed) pending events taken up from the store") }
            } catch {
                logger.error("callbacks: pending events could not be read: \(error)")
            }
            do { try await Task.sleep(for: settings.sweepInterval) } catch { return }
        }
    }

    /// Tries `event` until it is delivered or given up, recording each attempt.
    func deliver(_ event: WebhookAttempt, client: HTTPClient) async {
        var current = event
        // A hint may be older than what the store holds (another hint delivered it meanwhile).
        if let latest = try? await platform.store.webhookAttempts(sendId: event.sendId).last(where: { $0.eventId == event.eventId }),
            latest.attempt > current.attempt
        {
            current = latest
        }
        while current.isPending, !Task.isCancelled {
            if let due = current.nextAttemptAt {
                let wait = due.millisecondsSince1970 - platform.now().millisecondsSince1970
                if wait > 0 {
                    do { try await Task.sleep(for: .milliseconds(wait)) } catch { return }
                }
            }
            let outcome = await attempt(current, client: client)
            if Task.isCancelled && !outcome.answered { return }
            let now = platform.now()
            let number = current.attempt + 1
            let retry = !outcome.delivered && !outcome.final && number < settings.maximumAttempts
            let next = current.next(
                at: now, statusCode: outcome.statusCode, error: outcome.error, delivered: outcome.delivered,
                nextAttemptAt: retry ? now.adding(milliseconds: settings.backoff(after: number).milliseconds) : nil)
            do {
                try await platform.store.recordWebhookAttempt(next)
            } catch {
                logger.error("callbacks: attempt \(number) of \(current.eventId) not recorded: \(error)")
                return
            }
            if !next.delivered && next.nextAttemptAt == nil {
                logger.warning("callbacks: gave up on \(current.eventId) to \(current.url) after \(number) attempts")
            }
            current = next
        }
    }

    struct Outcome {
        var statusCode: Int?
        var error: String?
        var delivered = false
        /// No point trying again (no signing secret, not an http(s) URL, send gone).
        var final = false
        var answered: Bool { statusCode != nil }
    }

    /// One POST of `event`.
    private func attempt(_ event: WebhookAttempt, client: HTTPClient) async -> Outcome {
        guard WebhookEvent.isDeliverable(event.url) else { return Outcome(error: "not an http or https URL", final: true) }
        let body: Data
        let secret: String
        do {
            guard let send = try await platform.store.send(id: event.sendId) else { return Outcome(error: "send not found", final: true) }
            guard let stored = try await platform.store.account(id: event.accountId)?.signingSecret, !stored.isEmpty else {
                return Outcome(error: "the account has no signing secret", final: true)
            }
            secret = stored
            body = try WebhookEvent.body(of: event, send: send)
        } catch {
            return Outcome(error: "not built: \(error)")
        }
        var request = HTTPClientRequest(url: event.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Switchboard-Webhooks/1")
        request.headers.add(name: WebhookEvent.eventIdHeader, value: event.eventId)
        request.headers.add(name: WebhookEvent.signatureHeader, value: WebhookEvent.signature(of: body, secret: secret))
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: .milliseconds(settings.timeout.milliseconds))
            // The answer's body is ignored; at most a few KB are read.
            _ = try? await response.body.collect(upTo: 4096)
            let code = Int(response.status.code)
            return Outcome(statusCode: code, delivered: (200..<300).contains(code))
        } catch {
            return Outcome(error: String(describing: error).prefix(200).description)
        }
    }

    /// The events being delivered by this process.
    private actor InFlight {
        private var events: Set<String> = []

        func claim(_ eventId: String, limit: Int) -> Bool {
            guard events.count < limit else { return false }
            return events.insert(eventId).inserted
        }

        func release(_ eventId: String) { events.remove(eventId) }

        func contains(_ eventId: String) -> Bool { events.contains(eventId) }
    }
}

extension Duration {
    /// Whole milliseconds.
    fileprivate var milliseconds: Int64 {
        let parts = components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
}

extension Timestamp {
    fileprivate func adding(milliseconds: Int64) -> Timestamp { Timestamp(millisecondsSince1970: millisecondsSince1970 + milliseconds) }
}
