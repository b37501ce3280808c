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
}
