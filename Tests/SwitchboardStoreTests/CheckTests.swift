import Foundation
import SwitchboardCore
import Testing
@testable import SwitchboardStore

/// `switchboard check --data`: each invariant is caught with its path and line.
@Suite("check --data")
struct CheckTests {
    /// Writes a journal of the given records (kind, JSON) as single-line commits, with valid checksums.
    func journal(_ directory: TemporaryDirectory, _ records: [(String, any Encodable)]) throws {
        let encoder = JournalLine.encoder()
        var bytes: [UInt8] = []
        for (position, (kind, record)) in records.enumerated() {
            let json = Array(try encoder.encode(record))
            bytes += try #require(JournalFormat.line(seq: UInt64(position + 1), kind: kind, recordJSON: json))
        }
        try Data(bytes).write(to: URL(fileURLWithPath: novemberJournal(directory)))
    }

    func prepared() async throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let store = try await FileStore.open(configuration(directory.data))
        _ = try await store.createAccount(makeAccount("acc_1"))
        try await store.close()
        try FileManager.default.removeItem(atPath: directory.data + "/balances.json")
        return directory
    }

    func problems(_ directory: TemporaryDirectory) -> [DataProblem] { DataChecker.check(directory: directory.data).problems }

    @Test("A charge that refers to no send is reported at its line")
    func chargeWithoutSend() async throws {
        let directory = try await prepared()
        defer { directory.remove() }
        try journal(directory, [("ledger", topUp("acc_1", "1", reference: "p")), ("ledger", charge(for: sms("snd_x", account: "acc_1")))])
        let found = problems(directory)
        #expect(found.count == 1)
        #expect(found.first?.line == 2)
        #expect(found.first?.message.contains("snd_x, which does not exist") == true)
    }

    @Test("BILL-2 a balance that goes negative is reported")
    func negativeBalance() async throws {
        let directory = try await prepared()
        defer { directory.remove() }
        let send = sms("snd_1", account: "acc_1")
        try journal(directory, [("send", send), ("ledger", charge(for: send))])
        #expect(problems(directory).contains { $0.line == 2 && $0.message.contains("negative") })
    }

    @Test("An idempotency key used twice is reported")
    func idempotencyTwice() async throws {
        let directory = try await prepared()
        defer { directory.remove() }
        let record = IdempotencyRecord(accountId: "acc_1", key: "k", requestHash: "h", responseStatus: 200, responseBody: "{}", createdAt: november)
        try journal(directory, [("idempotency", record), ("idempotency", record)])
        #expect(problems(directory).map(\.line) == [2])
        // The store refuses to start on it too.
        await #expect(throws: StoreError.self) { try await FileStore.open(configuration(directory.data)) }
    }

    @Test("PLAT-2 a status history that moves backward is reported")
    func backwardStatus() async throws {
        let directory = try await prepared()
        defer { directory.remove() }
        let send = sms("snd_1", account: "acc_1", price: "0")
        try journal(directory, [
            ("send", send),
            ("status", SendStatusUpdate(sendId: "snd_1", change: StatusChange(status: .delivered, at: november))),
        ])
        #expect(problems(directory).contains { $0.line == 2 && $0.message.contains("only move forward") })
    }

    @Test("BILL-2 a top-up reference recorded twice is reported")
    func topUpTwice() async throws {
        let directory = try await prepared()
        defer { directory.remove() }
        var second = topUp("acc_1", "1", reference: "pay_1")
        second.id = "led_other"
        try journal(directory, [("ledger", topUp("acc_1", "1", reference: "pay_1")), ("ledger", second)])
        #expect(problems(directory).contains { $0.line == 2 && $0.message.contains("recorded twice") })
    }

    @Test("A balance cache that disagrees with the ledger, and a bill that disagrees with it, are reported")
    func cacheAndBills() async throws {
        let directory = try await prepared()
        defer { directory.remove() }
        try journal(directory, [("ledger", topUp("acc_1", "5", reference: "p"))])
        try Data(#"{"throughSeq":1,"balances":{"acc_1":"4.0000"}}"#.utf8).write(to: URL(fileURLWithPath: directory.data + "/balances.json"))
        try FileManager.default.createDirectory(atPath: directory.data + "/bills/acc_1", withIntermediateDirectories: true)
        let bill = MonthlyBill(accountId: "acc_1", month: november.month, openingBalance: .zero, lines: [], credits: Money("6")!, closingBalance: Money("6")!, closedAt: november)
        try JSONEncoder().encode(bill).write(to: URL(fileURLWithPath: directory.data + "/bills/acc_1/2026-11.json"))
        let found = problems(directory)
        #expect(found.contains { $0.path.hasSuffix("balances.json") && $0.message.contains("ledger sums to 5.0000") })
        #expect(found.contains { $0.path.hasSuffix("2026-11.json") && $0.message.contains("the ledger says 0.0000 → 5.0000") })
    }

    @Test("The report renders path:line: error: lines, a summary and the repair advice")
    func rendering() async throws {
        let directory = try await prepared()
        defer { directory.remove() }
        try journal(directory, [("ledger", charge(for: sms("snd_x", account: "acc_1")))])
        let text = DataChecker.check(directory: directory.data).rendered()
        #expect(text.contains("\(novemberJournal(directory)):1: error: "))
        #expect(text.contains("1 accounts"))
        #expect(text.contains("To repair"))
    }

    static let sampleData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data").path

    @Test("The sample data/ in the repository passes the check")
    func sampleData() throws {
        let report = DataChecker.check(directory: Self.sampleData)
        #expect(report.isClean, "\(report.rendered())")
        #expect(report.warnings.isEmpty, "\(report.rendered())")
        #expect(report.counts.first { $0.what == "sends" }.map { $0.count > 0 } == true)
    }

    @Test("Opening and closing the sample data/ leaves every file byte for byte as committed")
    func sampleDataRoundTrip() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.copyItem(atPath: Self.sampleData, toPath: directory.data)
        let store = try await FileStore.open(configuration(directory.data))
        #expect(try await store.balance(accountId: "acc_demo_acme") == Money("149.715"))
        #expect(try await store.send(id: "snd_demo_0004")?.statusHistory.last?.durationSeconds == 95)
        try await store.close()
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.sampleData).filter { !$0.hasPrefix(".") }
        for file in files {
            let original = try? Data(contentsOf: URL(fileURLWithPath: Self.sampleData + "/" + file))
            let after = try? Data(contentsOf: URL(fileURLWithPath: directory.data + "/" + file))
            #expect(original == after, "\(file) changed")
        }
    }
}
