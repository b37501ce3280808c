import Foundation
import Testing

@testable import SwitchboardServer

@Suite("Login throttling")
struct LoginThrottleTests {
    @Test("ACCT-4 after the account's limit of attempts, further attempts are 429 with Retry-After")
    func perAccount() async throws {
        let throttle = LoginThrottle(perAccount: 3, perAddress: 100, window: .seconds(60))
        for _ in 0..<3 { try await throttle.begin(email: "A@example.com", address: "192.0.2.1") }
        do {
            try await throttle.begin(email: "a@example.com", address: "192.0.2.9")
            Issue.record("a fourth attempt was let through")
        } catch let error as APIError {
            #expect(error.status == .tooManyRequests)
            #expect(Int(error.headers[.retryAfter] ?? "") ?? 0 >= 1)
        }
        // Another account from the same address is not affected.
        try await throttle.begin(email: "b@example.com", address: "192.0.2.1")
    }

    @Test("ACCT-4 one address trying many accounts is limited too")
    func perAddress() async throws {
        let throttle = LoginThrottle(perAccount: 100, perAddress: 4, window: .seconds(60))
        for index in 0..<4 { try await throttle.begin(email: "user\(index)@example.com", address: "198.51.100.7") }
        await #expect(throws: APIError.self) { try await throttle.begin(email: "new@example.com", address: "198.51.100.7") }
        try await throttle.begin(email: "new@example.com", address: "198.51.100.8")
    }

    @Test("A success clears the account's attempts and takes its own back from the address")
    func success() async throws {
        let throttle = LoginThrottle(perAccount: 2, perAddress: 2, window: .seconds(60))
        try await throttle.begin(email: "a@example.com", address: "x")
        try await throttle.begin(email: "a@example.com", address: "x")
        await throttle.succeeded(email: "a@example.com", address: "x")
        try await throttle.begin(email: "a@example.com", address: "x")
    }

    @Test("Attempts older than the window no longer count")
    func window() async throws {
        let throttle = LoginThrottle(perAccount: 2, perAddress: 100, window: .milliseconds(200))
        try await throttle.begin(email: "c@example.com", address: "y")
        try await throttle.begin(email: "c@example.com", address: "y")
        try await Task.sleep(for: .milliseconds(300))
        try await throttle.begin(email: "c@example.com", address: "y")
    }
}
