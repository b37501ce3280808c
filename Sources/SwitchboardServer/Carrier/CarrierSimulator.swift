import Foundation
import SwitchboardCore

/// The built-in carrier: moves each send through the statuses `SimulatedOutcome` decides, one
/// step every `delay`, and reports them. Deterministic for a seed; replies such as STOP are
/// injected with `injectReply`.
public final class CarrierSimulator: Carrier {
    public let reports: AsyncStream<CarrierReport>
    private let continuation: AsyncStream<CarrierReport>.Continuation
    private let seed: Int
    private let rates: SimulatedOutcome.Rates
    private let delay: Duration
    private let clock: @Sendable () -> Date

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
        let steps = outcome.remaining(after: current)
        guard !steps.isEmpty else { return }
        let continuation = self.continuation
        let delay = self.delay
        let clock = self.clock
        Task {
            for status in steps {
                try? await Task.sleep(for: delay)
                let change = StatusChange(
                    status: status, at: Timestamp(clock()), durationSeconds: status == .completed ? outcome.durationSeconds : nil)
                continuation.yield(.status(sendId: message.sendId, change: change))
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
