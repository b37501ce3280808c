import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardSite
import SwitchboardStore
import Testing

@testable import SwitchboardServer

/// The carrier simulator and the carrier desk (PLAT-2, BILL-2): statuses reach a final one with
/// their history in order; a failed SMS is refunded in full in the same commit; a call reserved
/// at creation is settled per started minute; unanswered calls cost nothing; sends in flight
/// when the server stops are continued by the next one.
@Suite("Carrier: statuses, refunds and settlement")
struct CarrierTests {
    static func statuses(_ answer: Answer) -> [String] {
        (answer["history"] as? [[String: Any]])?.compactMap { $0["status"] as? String } ?? []
    }

    static func moments(_ answer: Answer) -> [Timestamp] {
        (answer["history"] as? [[String: Any]])?.compactMap { ($0["at"] as? String).flatMap { Timestamp($0) } } ?? []
    }

    static func desk(_ api: API) -> CarrierDesk { CarrierDesk(platform: api.server.platform, logger: TestServer.quietLogger) }

    @Test("PLAT-2 with a seed and a few ms of delay an SMS goes queued → sent → delivered, its history in order")
    func smsDelivered() async throws {
        try await withDeskAPI(configure: TestServer.fastCarrier(deliveryRate: 1)) { api in
            let developer = try await api.sender("deliver@example.com")
            let sent = try await api.sms(developer, to: "+8613900000500")
            let id = try #require(sent.string("id"))
            let final = try await api.waitForFinal("/v1/sms/\(id)", developer)
            #expect(final.string("status") == "delivered")
            #expect(Self.statuses(final) == ["queued", "sent", "delivered"])
            let moments = Self.moments(final)
            #expect(moments.count == 3)
            #expect(moments == moments.sorted(), "times never go backwards")
            #expect(try await api.balance(developer) == "9.9550", "a delivered SMS stays charged")
            let listed = try await api.get("/v1/sms?status=delivered", token: developer.key)
            #expect(listed.list.map { $0["id"] as? String } == [id])
        }
    }

    @Test("PLAT-2 the simulator is deterministic for a seed: the same send id ends the same way on every run")
    func deterministicOutcome() async throws {
        let rates = SimulatedOutcome.Rates(deliveryRate: 0.5, failureRate: 0.2, noAnswerRate: 0.3)
        for index in 0..<20 {
            let message = CarrierMessage(
                sendId: "sms_\(index)", channel: index.isMultiple(of: 2) ? .sms : .call, to: "+8613900000501", text: "x", maximumMinutes: 3)
            #expect(SimulatedOutcome(for: message, seed: 42, rates: rates) == SimulatedOutcome(for: message, seed: 42, rates: rates))
        }
    }

    @Test("PLAT-2 the simulator reports every step of 500 sends submitted at once, each send's in order, and runs again after it went idle")
    func simulatorSchedule() async throws {
        let rates = SimulatedOutcome.Rates(deliveryRate: 0.6, failureRate: 0.2, noAnswerRate: 0.3)
        let simulator = CarrierSimulator(
            seed: 7, delay: .milliseconds(2), deliveryRate: rates.deliveryRate, failureRate: rates.failureRate,
            noAnswerRate: rates.noAnswerRate)
        let messages = (0..<500).map { index in
            CarrierMessage(
                sendId: "sms_schedule_\(index)", channel: index.isMultiple(of: 3) ? .call : .sms, to: "+8613900000520", text: "x",
                maximumMinutes: 2)
        }
        for message in messages { await simulator.submit(message, current: .queued) }
        let expected = Dictionary(
            uniqueKeysWithValues: messages.map { ($0.sendId, SimulatedOutcome(for: $0, seed: 7, rates: rates).statuses) })
        var reported: [String: [SendStatus]] = [:]
        var remaining = expected.values.reduce(0) { $0 + $1.count }
        for await report in simulator.reports {
            guard case .status(let sendId, let change) = report else { continue }
            reported[sendId, default: []].append(change.status)
            remaining -= 1
            if remaining == 0 { break }
        }
        #expect(reported == expected)

        try await Task.sleep(for: .milliseconds(20))
        let late = CarrierMessage(sendId: "sms_schedule_late", channel: .sms, to: "+8613900000521", text: "x")
        await simulator.submit(late, current: .queued)
        var lateStatuses: [SendStatus] = []
        for await report in simulator.reports {
            guard case .status(_, let change) = report else { continue }
            lateStatuses.append(change.status)
            if change.status.isFinal { break }
        }
        #expect(lateStatuses == SimulatedOutcome(for: late, seed: 7, rates: rates).statuses)
    }

    @Test(
        "BILL-2 an SMS the carrier never took (failed) is refunded in full, in the step that records it: a refund naming the send, the balance restored"
    )
    func failedSMSRefunded() async throws {
        try await withDeskAPI(configure: TestServer.fastCarrier(failureRate: 1)) { api in
            let developer = try await api.sender("failed@example.com")
            let sent = try await api.sms(developer, to: "+8613900000510", body: String(repeating: "x", count: 200))
            #expect(sent.string("price") == "0.0900")
            let id = try #require(sent.string("id"))
            let final = try await api.waitForFinal("/v1/sms/\(id)", developer)
            #expect(final.string("status") == "failed")
            #expect(Self.statuses(final) == ["queued", "failed"])
            #expect(try await api.balance(developer) == "10.0000", "the balance is whole again as soon as the status is failed")

            let ledger = try await api.ledger(developer)
            let refunds = ledger.filter { $0.kind == .refund }
            #expect(refunds.count == 1)
            let refund = try #require(refunds.first)
            #expect(refund.sendId == id)
            #expect(refund.amount == Money("0.0900"))
            #expect(refund.service == "sms-cn")
            #expect(refund.at == Self.moments(final).last, "recorded with the status change")
            #expect(ledger.reduce(Money.zero) { $0 + $1.amount } == Money("10"))
        }
    }

    @Test("BILL-2 the refund of a failed SMS is in the same commit as its status: right after the desk records it, both are there, once")
    func refundInTheSameStep() async throws {
        try await withAPI { api in
            let developer = try await api.sender("step@example.com")
            let id = try #require(try await api.sms(developer, to: "+8613900000511").string("id"))
            let desk = Self.desk(api)
            let at = Timestamp(api.server.clock.now)
            try await desk.handle(.status(sendId: id, change: StatusChange(status: .failed, at: at, detail: "carrier refused")))
            #expect(try await api.get("/v1/sms/\(id)", token: developer.key).string("status") == "failed")
            #expect(try await api.balance(developer) == "10.0000")
            try await desk.handle(.status(sendId: id, change: StatusChange(status: .failed, at: at)))
            #expect(try await api.ledger(developer).filter { $0.kind == .refund }.count == 1, "a repeated report refunds nothing twice")
            #expect(try await api.balance(developer) == "10.0000")
        }
    }

    @Test("BILL-2 an undelivered SMS was carried: it stays charged unless the operator refunds undelivered sends")
    func undelivered() async throws {
        try await withDeskAPI(configure: TestServer.fastCarrier(deliveryRate: 0)) { api in
            let developer = try await api.sender("undelivered@example.com")
            let id = try #require(try await api.sms(developer, to: "+8613900000512").string("id"))
            let final = try await api.waitForFinal("/v1/sms/\(id)", developer)
            #expect(Self.statuses(final) == ["queued", "sent", "undelivered"])
            #expect(try await api.balance(developer) == "9.9550")
        }
        try await withDeskAPI(configure: { settings in
            TestServer.fastCarrier(deliveryRate: 0)(&settings)
            settings.refundUndelivered = true
        }) { api in
            let developer = try await api.sender("refunded@example.com")
            let id = try #require(try await api.sms(developer, to: "+8613900000513").string("id"))
            _ = try await api.waitForFinal("/v1/sms/\(id)", developer)
            #expect(try await api.balance(developer) == "10.0000")
        }
    }

    @Test(
        "PLAT-2 BILL-2 a call reserves its minutes at creation and is settled per started minute: 61 s is 2 minutes",
        arguments: [
            (61, 2), (60, 1), (1, 1), (0, 0), (179, 3), (600, 3),
        ])
    func callSettledPerStartedMinute(seconds: Int, billedMinutes: Int) async throws {
        try await withAPI { api in
            let developer = try await api.sender("settle@example.com", capabilities: ["voice"])
            let call = try await api.call(developer, to: "+8613900000520", minutes: 3)
            #expect(call.string("price") == "0.3000")
            let id = try #require(call.string("id"))
            #expect(try await api.balance(developer) == "9.7000", "the 3 estimated minutes are reserved at creation")

            let desk = Self.desk(api)
            let at = Timestamp(api.server.clock.now)
            try await desk.handle(.status(sendId: id, change: StatusChange(status: .ringing, at: at)))
            try await desk.handle(.status(sendId: id, change: StatusChange(status: .inProgress, at: at.adding(seconds: 5))))
            #expect(try await api.balance(developer) == "9.7000", "nothing settles before the end")
            try await desk.handle(
                .status(
                    sendId: id,
                    change: StatusChange(status: .completed, at: at.adding(seconds: 5 + Int64(seconds)), durationSeconds: seconds)))

            let shown = try await api.get("/v1/calls/\(id)", token: developer.key)
            #expect(shown.string("status") == "completed")
            #expect(Self.statuses(shown) == ["queued", "ringing", "in-progress", "completed"])
            #expect(shown.int("durationSeconds") == seconds)
            let billed = Money("0.1000")! * Int64(billedMinutes)
            #expect(try await api.balance(developer) == (Money("10")! - billed).formatted(), "\(seconds) s is \(billedMinutes) minutes")
            let refunds = try await api.ledger(developer).filter { $0.kind == .refund }
            let refunded = refunds.reduce(Money.zero) { $0 + $1.amount }
            #expect(refunded == Money("0.3000")! - billed)
            #expect(refunds.allSatisfy { $0.sendId == id })
        }
    }

    @Test("PLAT-2 BILL-2 reports recorded together: every change stored in order, the failed SMS refunded, changes that cannot apply holding back no other")
    func batchOfReports() async throws {
        try await withAPI { api in
            let developer = try await api.sender("batch@example.com")
            var ids: [String] = []
            for index in 0..<6 {
                ids.append(try #require(try await api.sms(developer, to: "+86139000006\(10 + index)").string("id")))
            }
            #expect(try await api.balance(developer) == "9.7300")
            let at = Timestamp(api.server.clock.now)
            var reports: [CarrierReport] = []
            for id in ids.dropLast() { reports.append(.status(sendId: id, change: StatusChange(status: .sent, at: at))) }
            reports.append(.status(sendId: "sms_unknown", change: StatusChange(status: .sent, at: at)))
            reports.append(.status(sendId: ids[0], change: StatusChange(status: .delivered, at: at.adding(seconds: 1))))
            // Backwards: refused by the store, alone.
            reports.append(.status(sendId: ids[1], change: StatusChange(status: .queued, at: at.adding(seconds: 1))))
            reports.append(.status(sendId: ids[2], change: StatusChange(status: .undelivered, at: at.adding(seconds: 1))))
            reports.append(.status(sendId: ids[5], change: StatusChange(status: .failed, at: at.adding(seconds: 1))))
            try await Self.desk(api).handle(reports)

            let expected: [[String]] = [
                ["queued", "sent", "delivered"], ["queued", "sent"], ["queued", "sent", "undelivered"], ["queued", "sent"],
                ["queued", "sent"], ["queued", "failed"],
            ]
            for (id, statuses) in zip(ids, expected) {
                #expect(Self.statuses(try await api.get("/v1/sms/\(id)", token: developer.key)) == statuses, "\(id)")
            }
            let refunds = try await api.ledger(developer).filter { $0.kind == .refund }
            #expect(refunds.map(\.sendId) == [ids[5]])
            #expect(try await api.balance(developer) == "9.7750")
        }
    }

    @Test("BILL-2 a call that ends busy, unanswered or failed costs nothing", arguments: [SendStatus.busy, .noAnswer, .failed])
    func unansweredCallIsFree(_ end: SendStatus) async throws {
        try await withAPI { api in
            let developer = try await api.sender("busy@example.com", capabilities: ["voice"])
            let id = try #require(try await api.call(developer, to: "+8613900000530", minutes: 2).string("id"))
            #expect(try await api.balance(developer) == "9.8000")
            let desk = Self.desk(api)
            let at = Timestamp(api.server.clock.now)
            if end != .failed { try await desk.handle(.status(sendId: id, change: StatusChange(status: .ringing, at: at))) }
            try await desk.handle(.status(sendId: id, change: StatusChange(status: end, at: at.adding(seconds: 30))))
            #expect(try await api.get("/v1/calls/\(id)", token: developer.key).string("status") == end.rawValue)
            #expect(try await api.balance(developer) == "10.0000")
            #expect(try await api.ledger(developer).reduce(Money.zero) { $0 + $1.amount } == Money("10"))
        }
    }

    @Test("PLAT-2 through the simulator: unanswered calls end no-answer or busy and cost nothing; completed ones pay their started minutes")
    func simulatedCalls() async throws {
        try await withDeskAPI(configure: TestServer.fastCarrier(noAnswerRate: 1)) { api in
            let developer = try await api.sender("ring@example.com", capabilities: ["voice"])
            let id = try #require(try await api.call(developer, to: "+8613900000540", minutes: 2).string("id"))
            let final = try await api.waitForFinal("/v1/calls/\(id)", developer)
            #expect(["no-answer", "busy"].contains(final.string("status")), "\(final)")
            #expect(Self.statuses(final).first == "queued")
            #expect(Self.statuses(final).dropFirst().first == "ringing")
            #expect(try await api.balance(developer) == "10.0000")
        }
        try await withDeskAPI(configure: TestServer.fastCarrier(noAnswerRate: 0)) { api in
            let developer = try await api.sender("talk@example.com", capabilities: ["voice"])
            let id = try #require(try await api.call(developer, to: "+8613900000541", minutes: 2).string("id"))
            let final = try await api.waitForFinal("/v1/calls/\(id)", developer)
            #expect(Self.statuses(final) == ["queued", "ringing", "in-progress", "completed"])
            let seconds = try #require(final.int("durationSeconds"))
            #expect((1...120).contains(seconds), "the carrier hangs up at the reserved 2 minutes")
            let minutes = Int64(CallSettlement.billedMinutes(durationSeconds: seconds))
            #expect(try await api.balance(developer) == (Money("10")! - Money("0.1000")! * minutes).formatted())
        }
    }

    @Test("PLAT-2 sends in flight when the server stops are continued by the next start to a final status, from where they were")
    func restartContinuesSendsInFlight() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-restart-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let clock = TestClock(Moments.standard)
        let made = TestLocked<(developer: Developer, queued: String, sent: String, call: String)?>(nil)

        let silent = SilentCarrier()
        let first = try await TestServer.open(root: root, clock: clock, carrier: silent)
        do {
            try await first.test { api in
                let developer = try await api.sender("restart@example.com", capabilities: ["sms", "voice"])
                let queued = try #require(try await api.sms(developer, to: "+8613900000550").string("id"))
                let sent = try #require(try await api.sms(developer, to: "+8613900000551").string("id"))
                let call = try #require(try await api.call(developer, to: "+8613900000552", minutes: 2).string("id"))
                let desk = Self.desk(api)
                try await desk.handle(.status(sendId: sent, change: StatusChange(status: .sent, at: Timestamp(clock.now))))
                try await desk.handle(.status(sendId: call, change: StatusChange(status: .ringing, at: Timestamp(clock.now))))
                made.withLock { $0 = (developer, queued, sent, call) }
            }
            #expect(silent.messages.count == 3, "the first server handed the sends to its carrier, which never answered")
        } catch {
            try? await first.store.close()
            throw error
        }
        try await first.store.close()

        clock.advance(seconds: 30)
        let second = try await TestServer.open(
            root: root, clock: clock, configure: TestServer.fastCarrier(deliveryRate: 1, noAnswerRate: 0))
        do {
            try await second.testWithDesk { api in
                let (developer, queued, sent, call) = try #require(made.withLock { $0 })
                let queuedFinal = try await api.waitForFinal("/v1/sms/\(queued)", developer)
                #expect(Self.statuses(queuedFinal) == ["queued", "sent", "delivered"])
                let sentFinal = try await api.waitForFinal("/v1/sms/\(sent)", developer)
                #expect(Self.statuses(sentFinal) == ["queued", "sent", "delivered"], "continued from sent, not started again")
                let callFinal = try await api.waitForFinal("/v1/calls/\(call)", developer)
                #expect(Self.statuses(callFinal) == ["queued", "ringing", "in-progress", "completed"])
                let seconds = try #require(callFinal.int("durationSeconds"))
                let minutes = Int64(CallSettlement.billedMinutes(durationSeconds: seconds))
                let expected = Money("10")! - Money("0.0900")! - Money("0.1000")! * minutes
                try await api.waitUntil("the call is settled") { try await api.balance(developer) == expected.formatted() }
                #expect(try await api.balance(developer) == expected.formatted())
            }
        } catch {
            try? await second.store.close()
            throw error
        }
        try await second.store.close()
    }
}
