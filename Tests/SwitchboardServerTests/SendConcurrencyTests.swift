import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardSite
import Testing

@testable import SwitchboardServer

/// Sends that race: many at once for the last cent of a balance, and retries of one request
/// with one `Idempotency-Key`. Money must move exactly as often as a send is accepted.
@Suite("Sending: concurrent requests")
struct SendConcurrencyTests {
    @Test(
        "BILL-2 sends racing for the last cent: exactly the affordable number succeed, the rest are 402, the balance never goes negative",
        arguments: [("0.20", 12), ("1.00", 30), ("0.05", 8)])
    func raceForTheLastCent(topUp: String, attempts: Int) async throws {
        // 0.0450 a segment: 4, 22 and 1 sends are affordable.
        let affordable = Int(Money(topUp)!.microUnits / Money("0.0450")!.microUnits)
        try await withAPI { api in
            let developer = try await api.sender("race@example.com", topUp: topUp)
            let answers = try await withThrowingTaskGroup(of: Answer.self) { group in
                for index in 0..<attempts {
                    group.addTask { try await api.sms(developer, to: "+86139000\(String(format: "%05d", index))", body: "race \(index)") }
                }
                return try await group.reduce(into: [Answer]()) { $0.append($1) }
            }
            let codes = answers.map(\.status.code)
            #expect(codes.filter { $0 == 201 }.count == affordable, "\(codes.sorted())")
            #expect(codes.filter { $0 == 402 }.count == attempts - affordable, "\(codes.sorted())")
            #expect(answers.filter { $0.status.code == 402 }.allSatisfy { $0.errorCode == "insufficient_balance" })

            let charged = answers.filter { $0.status == .created }.compactMap { $0.string("price").flatMap { Money($0) } }
                .reduce(Money.zero, +)
            let balance = try await api.server.store.balance(accountId: developer.id)
            #expect(balance >= .zero)
            #expect(balance == Money(topUp)! - charged)
            #expect(try await api.balance(developer) == balance.formatted())
            let ledger = try await api.ledger(developer)
            #expect(ledger.filter { $0.kind == .charge }.count == affordable)
            #expect(ledger.reduce(Money.zero) { $0 + $1.amount } == balance, "the ledger sums to the balance")
            #expect(try await api.storedSends(developer).count == affordable, "refused sends are not recorded")
        }
    }

    @Test("BILL-2 SMS and calls racing for one balance never take it below zero")
    func mixedRace() async throws {
        try await withAPI { api in
            let developer = try await api.sender("mixed@example.com", capabilities: ["sms", "voice"], topUp: "0.50")
            let answers = try await withThrowingTaskGroup(of: Answer.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        let to = "+86137000\(String(format: "%05d", index))"
                        return index.isMultiple(of: 2)
                            ? try await api.call(developer, to: to, minutes: 1) : try await api.sms(developer, to: to, body: "mixed")
                    }
                }
                return try await group.reduce(into: [Answer]()) { $0.append($1) }
            }
            #expect(answers.allSatisfy { [201, 402].contains($0.status.code) }, "\(answers)")
            let charged = answers.filter { $0.status == .created }.compactMap { $0.string("price").flatMap { Money($0) } }
                .reduce(Money.zero, +)
            let balance = try await api.server.store.balance(accountId: developer.id)
            #expect(balance >= .zero)
            #expect(balance == Money("0.50")! - charged)
            #expect(balance < Money("0.1000")!, "refusals only once even the cheapest send no longer fits, or all were affordable")
        }
    }

    @Test(
        "Idempotency-Key: identical sends at once with one key make one send and one charge; every answer is the first",
        arguments: ["sms", "calls"])
    func concurrentRetries(_ route: String) async throws {
        try await withAPI { api in
            let developer = try await api.sender("retry@example.com", capabilities: ["sms", "voice"])
            for round in 0..<20 {
                let to = "+86139000002\(String(format: "%02d", round))"
                let answers = try await withThrowingTaskGroup(of: Answer.self) { group in
                    for _ in 0..<12 {
                        group.addTask {
                            let body: [String: Any] = route == "sms" ? ["to": to, "body": "once only"] : ["to": to, "tts": "once only"]
                            return try await api.post(
                                "/v1/\(route)", body, token: developer.key, headers: [HTTPField.Name("Idempotency-Key")!: "retry-\(round)"])
                        }
                    }
                    return try await group.reduce(into: [Answer]()) { $0.append($1) }
                }
                #expect(answers.map(\.status.code) == Array(repeating: 201, count: 12), "round \(round): \(answers.map(\.description))")
                #expect(Set(answers.filter { $0.status == .created }.map(\.body)).count == 1, "all answers equal")
            }
            #expect(try await api.storedSends(developer).count == 20, "one send per key")
            #expect(try await api.ledger(developer).filter { $0.kind == .charge }.count == 20, "one charge per key")
            #expect(try await api.balance(developer) == (route == "sms" ? "9.1000" : "8.0000"))
        }
    }

    @Test("Idempotency-Key: a later retry gets the first answer byte for byte, marked replayed, and charges nothing")
    func sequentialRetry() async throws {
        try await withAPI { api in
            let developer = try await api.sender("replay@example.com", capabilities: ["sms", "voice"])
            let first = try await api.sms(developer, to: "+8613900000210", body: "hello", key: "k-1")
            #expect(first.status == .created)
            api.server.clock.advance(seconds: 5)
            let again = try await api.sms(developer, to: "+8613900000210", body: "hello", key: "k-1")
            #expect(again.status == .created, "a replay, not a frequency_limited refusal: \(again)")
            #expect(again.body == first.body)
            #expect(again.headers[.location] == first.headers[.location], "the first answer, Location included")
            #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(try await api.storedSends(developer).count == 1)
            #expect(try await api.balance(developer) == "9.9550")

            let call = try await api.post(
                "/v1/calls", ["to": "+8613900000211", "tts": "hi", "estimatedMinutes": 2], token: developer.key,
                headers: [HTTPField.Name("Idempotency-Key")!: "k-call"])
            let callAgain = try await api.post(
                "/v1/calls", ["tts": "hi", "estimatedMinutes": 2, "to": "+8613900000211"], token: developer.key,
                headers: [HTTPField.Name("Idempotency-Key")!: "k-call"])
            #expect(call.status == .created)
            #expect(callAgain.body == call.body, "the same fields in another order are the same request")
            #expect(try await api.balance(developer) == "9.7550")
        }
    }

    @Test("Idempotency-Key reused with a different body is 422 idempotency_key_reused and sends nothing")
    func keyReusedWithAnotherBody() async throws {
        try await withAPI { api in
            let developer = try await api.sender("reuse@example.com", capabilities: ["sms", "voice"])
            #expect(try await api.sms(developer, to: "+8613900000220", body: "first", key: "k-2").status == .created)
            let other = try await api.sms(developer, to: "+8613900000221", body: "second", key: "k-2")
            #expect(other.status == .unprocessableContent)
            #expect(other.errorCode == "idempotency_key_reused")
            let onCalls = try await api.post(
                "/v1/calls", ["to": "+8613900000222", "tts": "x"], token: developer.key,
                headers: [HTTPField.Name("Idempotency-Key")!: "k-2"])
            #expect(onCalls.status == .unprocessableContent, "the same key on another route is another request: \(onCalls)")
            #expect(onCalls.errorCode == "idempotency_key_reused")
            #expect(try await api.storedSends(developer).count == 1)
            #expect(try await api.balance(developer) == "9.9550")
        }
    }

    @Test("Idempotency-Key: a refused send is not stored, so a retry with the same key runs again once the balance allows")
    func refusedSendIsNotReplayed() async throws {
        try await withAPI { api in
            let developer = try await api.sender("refused@example.com", topUp: nil)
            let refused = try await api.sms(developer, to: "+8613900000230", body: "pay first", key: "k-3")
            #expect(refused.status.code == 402)
            _ = try await api.topUp(developer.id, amount: "1.00", reference: "late-top-up")
            let retried = try await api.sms(developer, to: "+8613900000230", body: "pay first", key: "k-3")
            #expect(retried.status == .created, "\(retried)")
            #expect(try await api.balance(developer) == "0.9550")
        }
    }
}
