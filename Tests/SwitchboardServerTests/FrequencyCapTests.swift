import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardSite
import Testing

@testable import SwitchboardServer

/// Per-recipient frequency caps (USE-2): 1 a minute, 5 an hour, 10 a day per account and
/// number by default; a refused send is 429 `frequency_limited` with `Retry-After`, costs nothing
/// and takes no slot.
@Suite("Sending: frequency caps")
struct FrequencyCapTests {
    static let number = "+8613900000300"

    @Test("USE-2 a second send to one number within a minute is 429 frequency_limited with Retry-After; a minute after the first it goes")
    func perMinute() async throws {
        try await withAPI { api in
            let developer = try await api.sender("minute@example.com")
            #expect(try await api.sms(developer, to: Self.number).status == .created)
            api.server.clock.advance(seconds: 20)
            let limited = try await api.sms(developer, to: Self.number)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorCode == "frequency_limited")
            #expect(limited.isErrorShape)
            #expect(limited.headers[.retryAfter] == "40")
            #expect(limited.errorMessage?.contains("minute") == true, "\(limited)")
            #expect(try await api.balance(developer) == "9.9550", "the refused send cost nothing")

            #expect(try await api.sms(developer, to: "+8613900000301").status == .created, "another number is not capped")
            let other = try await api.sender("other@example.com")
            #expect(try await api.sms(other, to: Self.number).status == .created, "another account is not capped")

            api.server.clock.advance(seconds: 39)
            #expect(try await api.sms(developer, to: Self.number).status == .tooManyRequests, "59 s after the first")
            api.server.clock.advance(seconds: 1)
            let allowed = try await api.sms(developer, to: Self.number)
            #expect(allowed.status == .created, "60 s after the first, it left the window: \(allowed)")
            #expect(try await api.balance(developer) == "9.8650")
        }
    }

    @Test("USE-2 the sixth send to one number within an hour is 429 naming the hour, until the first leaves the window")
    func perHour() async throws {
        try await withAPI { api in
            let developer = try await api.sender("hour@example.com")
            for index in 0..<5 {
                let answer = try await api.sms(developer, to: Self.number, body: "message \(index)")
                #expect(answer.status == .created, "send \(index): \(answer)")
                api.server.clock.advance(seconds: 60)
            }
            let limited = try await api.sms(developer, to: Self.number)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorCode == "frequency_limited")
            #expect(limited.errorMessage?.contains("hour") == true, "\(limited)")
            #expect(limited.headers[.retryAfter] == "3300", "the first send, 300 s ago, leaves the hour in 3300 s")
            api.server.clock.advance(seconds: 3299)
            #expect(try await api.sms(developer, to: Self.number).status == .tooManyRequests)
            api.server.clock.advance(seconds: 1)
            #expect(try await api.sms(developer, to: Self.number).status == .created)
            #expect(try await api.ledger(developer).filter { $0.kind == .charge }.count == 6)
        }
    }

    @Test("USE-2 the eleventh send to one number within a day is 429 naming the day, until the first leaves the window")
    func perDay() async throws {
        try await withAPI { api in
            let developer = try await api.sender("day@example.com")
            for index in 0..<10 {
                let answer = try await api.sms(developer, to: Self.number, body: "message \(index)")
                #expect(answer.status == .created, "send \(index): \(answer)")
                api.server.clock.advance(seconds: 2 * 3600)
            }
            let limited = try await api.sms(developer, to: Self.number)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.errorMessage?.contains("day") == true, "\(limited)")
            #expect(limited.headers[.retryAfter] == "\(4 * 3600)")
            api.server.clock.advance(seconds: 4 * 3600)
            #expect(try await api.sms(developer, to: Self.number).status == .created)
        }
    }

    @Test("USE-2 calls share the caps with SMS to the same number")
    func callsShareTheCaps() async throws {
        try await withAPI { api in
            let developer = try await api.sender("shared@example.com", capabilities: ["sms", "voice"])
            #expect(try await api.sms(developer, to: Self.number).status == .created)
            let call = try await api.call(developer, to: Self.number)
            #expect(call.status == .tooManyRequests, "\(call)")
            #expect(call.errorCode == "frequency_limited")
            #expect(try await api.balance(developer) == "9.9550")
        }
    }

    @Test("USE-2 the caps are configurable: with 3 a minute, the fourth within the minute is refused")
    func configurableCaps() async throws {
        try await withAPI(configure: { $0.frequencyCaps = .init(perMinute: 3, perHour: 50, perDay: 100) }) { api in
            let developer = try await api.sender("config@example.com")
            for _ in 0..<3 { #expect(try await api.sms(developer, to: Self.number).status == .created) }
            #expect(try await api.sms(developer, to: Self.number).status == .tooManyRequests)
        }
    }

    @Test("USE-2 racing sends to one number: exactly one passes the minute cap, the others are 429 and cost nothing")
    func racingSendsToOneNumber() async throws {
        try await withAPI { api in
            let developer = try await api.sender("racecap@example.com")
            let codes = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<8 {
                    group.addTask { try await api.sms(developer, to: Self.number, body: "race \(index)").status.code }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(codes.sorted() == [201] + Array(repeating: 429, count: 7), "\(codes)")
            #expect(try await api.balance(developer) == "9.9550")
        }
    }

    @Test("USE-2 a send refused for its balance takes no slot: after a top-up the same number can be sent to at once")
    func refusedSendTakesNoSlot() async throws {
        try await withAPI { api in
            let developer = try await api.sender("slot@example.com", topUp: nil)
            #expect(try await api.sms(developer, to: Self.number).status.code == 402)
            _ = try await api.topUp(developer.id, amount: "1.00", reference: "slot-top-up")
            #expect(try await api.sms(developer, to: Self.number).status == .created)
        }
    }

    @Test("USE-2 the caps hold across a restart: the next server counts the sends the last one accepted")
    func capsSurviveRestart() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-caps-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let clock = TestClock(Moments.standard)
        let made = TestLocked<Developer?>(nil)
        let first = try await TestServer.open(root: root, clock: clock)
        do {
            try await first.test { api in
                let developer = try await api.sender("restartcap@example.com")
                #expect(try await api.sms(developer, to: Self.number).status == .created)
                made.withLock { $0 = developer }
            }
        } catch {
            try? await first.store.close()
            throw error
        }
        try await first.store.close()

        clock.advance(seconds: 30)
        let second = try await TestServer.open(root: root, clock: clock)
        do {
            try await second.test { api in
                let developer = try #require(made.withLock { $0 })
                let limited = try await api.sms(developer, to: Self.number)
                #expect(limited.status == .tooManyRequests, "\(limited)")
                #expect(limited.headers[.retryAfter] == "30")
            }
        } catch {
            try? await second.store.close()
            throw error
        }
        try await second.store.close()
    }
}
