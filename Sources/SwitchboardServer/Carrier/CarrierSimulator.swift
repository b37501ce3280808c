import Foundation
import NIOConcurrencyHelpers
import SwitchboardCore

/// The built-in carrier: moves each send through the statuses `SimulatedOutcome` decides, one
/// step every `delay`, and reports them. Deterministic for a seed; replies such as STOP are
/// injected with `injectReply`.
///
/// Steps wait in one queue served by one task, rather than a sleeping task per send: every
/// step falls due `delay` after it was queued, so the queue is in order of due time, and
/// thousands of sends a second cost one timer, not thousands. The task runs while steps wait.
public final class CarrierSimulator: Carrier {
    public let reports: AsyncStream<CarrierReport>
    private let continuation: AsyncStream<CarrierReport>.Continuation
    private let seed: Int
    private let rates: SimulatedOutcome.Rates
    private let delay: Duration
    private let clock: @Sendable () -> Date
    private let schedule = NIOLockedValueBox(Schedule())

    /// A send's next steps, the first due at `due`.
    private struct Step: Sendable {
        var due: ContinuousClock.Instant
        var sendId: String
        var statuses: ArraySlice<SendStatus>
        var durationSeconds: Int?
    }

    private struct Schedule: Sendable {
        /// Steps from `head` on wait; the ones before it are done (dropped now and then).
        var steps: [Step] = []
        var head = 0
        var running = false

        var next: Step? { head < steps.count ? steps[head] : nil }

        /// The steps due by `now`, taken off the queue.
        mutating func takeDue(by now: ContinuousClock.Instant) -> [Step] {
            var due: [Step] = []
            while let step = next, step.due <= now {
                due.append(step)
                head += 1
            }
            if head > 1024, head * 2 > steps.count {
                steps.removeFirst(head)
                head = 0
            }
            return due
        }
    }

    public init(
        seed: Int, delay: Duration, deliveryRate: Double, failureRate: Double, noAnswerRate: Double,
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        (reports, continuation) = AsyncStream.makeStream(of: CarrierReport.self)
        self.seed = seed
        self.rates = .init(deliveryRate: deliveryRate, failureRate: failureRate, noAnswerRate: noAnswerRate)
        self.delay = delay
        self.clock = clock
    }

    public func submit(_ message: CarrierMessage, current: SendStatus) async {
        let outcome = SimulatedOutcome(for: message, seed: seed, rates: rates)
        let statuses = outcome.remaining(after: current)
        guard !statuses.isEmpty else { return }
        queue(Step(due: .now + delay, sendId: message.sendId, statuses: statuses[...], durationSeconds: outcome.durationSeconds))
    }

    private func queue(_ step: Step) {
        let start = schedule.withLockedValue { schedule in
            schedule.steps.append(step)
            defer { schedule.running = true }
            return !schedule.running
        }
        if start { Task { await run() } }
    }

    /// Reports each step when it falls due, and queues the send's next one; stops once nothing waits.
    private func run() async {
        while true {
            let next = schedule.withLockedValue { schedule in
                if schedule.next == nil { schedule.running = false }
                return schedule.next?.due
            }
            guard let next else { return }
            try? await Task.sleep(until: next, clock: .continuous)
            let now = ContinuousClock.now
            for var step in schedule.withLockedValue({ $0.takeDue(by: now) }) {
                guard let status = step.statuses.popFirst() else { continue }
                let change = StatusChange(
                    status: status, at: Timestamp(clock()), durationSeconds: status == .completed ? step.durationSeconds : nil)
                continuation.yield(.status(sendId: step.sendId, change: change))
                if !step.statuses.isEmpty {
                    step.due = now + delay
                    queue(step)
                }
            }
        }
    }

    /// A recipient answers, as a carrier's inbound message would report it.
    public func injectReply(from number: String, text: String) {
        continuation.yield(.reply(from: number, text: text, at: Timestamp(clock())))
    }

    /// Ends `reports`.
    public func finish() { continuation.finish() }
}
