import Foundation
import Testing

@testable import SwitchboardServer

@Suite("Login throttling")
struct LoginThrottleTests {
    @Test("ACCT-4 after the account's limit of failures, further attempts are 429 with Retry-After")
    func perAccount() async throws {
        let throttle = LoginThrottle(perAccount: 3, perAddress: 100, window: .seconds(60))
        for _ in 0..<3 {
            try await throttle.check(email: "a@example.com", address: "192.0.2.1")
            await throttle.recordFailure(email: "A@example.com", address: "192.0.2.1")
        }
        await #expect(throws: APIError.self) { try await throttle.check(email: "a@example.com", address: "192.0.2.9") }
        do {
            try await throttle.check(email: "a@example.com", address: "192.0.2.9")
        } catch let error as APIError {
            #expect(error.status == .tooManyRequests)
            #expect(Int(error.headers[.retryAfter] ?? "") ?? 0 >= 1)
        }
        // Another account from the same address is not affected.
        try await throttle.check(email: "b@example.com", address: "192.0.2.1")
    }

    @Test("ACCT-4 one address trying many accounts is limited too")
    func perAddress() async throws {
        let throttle = LoginThrottle(perAccount: 100, perAddress: 4, window: .seconds(60))
        for index in 0..<4 { await throttle.recordFailure(email: "user\(index)@example.com", address: "198.51.100.7") }
        await #expect(throws: APIError.self) { try await throttle.check(email: "new@example.com", address: "198.51.100.7") }
        try await throttle.check(email: "new@example.com", address: "198.51.100.8")
    }

    @Test("A success clears the account's failures; failures older than the window no longer count")
    func clearing() async throws {
        let throttle = LoginThrottle(perAccount: 2, perAddress: 100, window: .milliseconds(200))
        await throttle.recordFailure(email: "a@example.com", address: "x")
        await throttle.recordFailure(email: "a@example.com", address: "x")
        await throttle.recordSuccess(email: "a@example.com")
        try await throttle.check(email: "a@example.com", address: "x")
        await throttle.recordFailure(email: "c@example.com", address: "y")
        await throttle.recordFailure(email: "c@example.com", address: "y")
        try await Task.sleep(for: .milliseconds(300))
        try await throttle.check(email: "c@example.com", address: "y")
    }
}
