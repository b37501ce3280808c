import Foundation
import Testing

@testable import SwitchboardCore

@Suite("SendStatistics")
struct SendStatisticsTests {
    typealias F = SendingFixtures

    func sms(_ id: String, _ at: String, _ status: SendStatus, segments: Int = 1, to: String = "+8613800138000") -> Send {
        var history = [StatusChange(status: .queued, at: .utc(at))]
        if status != .queued { history.append(StatusChange(status: status, at: .utc(at))) }
        return Send(
            id: id, accountId: "acc_1", channel: .sms, to: to, segments: segments, price: .zero, createdAt: .utc(at),
            statusHistory: history)
    }

    func call(_ id: String, _ at: String, _ status: SendStatus, seconds: Int?) -> Send {
        Send(
            id: id, accountId: "acc_1", channel: .call, to: "+8613800138000", price: .zero, createdAt: .utc(at),
            statusHistory: [
                StatusChange(status: .queued, at: .utc(at)), StatusChange(status: status, at: .utc(at), durationSeconds: seconds),
            ])
    }

    func charge(_ sendId: String, _ amount: String, _ service: String) -> LedgerEntry {
        LedgerEntry(
            id: "c-\(sendId)-\(amount)", accountId: "acc_1", at: .utc("2026-11-01T00:00:00Z"),
            kind: amount.hasPrefix("-") ? .charge : .refund, amount: F.money(amount), service: service, sendId: sendId)
    }

    var sends: [Send] {
        [
            sms("s1", "2026-11-01T15:59:59Z", .delivered, segments: 2),
            sms("s2", "2026-11-01T16:00:00Z", .failed),
            sms("s3", "2026-11-01T17:00:00Z", .delivered, to: "+14155550100"),
            call("c1", "2026-11-01T18:00:00Z", .completed, seconds: 61),
            call("c2", "2026-11-01T19:00:00Z", .busy, seconds: nil),
            sms("s4", "2026-12-01T00:00:00Z", .delivered),
        ]
    }

    var entries: [LedgerEntry] {
        [
            charge("s1", "-0.09", "sms-cn"), charge("s2", "-0.045", "sms-cn"), charge("s2", "0.045", "sms-cn"),
            charge("s3", "-0.35", "sms-intl"), charge("c1", "-0.6", "voice-cn"), charge("c1", "0.36", "voice-cn"),
        ]
    }

    @Test("PLAT-2 statistics group by local day and service, counting statuses, segments, minutes and net spend")
    func byDayAndService() throws {
        let stats = SendStatistics(
            sends: sends, entries: entries, from: .utc("2026-11-01T00:00:00Z"), to: .utc("2026-12-01T00:00:00Z"), period: .day,
            timeZone: Shanghai.zone)
        #expect(
            stats.buckets.map { "\($0.period) \($0.service)" } == [
                "2026-11-01 sms-cn", "2026-11-02 sms-cn", "2026-11-02 sms-intl", "2026-11-02 voice-cn",
            ])
        let first = stats.buckets[0]
        #expect(first.sends == 1)
        #expect(first.segments == 2)
        #expect(first.spend == F.money("0.09"))
        let sms = stats.buckets[1]
        #expect(sms.statuses == ["failed": 1])
        #expect(sms.spend == .zero)
        let voice = stats.buckets[3]
        #expect(voice.sends == 2)
        #expect(voice.minutes == 2)
        #expect(voice.statuses == ["completed": 1, "busy": 1])
        #expect(voice.spend == F.money("0.24"))
        #expect(stats.total.sends == 5)
        #expect(stats.total.spend == F.money("0.68"))
    }

    @Test("PLAT-2 statistics by month for one service, within the range only")
    func byMonthOneService() {
        let stats = SendStatistics(
            sends: sends, entries: entries, from: .utc("2026-10-01T00:00:00Z"), to: .utc("2027-01-01T00:00:00Z"), period: .month,
            timeZone: Shanghai.zone, service: "sms-cn")
        #expect(stats.buckets.map(\.period) == ["2026-11", "2026-12"])
        #expect(stats.buckets[0].sends == 2)
        #expect(stats.buckets[0].statuses == ["delivered": 1, "failed": 1])
        #expect(stats.buckets[1].sends == 1)
    }
}
