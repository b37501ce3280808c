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
            return earliestWindowStart(publishedAt: published)
        }
    }

    /// A window on day `d` at time `t` may be announced until the working day before `d` at `t`.
    /// So the first day whose previous working day is the publication day opens at the
    /// publication's time of day, and a day whose previous working day is later opens at 00:00.
    private func earliestWindowStart(publishedAt published: Date) -> Date {
        let days = calendar.time.calendar
        let publishedDay = days.startOfDay(for: published)
        let timeOfDay = published.timeIntervalSince(publishedDay)
        var day = publishedDay
        while true {
            day = days.date(byAdding: .day, value: 1, to: day) ?? day.addingTimeInterval(86_400)
            let previousWorkingDay = days.startOfDay(for: calendar.subtractingWorkingDays(1, from: day))
            if previousWorkingDay == publishedDay {
                return days.date(byAdding: .second, value: Int(timeOfDay), to: day) ?? day
            }
            if previousWorkingDay > publishedDay { return day }
        }
    }
}
