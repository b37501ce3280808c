import Foundation

/// A clock the tests set and move: the platform and the store read it instead of the system's.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var moment: Date

    init(_ moment: Date) { self.moment = moment }

    var now: Date { lock.withLock { moment } }

    func set(_ date: Date) { lock.withLock { moment = date } }

    func advance(seconds: TimeInterval) { lock.withLock { moment += seconds } }
}

/// Moments the fixture site (`Tests/Fixtures/site`) gives a known meaning.
enum Moments {
    static func parse(_ text: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: text) else { fatalError("not an ISO 8601 moment: \(text)") }
        return date
    }

    /// Agreement 2.0 in effect (since 2026-12-01 in Shanghai), the January prices in effect and
    /// the December sheet announced as upcoming, no maintenance window under way.
    static let standard = parse("2026-12-02T00:00:00+08:00")

    /// Agreement 1.0 in effect; 2.0 published on 20 November and upcoming (effective 1 December).
    static let beforeAgreement2 = parse("2026-11-25T12:00:00+08:00")

    /// The moment agreement 2.0 takes effect (midnight of 2026-12-01 in the site's time zone).
    static let agreement2Effective = parse("2026-12-01T00:00:00+08:00")
}
