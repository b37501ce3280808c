import Foundation

extension NoticePeriod {
    /// The earliest lawful moment a notice published at `published` may announce: its
    /// effective moment, or for maintenance the earliest window start (one working day later).
    public func earliestLawful(kind: NoticeKind, published: Date) -> Date? {
        switch kind {
        case .priceChange, .agreementUpdate: return earliestEffective(sevenDaysAfter: published)
        case .featureChange: return earliestEffective(oneMonthAfter: published)
        case .general: return nil
        case .maintenance:
            var start = calendar.time.calendar.date(byAdding: .day, value: 1, to: published) ?? published
            while latestPublication(forWindowStarting: start) < published {
                start = calendar.time.calendar.date(byAdding: .day, value: 1, to: start) ?? start
            }
            return start
        }
    }
}
