import NIOConcurrencyHelpers
import SwitchboardCore

/// The carrier reports waiting for one of the desk's lanes. The lane takes everything waiting
/// at once, so when reports come faster than single commits could record them, they are
/// recorded in bigger commits instead of piling up.
final class ReportLane: Sendable {
    private let waiting = NIOLockedValueBox<[CarrierReport]>([])
    /// One element whenever reports were added since the lane last looked.
    let signals: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation

    init() {
        (signals, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func add(_ report: CarrierReport) {
        waiting.withLockedValue { $0.append(report) }
        signal.yield()
    }

    /// Up to `limit` reports, oldest first, taken off the lane.
    func take(upTo limit: Int) -> [CarrierReport] {
        waiting.withLockedValue { waiting in
            let taken = Array(waiting.prefix(limit))
            waiting.removeFirst(taken.count)
            return taken
        }
    }

    /// No more reports will come; the lane's loop ends once it has taken what is left.
    func finish() { signal.finish() }
}
