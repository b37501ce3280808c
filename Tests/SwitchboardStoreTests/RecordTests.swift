import Foundation
import SwitchboardCore
import Testing

@testable import SwitchboardStore

@Suite("Records")
struct RecordTests {
    @Test("Timestamps keep milliseconds exactly and name their UTC month")
    func timestamps() throws {
        let text = "2024-02-29T23:59:59.123Z"
        let value = try #require(Timestamp(text))
        #expect(value.description == text)
        #expect(value.month == YearMonth(year: 2024, month: 2))
        #expect(Timestamp("2026-11-27T03:00:00Z")?.description == "2026-11-27T03:00:00.000Z")
        #expect(Timestamp("1969-12-31T23:59:59.999Z")?.millisecondsSince1970 == -1)
        #expect(Timestamp("2026-11-27T03:00:00+08:00") == nil)
        #expect(Timestamp("2026-13-01T00:00:00Z") == nil)
        #expect(Timestamp(Date(timeIntervalSince1970: 1_790_000_000.5)).description == "2026-09-21T14:13:20.500Z")
        #expect(YearMonth(year: 2026, month: 12).next == YearMonth("2027-01"))
    }

    @Test("Money parsed from bytes agrees with Money parsed from text")
    func moneyFromBytes() {
        let samples = [
            "0", "0.045", "0.0450", "-3.5", "12", "999999999999.9999", "1.", ".5", "1.23456", "", "-", "+1", "1e3", "0012.10", "1 ",
            "1234567890123",
        ]
        for sample in samples {
            var text = sample
            let fromBytes = text.withUTF8 { Money(utf8: UnsafeRawBufferPointer($0)) }
            #expect(fromBytes == Money(sample), "\(sample)")
        }
    }

    @Test("PLAT-2 SMS and call statuses only move forward")
    func statusMachines() {
        #expect(SendStatus.queued.canMove(to: .sent, channel: .sms))
        #expect(SendStatus.sent.canMove(to: .delivered, channel: .sms))
        #expect(!SendStatus.delivered.canMove(to: .sent, channel: .sms))
        #expect(!SendStatus.rejected.canMove(to: .sent, channel: .sms))
        #expect(SendStatus.ringing.canMove(to: .inProgress, channel: .call))
        #expect(SendStatus.inProgress.canMove(to: .completed, channel: .call))
        #expect(!SendStatus.queued.canMove(to: .completed, channel: .call))
        #expect(!SendStatus.queued.canMove(to: .ringing, channel: .sms))
        let at = Timestamp(millisecondsSince1970: 0)
        let send = Send(
            id: "s", accountId: "a", channel: .sms, to: "+86", price: .zero, createdAt: at,
            statusHistory: [StatusChange(status: .queued, at: at)])
        #expect(send.accepts(StatusChange(status: .sent, at: at.adding(seconds: 1))))
        #expect(!send.accepts(StatusChange(status: .sent, at: at.adding(seconds: -1))))
    }

    @Test("PLAT-3 suspension is reversible; freezing, termination and recycling are not")
    func accountStatuses() {
        #expect(AccountStatus.active.canMove(to: .suspended))
        #expect(AccountStatus.suspended.canMove(to: .active))
        #expect(!AccountStatus.frozen.canMove(to: .active))
        #expect(!AccountStatus.terminated.canMove(to: .active))
        #expect(!AccountStatus.recycled.canMove(to: .active))
    }

    @Test("BILL-1 ledger entries keep their sign rules")
    func ledgerSigns() {
        let at = Timestamp(millisecondsSince1970: 0)
        #expect(!LedgerEntry(id: "l", accountId: "a", at: at, kind: .charge, amount: Money("1")!, sendId: "s").problems().isEmpty)
        #expect(!LedgerEntry(id: "l", accountId: "a", at: at, kind: .topUp, amount: Money("1")!).problems().isEmpty)
        #expect(LedgerEntry(id: "l", accountId: "a", at: at, kind: .topUp, amount: Money("1")!, reference: "r").problems().isEmpty)
        #expect(!LedgerEntry(id: "l", accountId: "a", at: at, kind: .packageExpiry, amount: Money("1")!).problems().isEmpty)
    }
}

@Suite("Journal records written by hand")
struct JournalRecordJSONTests {
    @Test("A status line's record is byte for byte what JSONEncoder writes, with and without its optional members")
    func statusUpdates() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let at = Timestamp(millisecondsSince1970: 1_795_768_865_007)
        for change in [
            StatusChange(status: .sent, at: at),
            StatusChange(status: .completed, at: at, detail: "carrier \"said\"\n/ok 短信", durationSeconds: 61),
        ] {
            let update = SendStatusUpdate(sendId: "sms_0123456789abcdefghij", change: change)
            #expect(update.json == Array(try encoder.encode(update)))
        }
    }
}
