import Foundation

/// The notice periods the agreement promises, as pure checks over moments.
///
/// Each check answers `nil` when the notice is lawful, or the earliest lawful effective moment
/// (or latest lawful publication) so that the error can say what would have been right.
public struct NoticePeriod: Sendable {
    public let calendar: WorkingCalendar

    public init(calendar: WorkingCalendar) { self.calendar = calendar }

    /// PRICE-2 and AGR-2: a change takes effect no sooner than 7 days after it was published.
    public func earliestEffective(sevenDaysAfter published: Date) -> Date {
        calendar.time.calendar.date(byAdding: .day, value: 7, to: published) ?? published
    }

    /// PLAT-4: a function change takes effect no sooner than one calendar month after publication.
    public func earliestEffective(oneMonthAfter published: Date) -> Date {
        calendar.time.calendar.date(byAdding: .month, value: 1, to: published) ?? published
    }

    /// PLAT-1: maintenance is announced no later than one working day before the window opens.
    public func latestPublication(forWindowStarting start: Date) -> Date {
        calendar.subtractingWorkingDays(1, from: start)
    }

    /// The rule a notice of this kind must satisfy, or `nil` when it has none.
    public func violation(
        kind: NoticeKind, published: Date, effective: Date?, windowStart: Date?
    ) -> Violation? {
        switch kind {
        case .priceChange, .agreementUpdate:
            guard let effective else { return nil }
            let earliest = earliestEffective(sevenDaysAfter: published)
            let rule = kind == .priceChange ? "PRICE-2" : "AGR-2"
            return effective < earliest
                ? Violation(rule: rule, requirement: "at least 7 days after it is published", boundary: earliest)
                : nil
        case .featureChange:
            guard let effective else { return nil }
            let earliest = earliestEffective(oneMonthAfter: published)
            return effective < earliest
                ? Violation(rule: "PLAT-4", requirement: "at least one calendar month after it is published", boundary: earliest)
                : nil
        case .maintenance:
            guard let windowStart else { return nil }
            let latest = latestPublication(forWindowStarting: windowStart)
            return published > latest
                ? Violation(rule: "PLAT-1", requirement: "published at least one working day before the window starts", boundary: latest)
                : nil
        case .general:
            return nil
        }
    }

    /// A broken notice period: which rule, what it requires, and the lawful boundary moment.
    public struct Violation: Sendable, Equatable {
        public let rule: String
        public let requirement: String
        public let boundary: Date
    }
}
