import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardSite
import Testing

@testable import SwitchboardServer

/// `GET /v1/stats` (PLAT-2): per local day or month and service, the sends by status, the
/// segments, the minutes of completed calls and the spend net of refunds.
@Suite("Statistics")
struct StatsTests {
    static let range = "from=2026-12-01T00:00:00.000Z&to=2026-12-05T00:00:00.000Z"

    static func bucket(_ answer: Answer, _ period: String, _ service: String) -> [String: Any]? {
        (answer["buckets"] as? [[String: Any]])?.first { $0["period"] as? String == period && $0["service"] as? String == service }
    }

    /// Two days of sends: on 2 December (Shanghai) a delivered SMS, a 2-segment SMS still
    /// queued, a failed SMS and a call of 61 s; on 3 December one more SMS.
    static func twoDays(_ api: API) async throws -> Developer {
        let developer = try await api.sender("stats@example.com", capabilities: ["sms", "voice"])
        let desk = CarrierDesk(platform: api.server.platform, logger: TestServer.quietLogger)
        let now = Timestamp(api.server.clock.now)
        let delivered = try #require(try await api.sms(developer, to: "+8613900000800").string("id"))
        try await desk.handle(.status(sendId: delivered, change: StatusChange(status: .sent, at: now)))
        try await desk.handle(.status(sendId: delivered, change: StatusChange(status: .delivered, at: now)))
        _ = try await api.sms(developer, to: "+8613900000801", body: String(repeating: "s", count: 200))
        let failed = try #require(try await api.sms(developer, to: "+8613900000802").string("id"))
        try await desk.handle(.status(sendId: failed, change: StatusChange(status: .failed, at: now)))
        let call = try #require(try await api.call(developer, to: "+8613900000803", minutes: 3).string("id"))
        for status in [SendStatus.ringing, .inProgress] {
            try await desk.handle(.status(sendId: call, change: StatusChange(status: status, at: now)))
        }
        try await desk.handle(.status(sendId: call, change: StatusChange(status: .completed, at: now, durationSeconds: 61)))
        api.server.clock.advance(seconds: 86_400)
        _ = try await api.sms(developer, to: "+8613900000800")
        return developer
    }

    @Test("PLAT-2 by day: counts by status, segments, minutes and spend per local day and service, and the total")
    func byDay() async throws {
        try await withAPI { api in
            let developer = try await Self.twoDays(api)
            let stats = try await api.get("/v1/stats?\(Self.range)&granularity=day", token: developer.key)
            #expect(stats.status == .ok, "\(stats)")
            #expect(stats.string("granularity") == "day")
            #expect(stats.string("currency") == "CNY")
            #expect((stats["buckets"] as? [Any])?.count == 3, "\(stats)")

            let sms = try #require(Self.bucket(stats, "2026-12-02", "sms-cn"), "\(stats)")
            #expect(sms["sends"] as? Int == 3)
            #expect(sms["statuses"] as? [String: Int] == ["delivered": 1, "queued": 1, "failed": 1])
            #expect(sms["segments"] as? Int == 4)
            #expect(sms["spend"] as? String == "0.1350", "the failed SMS was refunded")
            let voice = try #require(Self.bucket(stats, "2026-12-02", "voice-cn"))
            #expect(voice["sends"] as? Int == 1)
            #expect(voice["statuses"] as? [String: Int] == ["completed": 1])
            #expect(voice["minutes"] as? Int == 2, "61 s")
            #expect(voice["spend"] as? String == "0.2000")
            let nextDay = try #require(Self.bucket(stats, "2026-12-03", "sms-cn"))
            #expect(nextDay["sends"] as? Int == 1)
            #expect(nextDay["spend"] as? String == "0.0450")

            let total = stats.object("total")
            #expect(total["sends"] as? Int == 5)
            #expect(total["segments"] as? Int == 5)
            #expect(total["minutes"] as? Int == 2)
            #expect(total["spend"] as? String == "0.3800")
            #expect(try await api.balance(developer) == "9.6200", "the spend is what left the balance")
        }
    }

    @Test("PLAT-2 by month, and for one service")
    func byMonthAndService() async throws {
        try await withAPI { api in
            let developer = try await Self.twoDays(api)
            let stats = try await api.get("/v1/stats?\(Self.range)&granularity=month", token: developer.key)
            #expect(stats.status == .ok)
            #expect((stats["buckets"] as? [Any])?.count == 2)
            #expect(Self.bucket(stats, "2026-12", "sms-cn")?["sends"] as? Int == 4)
            #expect(Self.bucket(stats, "2026-12", "voice-cn")?["minutes"] as? Int == 2)

            let voice = try await api.get("/v1/stats?\(Self.range)&service=voice-cn", token: developer.key)
            #expect((voice["buckets"] as? [[String: Any]])?.map { $0["service"] as? String } == ["voice-cn"])
            #expect(voice.object("total")["spend"] as? String == "0.2000")
        }
    }

    @Test("PLAT-2 without a range: the last 30 days up to now")
    func defaultRange() async throws {
        try await withAPI { api in
            let developer = try await Self.twoDays(api)
            api.server.clock.advance(seconds: 1)
            let stats = try await api.get("/v1/stats", token: developer.key)
            #expect(stats.status == .ok, "\(stats)")
            #expect(stats.object("total")["sends"] as? Int == 5, "\(stats)")
            api.server.clock.advance(seconds: 31 * 86_400)
            let later = try await api.get("/v1/stats", token: developer.key)
            #expect(later.object("total")["sends"] as? Int == 0, "30 days later the sends are out of the default range")
        }
    }

    @Test(
        "PLAT-2 a bad granularity, a bad or late 'from', or a range over 400 days is 400",
        arguments: [
            "granularity=week", "granularity=", "from=yesterday", "from=2026-12-05T00:00:00.000Z&to=2026-12-01T00:00:00.000Z",
            "from=2025-01-01T00:00:00.000Z&to=2026-12-01T00:00:00.000Z", "to=soon",
        ])
    func badQuery(_ query: String) async throws {
        try await withAPI { api in
            let developer = try await api.sender("badstats@example.com")
            let answer = try await api.get("/v1/stats?\(query)", token: developer.key)
            #expect(answer.status == .badRequest, "\(answer)")
            #expect(answer.isErrorShape)
        }
    }

    @Test("PLAT-2 a refund made in the next month still lowers the spend of the day the send was made, whatever 'to' is")
    func refundInTheNextMonth() async throws {
        try await withAPI(at: Moments.parse("2026-12-31T15:00:00Z")) { api in
            let developer = try await api.sender("newyear@example.com")
            let id = try #require(try await api.sms(developer, to: "+8613900000820").string("id"))
            api.server.clock.set(Moments.parse("2027-01-01T00:00:01Z"))
            let desk = CarrierDesk(platform: api.server.platform, logger: TestServer.quietLogger)
            try await desk.handle(.status(sendId: id, change: StatusChange(status: .failed, at: Timestamp(api.server.clock.now))))
            #expect(try await api.balance(developer) == "10.0000", "refunded in January")

            for to in ["2026-12-31T23:00:00.000Z", "2027-01-01T00:00:00.000Z", "2027-01-02T00:00:00.000Z"] {
                let stats = try await api.get("/v1/stats?from=2026-12-31T00:00:00.000Z&to=\(to)", token: developer.key)
                #expect(stats.status == .ok)
                let bucket = Self.bucket(stats, "2026-12-31", "sms-cn")
                #expect(bucket?["statuses"] as? [String: Int] == ["failed": 1], "to=\(to): \(stats)")
                #expect(bucket?["spend"] as? String == "0.0000", "to=\(to): the failed send was refunded in full")
            }
        }
    }
}
