import Foundation
import Hummingbird
import SwitchboardCore

/// `GET /v1/stats?from&to&granularity=day|month&service=`: counts by status, segments, minutes
/// and spend, per day or month in the site's time zone (PLAT-2).
struct StatsRoutes {
    let platform: Platform

    /// The longest range one request may cover.
    static let maximumDays: Int64 = 400

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("stats", use: show)
    }

    struct StatsView: Encodable {
        let from: Timestamp
        let to: Timestamp
        let granularity: SendStatistics.Period
        let currency: String
        let buckets: [SendStatistics.Bucket]
        let total: SendStatistics.Bucket
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developer()
        let query = request.uri.queryParameters
        let now = platform.now()
        let to = try moment(query.get("to"), field: "to") ?? now
        let from = try moment(query.get("from"), field: "from") ?? to.adding(seconds: -30 * 86_400)
        guard from < to, to.millisecondsSince1970 - from.millisecondsSince1970 <= Self.maximumDays * 86_400_000 else {
            throw APIError.invalidField("from", "'from' must be before 'to', at most \(Self.maximumDays) days apart.")
        }
        let granularity =
            try query.get("granularity").map { (text: String) -> SendStatistics.Period in
                guard let period = SendStatistics.Period(rawValue: text) else {
                    throw APIError.invalidField("granularity", "'granularity' must be 'day' or 'month'.")
                }
                return period
            } ?? .day
        let service = query.get("service")
        var sends: [Send] = []
        var entries: [LedgerEntry] = []
        // Refunds of these sends may come later than `to` (a call settled next month): the
        // ledger is read up to now.
        var month = from.month
        while month <= max(to.month, now.month) {
            if month <= to.month { sends += try await platform.store.sends(accountId: account.id, month: month) }
            entries += try await platform.store.ledgerEntries(accountId: account.id, month: month)
            month = month.next
        }
        let site = await platform.site()
        let statistics = SendStatistics(
            sends: sends, entries: entries, from: from, to: to, period: granularity, timeZone: site.timeZone, service: service)
        return try JSONResponse.response(
            .ok,
            StatsView(
                from: from, to: to, granularity: granularity, currency: await platform.currency(), buckets: statistics.buckets,
                total: statistics.total))
    }

    private func moment(_ text: String?, field: String) throws -> Timestamp? {
        guard let text else { return nil }
        guard let moment = Timestamp(text) else {
            throw APIError.invalidField(field, "'\(field)' must be a UTC time such as 2026-11-01T00:00:00.000Z.")
        }
        return moment
    }
}
