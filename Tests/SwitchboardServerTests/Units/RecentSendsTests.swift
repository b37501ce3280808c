import Foundation
import SwitchboardCore
import SwitchboardStore
import Testing

@testable import SwitchboardServer

@Suite("Frequency cap memory")
struct RecentSendsTests {
    @Test("USE-2 numbers with no send in the last day are forgotten, so the table does not grow with every number ever sent to")
    func forgetsOldNumbers() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recent-sends-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await FileStore.open(StoreConfiguration(directory: folder.path, createIfMissing: true))
        let recent = RecentSends(store: store)
        let start = Timestamp(millisecondsSince1970: 1_796_000_000_000)
        let caps = FrequencyCaps(perMinute: 1, perHour: 5, perDay: 10)
        for index in 0..<5000 {
            _ = try await recent.reserve(accountId: "acc_1", number: "+86138\(10_000_000 + index)", caps: caps, now: start)
        }
        #expect(await recent.count == 5000)
        let nextDay = start.adding(seconds: 86_401)
        for index in 0..<4096 {
            _ = try await recent.reserve(accountId: "acc_1", number: "+86139\(10_000_000 + index)", caps: caps, now: nextDay)
        }
        #expect(await recent.count <= 4096)
        // A number sent to within the day is still capped.
        let again = try await recent.reserve(accountId: "acc_1", number: "+8613910000000", caps: caps, now: nextDay.adding(seconds: 1))
        #expect(again != .allowed)
        try await store.close()
    }

    @Test("USE-2 checks racing the first load after a start wait for it: a number sent to 10 s before the start stays capped")
    func racingChecksWaitForTheLoad() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recent-sends-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await FileStore.open(StoreConfiguration(directory: folder.path, createIfMissing: true))
        let now = Timestamp(millisecondsSince1970: 1_796_000_000_000)
        let sent = now.adding(seconds: -10)
        _ = try await store.createAccount(
            Account(
                id: "acc_race", email: "race@example.com", entityType: .individual, profile: AccountProfile(displayName: "Race"),
                createdAt: sent))
        // Enough earlier sends that reading them back takes a while.
        let earlier = (0..<4000).map { index in
            Send(
                id: "sms_race\(index)", accountId: "acc_race", channel: .sms, to: "+86138\(10_000_000 + index)", body: "【Acme】hi",
                segments: 1, price: .zero, createdAt: sent, statusHistory: [StatusChange(status: .queued, at: sent)])
        }
        try await store.commit(StoreTransaction(sends: earlier))
        let recent = RecentSends(store: store)
        let caps = FrequencyCaps(perMinute: 1, perHour: 5, perDay: 10)
        let allowed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<50 {
                group.addTask {
                    try await recent.reserve(accountId: "acc_race", number: "+86138\(10_000_000 + index % 5)", caps: caps, now: now)
                        == .allowed
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(allowed == 0)
        // Each earlier send counts once: four more to the same number in the hour, not three.
        let later = now.adding(seconds: 60)
        var hourly: [FrequencyCaps.Decision] = []
        for minute in 0..<5 {
            hourly.append(
                try await recent.reserve(
                    accountId: "acc_race", number: "+8613810000399", caps: caps, now: later.adding(seconds: Int64(minute * 61))))
        }
        #expect(hourly.prefix(4).allSatisfy { $0 == .allowed })
        #expect(hourly.last != .allowed)
        try await store.close()
    }
}
