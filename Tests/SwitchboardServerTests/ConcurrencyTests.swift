import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardStore
import Testing

@testable import SwitchboardServer

/// Requests that race: retries sent at once, an operator clicking twice. The answers must be the
/// ones a single request would get, and money must move once.
@Suite("Concurrent requests")
struct ConcurrencyTests {
    @Test("BILL-2 two top-ups with the same reference at once credit the balance once")
    func concurrentTopUps() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            async let first = api.topUp(developer.id, amount: "50", reference: "same-payment")
            async let second = api.topUp(developer.id, amount: "50", reference: "same-payment")
            let answers = try await [first, second]
            #expect(Set(answers.map(\.status.code)) == [200, 201])
            #expect(answers[0].string("id") == answers[1].string("id"))
            #expect(try await api.operatorBalance(developer.id) == "50.0000")
        }
    }

    @Test("Two registrations with the same e-mail at once open one account; the other is 409 email_taken")
    func concurrentRegistrations() async throws {
        try await withAPI { api in
            async let first = api.post("/v1/accounts", api.registration(email: "ada@example.com"))
            async let second = api.post("/v1/accounts", api.registration(email: "ADA@example.com"))
            let answers = try await [first, second]
            #expect(answers.map(\.status.code).sorted() == [201, 409])
            #expect(try await api.server.store.allAccounts().count == 1)
        }
    }

    @Test("TERM-1 PKG-2 terminate requests sent at once pay the balance out once: one 200, the others 409, balance 0")
    func concurrentTerminations() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.topUp(developer.id, amount: "100", reference: "r1")
            let codes = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<5 {
                    group.addTask { try await api.admin(.post, "/v1/admin/accounts/\(developer.id)/terminate").status.code }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(codes.sorted() == [200, 409, 409, 409, 409], "\(codes)")
            let ledger = try await api.server.store.ledgerEntries(accountId: developer.id, month: Timestamp(api.server.clock.now).month)
            #expect(ledger.filter { $0.kind == .terminationRefund }.count == 1)
            #expect(try await api.server.store.balance(accountId: developer.id) == .zero)
        }
    }

    @Test("Idempotency-Key: identical retries sent at once with the same key all get the first answer and apply once")
    func concurrentIdempotentRetries() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let body = Data(#"{"capability":"sms","acceptTerms":"2.0"}"#.utf8)
            let answers = try await withThrowingTaskGroup(of: Answer.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await api.send(
                            .post, "/v1/account/capabilities", raw: body, token: developer.session, headers: [.idempotencyKey: "race"])
                    }
                }
                return try await group.reduce(into: [Answer]()) { $0.append($1) }
            }
            #expect(answers.map(\.status.code) == Array(repeating: 201, count: 6), "\(answers)")
            #expect(Set(answers.map(\.body)).count == 1)
            #expect(try await api.server.storedAccount(developer.id).capabilities.count == 1)
        }
    }

    @Test("ACCT-4 wrong passwords sent in parallel are throttled too: at most 5 are checked, the rest are 429")
    func concurrentFailedLogins() async throws {
        try await withAPI { api in
            try await api.register(email: "ada@example.com")
            let codes = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<15 {
                    group.addTask {
                        try await api.post("/v1/sessions", ["email": "ada@example.com", "password": "wrong password \(index)"]).status.code
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(codes.filter { $0 == 401 }.count <= 5, "\(codes.sorted())")
            #expect(codes.filter { $0 == 429 }.count >= 10)
        }
    }
}
