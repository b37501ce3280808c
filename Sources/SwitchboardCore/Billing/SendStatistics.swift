import Foundation

/// Statistics of an account's sends (PLAT-2): per local day or month and per service, how many
/// sends ended in each status, the segments and minutes billed, and the spend (charges net of
/// refunds), exactly.
///
/// A send counts in the period of its `createdAt`, in `timeZone`; its spend is that of the
/// ledger entries naming it, whenever they were made, so a refund lowers the day the send was
/// made. The service of a send is that of its entries, else the route of its number.
public struct SendStatistics: Sendable, Hashable {
    /// The length of a period.
    public enum Period: String, Sendable, Codable {
        case day
        case month
    }

    /// One period and service.
    public struct Bucket: Sendable, Hashable, Codable {
        /// `2026-11-27` for a day, `2026-11` for a month, local to the time zone.
        public var period: String
        public var service: String
        public var sends: Int
        /// Sends by current status (`SendStatus.rawValue`).
        public var statuses: [String: Int]
        /// SMS segments of the sends.
        public var segments: Int
        /// Started minutes of completed calls.
        public var minutes: Int
        /// Money charged net of refunds, positive.
        public var spend: Money
    }

    /// Buckets sorted by period, then service.
    public var buckets: [Bucket]

    /// The statistics of `sends` created in `from..<to`, with the `entries` naming them,
    /// grouped by `period` in `timeZone`, only `service` when given.
    public init(
        sends: [Send], entries: [LedgerEntry], from: Timestamp, to: Timestamp, period: Period, timeZone: TimeZone,
        service: String? = nil, route: ServiceRoute = ServiceRoute()
    ) {
        var serviceOfSend: [String: String] = [:]
        var spendOfSend: [String: Money] = [:]
        for entry in entries {
            guard let sendId = entry.sendId else { continue }
            if serviceOfSend[sendId] == nil, let service = entry.service { serviceOfSend[sendId] = service }
            if entry.kind == .charge || entry.kind == .refund { spendOfSend[sendId, default: .zero] -= entry.amount }
        }
        let time = SiteTime(timeZone: timeZone)
        var buckets: [String: Bucket] = [:]
        for send in sends where send.createdAt >= from && send.createdAt < to {
            let sendService =
                serviceOfSend[send.id]
                ?? (try? PhoneNumber(validating: send.to)).map { route.service(for: send.channel, to: $0) } ?? "unknown"
            if let service, service != sendService { continue }
            let local = time.local(send.createdAt.date)
            let label = period == .day ? local.dayText : "\(pad(local.year, 4))-\(pad(local.month, 2))"
            let key = label + " " + sendService
            var bucket =
                buckets[key]
                ?? Bucket(period: label, service: sendService, sends: 0, statuses: [:], segments: 0, minutes: 0, spend: .zero)
            bucket.sends += 1
            bucket.statuses[send.status.rawValue, default: 0] += 1
            switch send.channel {
            case .sms:
                bucket.segments += send.segments ?? 0
            case .call:
                if send.status == .completed {
                    let seconds = send.statusHistory.last?.durationSeconds ?? send.durationSeconds ?? 0
                    bucket.minutes += CallSettlement.billedMinutes(durationSeconds: seconds)
                }
            }
            bucket.spend += spendOfSend[send.id] ?? .zero
            buckets[key] = bucket
        }
        self.buckets = buckets.values.sorted { ($0.period, $0.service) < ($1.period, $1.service) }
    }

    /// All buckets added up: sends, statuses, segments, minutes and spend of the whole range.
    public var total: Bucket {
        var total = Bucket(period: "total", service: "all", sends: 0, statuses: [:], segments: 0, minutes: 0, spend: .zero)
        for bucket in buckets {
            total.sends += bucket.sends
            total.segments += bucket.segments
            total.minutes += bucket.minutes
            total.spend += bucket.spend
            total.statuses.merge(bucket.statuses, uniquingKeysWith: +)
        }
        return total
    }
}
