import Foundation
import SwitchboardCore
import Testing

@testable import SwitchboardStore

/// Callback deliveries (issue 5): queued with the status change in one commit, each attempt a
/// `webhook` journal line, found again (and still pending) after a restart.
@Suite("Webhook records")
struct WebhookRecordTests {
    let sentAt = november.adding(seconds: 5)

    func queued(_ eventId: String, send: String = "sms_1", status: SendStatus = .sent) -> WebhookAttempt {
        WebhookAttempt(
            eventId: eventId, sendId: send, accountId: "acc_1", url: "https://example.com/hook", attempt: 0, at: sentAt,
            createdAt: sentAt, status: status, statusAt: sentAt, nextAttemptAt: sentAt)
    }

    @Test("Events queued with their status change survive a reopen, with every attempt in order")
    func roundTrip() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var store = try await openFunded(directory)
        let send = sms("sms_1", account: "acc_1")
        try await store.commit(StoreTransaction(sends: [send], ledgerEntries: [charge(for: send)]))
        let event = queued("evt_1")
        try await store.recordStatus(sendId: "sms_1", StatusChange(status: .sent, at: sentAt), webhooks: [event])
        let failed = event.next(at: sentAt.adding(seconds: 1), statusCode: 500, delivered: false, nextAttemptAt: sentAt.adding(seconds: 3))
        try await store.recordWebhookAttempt(failed)
        // A second event, delivered at its first attempt.
        let other = queued("evt_2", status: .delivered)
        try await store.recordStatus(sendId: "sms_1", StatusChange(status: .delivered, at: sentAt), webhooks: [other])
        try await store.recordWebhookAttempt(
            other.next(at: sentAt.adding(seconds: 1), statusCode: 204, delivered: true, nextAttemptAt: nil))

        #expect(try await store.pendingWebhooks() == [failed])
        try await store.close()

        store = try await FileStore.open(configuration(directory.data))
        let attempts = try await store.webhookAttempts(sendId: "sms_1")
        #expect(attempts.map(\.eventId) == ["evt_1", "evt_1", "evt_2", "evt_2"])
        #expect(attempts.map(\.attempt) == [0, 1, 0, 1])
        #expect(attempts[1] == failed)
        #expect(attempts[3].delivered && attempts[3].statusCode == 204)
        #expect(try await store.pendingWebhooks() == [failed])
        #expect(try await store.send(id: "sms_1")?.status == .delivered)

        // Attempts only move forward; an event needs its send.
        await #expect(throws: StoreError.self) { try await store.recordWebhookAttempt(failed) }
        await #expect(throws: StoreError.self) { try await store.recordWebhookAttempt(queued("evt_3", send: "sms_none")) }
        let last = failed.next(at: sentAt.adding(seconds: 4), error: "timed out", delivered: false, nextAttemptAt: nil)
        try await store.recordWebhookAttempt(last)
        #expect(try await store.pendingWebhooks().isEmpty)
        try await store.close()

        let report = DataChecker.check(directory: directory.data)
        #expect(report.problems.isEmpty, "\(report.rendered())")
        #expect(report.counts.contains { $0.what == "callback attempts" && $0.count == 5 })
    }

    @Test("A status change and its queued event are one commit")
    func sameCommit() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try await openFunded(directory)
        let send = sms("sms_1", account: "acc_1")
        try await store.commit(StoreTransaction(sends: [send], ledgerEntries: [charge(for: send)]))
        let receipt = try await store.recordStatus(sendId: "sms_1", StatusChange(status: .sent, at: sentAt), webhooks: [queued("evt_1")])
        #expect(receipt.lastSeq == receipt.firstSeq + 1)
        try await store.close()
        let journal = try lines(of: novemberJournal(directory)).filter { !$0.isEmpty }
        #expect(
            journal.suffix(2).map { $0.contains("\"kind\":\"status\",\"more\":1") || $0.contains("\"kind\":\"webhook\",\"more\":0") } == [
                true, true,
            ])
    }

    @Test("The store and check refuse an attempt of an event never queued, or after it finished")
    func attemptsNeedTheirEvent() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try await openFunded(directory)
        let send = sms("sms_1", account: "acc_1")
        try await store.commit(StoreTransaction(sends: [send], ledgerEntries: [charge(for: send)]))
        let orphan = queued("evt_1").next(at: sentAt, statusCode: 200, delivered: true, nextAttemptAt: nil)
        await #expect(throws: StoreError.self) { try await store.recordWebhookAttempt(orphan) }
        let event = queued("evt_2")
        try await store.recordStatus(sendId: "sms_1", StatusChange(status: .sent, at: sentAt), webhooks: [event])
        let delivered = event.next(at: sentAt, statusCode: 200, delivered: true, nextAttemptAt: nil)
        try await store.recordWebhookAttempt(delivered)
        await #expect(throws: StoreError.self) {
            try await store.recordWebhookAttempt(delivered.next(at: sentAt, statusCode: 200, delivered: true, nextAttemptAt: nil))
        }
        await #expect(throws: StoreError.self) { try await store.recordWebhookAttempt(event) }
        let seq = await store.nextSequenceNumber
        try await store.close()
        #expect(DataChecker.check(directory: directory.data).problems.isEmpty)

        // Written by hand, the orphan is reported by check.
        let json = try JournalLine.encoder().encode(orphan)
        let line = try #require(JournalFormat.line(seq: seq, kind: "webhook", recordJSON: Array(json)))
        let handle = try #require(FileHandle(forWritingAtPath: novemberJournal(directory)))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line))
        try handle.close()
        let report = DataChecker.check(directory: directory.data)
        #expect(report.problems.contains { $0.message.contains("without the event being queued") }, "\(report.rendered())")
    }
}
