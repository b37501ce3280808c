import Foundation
import SwitchboardCore
import Testing

@testable import SwitchboardStore

/// What every `Store` backend must do (each test runs once per backend in `StoreBackend.all`),
/// then what is particular to `FileStore`.
@Suite("Store")
struct StoreTests {
    @Test(
        "A commit is durable and readable after reopening: send, status history, ledger, balance, idempotency, opt-out",
        arguments: StoreBackend.all)
    func roundTrip(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var store = try await openFunded(backend, directory)
        let send = sms("snd_1", account: "acc_1")
        let idempotency = IdempotencyRecord(
            accountId: "acc_1", key: "key-1", requestHash: "h", responseStatus: 201, responseBody: "{}", createdAt: november)
        let receipt = try await store.commit(StoreTransaction(sends: [send], ledgerEntries: [charge(for: send)], idempotency: idempotency))
        #expect(receipt.balances["acc_1"] == Money("9.955"))
        try await store.recordStatus(sendId: "snd_1", StatusChange(status: .sent, at: november.adding(seconds: 1)))
        try await store.recordStatus(sendId: "snd_1", StatusChange(status: .delivered, at: november.adding(seconds: 2)))
        try await store.recordOptOut(OptOutRecord(accountId: "acc_1", number: "+8613900000000", keyword: "退订", at: november))
        try await store.close()

        store = try await backend.open(directory.data)
        let reread = try #require(try await store.send(id: "snd_1"))
        #expect(reread.statusHistory.map(\.status) == [.queued, .sent, .delivered])
        #expect(try await store.balance(accountId: "acc_1") == Money("9.9550"))
        #expect(try await store.sends(accountId: "acc_1", month: YearMonth(year: 2026, month: 11)).map(\.id) == ["snd_1"])
        #expect(
            try await store.ledgerEntries(accountId: "acc_1", month: YearMonth(year: 2026, month: 11)).map(\.kind) == [.topUp, .charge])
        #expect(try await store.idempotencyRecord(accountId: "acc_1", key: "key-1") == idempotency)
        #expect(try await store.isOptedOut(accountId: "acc_1", number: "+8613900000000"))
        #expect(try await store.isOptedOut(accountId: "acc_1", number: "+8613800138000") == false)
        try await store.close()
        #expect(backend.problems(directory.data).isEmpty)
    }

    @Test("BILL-2 a commit that would take a balance below zero is refused and writes nothing", arguments: StoreBackend.all)
    func balanceNeverNegative(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var store = try await openFunded(backend, directory)
        let send = sms("snd_big", account: "acc_1", price: "10.0001")
        await #expect(throws: StoreError.self) {
            try await store.commit(StoreTransaction(sends: [send], ledgerEntries: [charge(for: send)]))
        }
        #expect(try await store.send(id: "snd_big") == nil)
        #expect(try await store.balance(accountId: "acc_1") == Money("10"))
        let exact = sms("snd_exact", account: "acc_1", price: "10")
        try await store.commit(StoreTransaction(sends: [exact], ledgerEntries: [charge(for: exact)]))
        #expect(try await store.balance(accountId: "acc_1") == .zero)
        try await store.close()
        store = try await backend.open(directory.data)
        #expect(try await store.send(id: "snd_big") == nil)
        #expect(try await store.sends(accountId: "acc_1", month: november.month).map(\.id) == ["snd_exact"])
        try await store.close()
    }

    @Test(
        "Ledger entries of some kinds: exactly those, in commit order, the others skipped, before and after reopening",
        arguments: StoreBackend.all)
    func ledgerEntriesOfKinds(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var store = try await openFunded(backend, directory)
        let send = sms("snd_1", account: "acc_1", price: "0.045")
        let package = LedgerEntry(
            id: "led_pkg", accountId: "acc_1", at: november, kind: .packagePurchase, amount: Money("-4")!, service: "sms-cn",
            reference: "pkg_1", quantity: 100)
        let giveBack = LedgerEntry(
            id: "led_back", accountId: "acc_1", at: november, kind: .refund, amount: .zero, service: "sms-cn", sendId: "snd_1",
            reference: "pkg_1", quantity: 1)
        try await store.commit(StoreTransaction(sends: [send], ledgerEntries: [charge(for: send), package]))
        try await store.appendLedger([giveBack])
        for _ in 0..<2 {
            let all = try await store.ledgerEntries(accountId: "acc_1", month: november.month)
            #expect(all.map(\.kind) == [.topUp, .charge, .packagePurchase, .refund])
            let some = try await store.ledgerEntries(accountId: "acc_1", month: november.month, kinds: [.refund, .packagePurchase])
            #expect(some == all.filter { [.refund, .packagePurchase].contains($0.kind) })
            #expect(try await store.ledgerEntries(accountId: "acc_1", month: november.month, kinds: []).isEmpty)
            try await store.close()
            store = try await backend.open(directory.data)
        }
        try await store.close()
    }

    @Test("PLAT-2 the sends in flight of a month are those not yet final, before and after reopening", arguments: StoreBackend.all)
    func sendsInFlight(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var store = try await openFunded(backend, directory)
        let sends = ["snd_a", "snd_b", "snd_c"].map { sms($0, account: "acc_1", price: "0.045") }
        for send in sends { try await store.commit(StoreTransaction(sends: [send], ledgerEntries: [charge(for: send)])) }
        try await store.recordStatus(sendId: "snd_a", StatusChange(status: .sent, at: november))
        try await store.recordStatus(sendId: "snd_a", StatusChange(status: .delivered, at: november))
        try await store.recordStatus(sendId: "snd_b", StatusChange(status: .sent, at: november))
        for _ in 0..<2 {
            let inFlight = try await store.sendsInFlight(accountId: "acc_1", month: november.month)
            #expect(inFlight.map(\.id) == ["snd_b", "snd_c"])
            #expect(inFlight.map(\.status) == [.sent, .queued])
            try await store.close()
            store = try await backend.open(directory.data)
        }
        try await store.close()
    }

    @Test("An idempotency key is used once per account; a retry gets the first record back", arguments: StoreBackend.all)
    func idempotencyOnce(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try await openFunded(backend, directory)
        let first = IdempotencyRecord(
            accountId: "acc_1", key: "k", requestHash: "a", responseStatus: 201, responseBody: "{\"id\":1}", createdAt: november)
        try await store.commit(StoreTransaction(ledgerEntries: [topUp("acc_1", "1", reference: "pay_2")], idempotency: first))
        var second = first
        second.responseBody = "{\"id\":2}"
        do {
            try await store.commit(StoreTransaction(ledgerEntries: [topUp("acc_1", "1", reference: "pay_3")], idempotency: second))
            Issue.record("a reused key was accepted")
        } catch StoreError.idempotencyKeyUsed(let existing) {
            #expect(existing == first)
        }
        #expect(try await store.balance(accountId: "acc_1") == Money("11"))
        try await store.close()
    }

    @Test("BILL-2 a top-up is recorded once per external reference; a repeat gets the first entry back", arguments: StoreBackend.all)
    func topUpIdempotent(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var store = try await openFunded(backend, directory)
        var repeated = topUp("acc_1", "10", reference: "pay_1")
        repeated.id = "led_repeat"
        do {
            try await store.appendLedger([repeated])
            Issue.record("a repeated top-up reference was accepted")
        } catch StoreError.topUpRecorded(let first) {
            #expect(first.id == "led_pay_1")
        }
        try await store.close()
        store = try await backend.open(directory.data)
        #expect(try await store.topUp(accountId: "acc_1", reference: "pay_1")?.id == "led_pay_1")
        #expect(try await store.balance(accountId: "acc_1") == Money("10"))
        await #expect(throws: StoreError.self) { try await store.appendLedger([repeated]) }
        try await store.close()
    }

    @Test("PLAT-2 status histories only move forward, in status and in time", arguments: StoreBackend.all)
    func statusForwardOnly(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try await openFunded(backend, directory)
        let send = sms("snd_1", account: "acc_1")
        try await store.commit(StoreTransaction(sends: [send], ledgerEntries: [charge(for: send)]))
        try await store.recordStatus(sendId: "snd_1", StatusChange(status: .sent, at: november.adding(seconds: 5)))
        await #expect(throws: StoreError.self) {
            try await store.recordStatus(sendId: "snd_1", StatusChange(status: .queued, at: november.adding(seconds: 6)))
        }
        await #expect(throws: StoreError.self) {
            try await store.recordStatus(sendId: "snd_1", StatusChange(status: .delivered, at: november.adding(seconds: 4)))
        }
        await #expect(throws: StoreError.self) {
            try await store.recordStatus(sendId: "snd_none", StatusChange(status: .sent, at: november))
        }
        try await store.recordStatus(sendId: "snd_1", StatusChange(status: .delivered, at: november.adding(seconds: 6)))
        await #expect(throws: StoreError.self) {
            try await store.recordStatus(sendId: "snd_1", StatusChange(status: .failed, at: november.adding(seconds: 7)))
        }
        #expect(try await store.send(id: "snd_1")?.status == .delivered)
        try await store.close()
    }

    @Test("A charge must refer to an existing send, and a send id is stored once", arguments: StoreBackend.all)
    func chargesReferToSends(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try await openFunded(backend, directory)
        await #expect(throws: StoreError.self) { try await store.appendLedger([charge(for: sms("snd_ghost", account: "acc_1"))]) }
        let send = sms("snd_1", account: "acc_1")
        try await store.commit(StoreTransaction(sends: [send], ledgerEntries: [charge(for: send)]))
        await #expect(throws: StoreError.self) { try await store.commit(StoreTransaction(sends: [send])) }
        try await store.close()
    }

    @Test(
        "ACCT-4 accounts are found by id, email (any case), active key hash and session; email and key hashes are unique",
        arguments: StoreBackend.all)
    func accountIndexes(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var store = try await backend.open(directory.data)
        let created = try await store.createAccount(makeAccount("acc_a", email: "Dev@Example.com", keyHash: "aa11"))
        #expect(created.revision == 1)
        await #expect(throws: StoreError.self) { try await store.createAccount(makeAccount("acc_b", email: "dev@example.COM")) }
        await #expect(throws: StoreError.self) { try await store.createAccount(makeAccount("acc_c", keyHash: "aa11")) }
        await #expect(throws: StoreError.self) { try await store.createAccount(makeAccount("acc_a", email: "other@example.com")) }
        #expect(try await store.account(email: "DEV@example.com")?.id == "acc_a")
        #expect(try await store.account(apiKeyHash: "aa11")?.id == "acc_a")
        let signedIn = try await store.updateAccount(id: "acc_a") { account in
            account.sessions.append(
                SessionRecord(id: "ses_1", tokenHash: "bb22", createdAt: november, expiresAt: november.adding(seconds: 3600)))
            account.lastLoginAt = november
        }
        #expect(try await store.account(sessionTokenHash: "bb22")?.id == "acc_a")
        #expect(signedIn.revision == 2)
        let revoked = try await store.updateAccount(id: "acc_a") { account in
            account.sessions[0].revokedAt = november
            account.apiKeys[0].revokedAt = november
            account.profileHistory.append(ProfileChange(at: november, field: "displayName", oldValue: "acc_a", newValue: "Acme"))
            account.profile.displayName = "Acme"
        }
        #expect(revoked.revision == 3)
        #expect(try await store.account(apiKeyHash: "aa11") == nil)
        #expect(try await store.account(sessionTokenHash: "bb22") == nil)
        try await store.close()
        store = try await backend.open(directory.data)
        #expect(try await store.account(id: "acc_a") == revoked)
        #expect(try await store.allAccounts().map(\.id) == ["acc_a"])
        try await store.close()
    }

    @Test("ACCT-1 an organization without name and registration number is refused", arguments: StoreBackend.all)
    func organizationNeedsRegistration(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try await backend.open(directory.data)
        var account = makeAccount("acc_org")
        account.entityType = .organization
        await #expect(throws: StoreError.self) { try await store.createAccount(account) }
        account.profile.organizationName = "Acme Ltd"
        account.profile.registrationNumber = "91310000MA1FL0000X"
        _ = try await store.createAccount(account)
        try await store.close()
    }

    @Test("Concurrent commits from 64 tasks share fsyncs and lose nothing", arguments: StoreBackend.all)
    func concurrentCommits(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var store = try await openFunded(backend, directory)
        let frozen = store
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<64 {
                group.addTask {
                    for n in 0..<10 {
                        let send = sms("snd_\(writer)_\(n)", account: "acc_1", price: "0.01")
                        try await frozen.commit(StoreTransaction(sends: [send], ledgerEntries: [charge(for: send)]))
                    }
                }
            }
            try await group.waitForAll()
        }
        try await store.close()
        store = try await backend.open(directory.data)
        let month = YearMonth(year: 2026, month: 11)
        #expect(try await store.sends(accountId: "acc_1", month: month).count == 640)
        #expect(try await store.sendCount(accountId: "acc_1", month: month) == 640)
        #expect(try await store.balance(accountId: "acc_1") == Money("3.6"))
        // Cursor pagination walks every send once, in order.
        var paged: [String] = []
        var cursor: String? = nil
        while true {
            let page = try await store.sends(accountId: "acc_1", month: month, startingAfter: cursor, limit: 100)
            guard let last = page.last else { break }
            paged += page.map(\.id)
            cursor = last.id
        }
        #expect(paged == (try await store.sends(accountId: "acc_1", month: month)).map(\.id))
        try await store.close()
        #expect(backend.problems(directory.data).isEmpty)
    }

    @Test("BILL-1 bills are stored whole, must reconcile, and are read back", arguments: StoreBackend.all)
    func bills(backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try await openFunded(backend, directory)
        let month = YearMonth(year: 2026, month: 11)
        var bill = MonthlyBill(
            accountId: "acc_1", month: month, openingBalance: .zero, lines: [], credits: Money("10")!, closingBalance: Money("10")!,
            closedAt: november)
        try await store.writeBill(bill)
        #expect(try await store.bill(accountId: "acc_1", month: month) == bill)
        bill.closingBalance = Money("9")!
        await #expect(throws: StoreError.self) { try await store.writeBill(bill) }
        try await store.close()
        #expect(backend.problems(directory.data).isEmpty)
    }

    @Test("PRIV-1 erasing an account's message data keeps amounts, statuses and every other record")
    func eraseMessageData() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let clock = TestClock(november)
        var store = try await openFunded(directory, clock: clock)
        _ = try await store.createAccount(makeAccount("acc_2"))
        try await store.appendLedger([topUp("acc_2", "1", reference: "pay_2")])
        var ids: [String] = []
        for (n, account) in ["acc_1", "acc_1", "acc_2"].enumerated() {
            let send = sms("snd_\(n)", account: account, at: november.adding(seconds: Int64(n)))
            let answer = IdempotencyRecord(
                accountId: account, key: "k\(n)", requestHash: "h", responseStatus: 201, responseBody: "{\"to\":\"\(send.to)\"}",
                createdAt: send.createdAt)
            try await store.commit(StoreTransaction(sends: [send], ledgerEntries: [charge(for: send)], idempotency: answer))
            try await store.recordStatus(sendId: send.id, StatusChange(status: .sent, at: send.createdAt.adding(seconds: 1)))
            ids.append(send.id)
        }
        clock.set(november.adding(seconds: 86_400))
        #expect(try await store.eraseMessageData(accountId: "acc_1", createdBefore: november.adding(seconds: 1)) == 2)
        let erased = try #require(try await store.send(id: "snd_0"))
        #expect(erased.body == nil && erased.to.isEmpty && erased.erasedAt == clock.read())
        #expect(erased.statusHistory.map(\.status) == [.queued, .sent])
        #expect(try await store.send(id: "snd_1")?.body != nil)
        #expect(try await store.send(id: "snd_2")?.to == "+8613800138000")
        #expect(try await store.idempotencyRecord(accountId: "acc_1", key: "k0")?.responseBody == FileStore.erasedResponse)
        #expect(try await store.balance(accountId: "acc_1") == Money("9.91"))
        // The store goes on appending to the rewritten file.
        let later = sms("snd_later", account: "acc_1", at: clock.read())
        try await store.commit(StoreTransaction(sends: [later], ledgerEntries: [charge(for: later)]))
        try await store.close()
        #expect(
            !(try String(contentsOfFile: novemberJournal(directory), encoding: .utf8)).contains(
                "\"body\":\"【Acme】hello\",\"channel\":\"sms\",\"createdAt\":\"2026-11-10T09:00:00.000Z\""))
        #expect(DataChecker.check(directory: directory.data).isClean)
        store = try await FileStore.open(configuration(directory.data, clock: clock))
        #expect(try await store.send(id: "snd_0")?.erasedAt != nil)
        #expect(try await store.send(id: "snd_later") != nil)
        #expect(try await store.sendCount(accountId: "acc_1", month: november.month) == 3)
        try await store.close()
    }

    @Test("Journal files split by the month the clock reads, and sends are indexed by their own month")
    func monthlyFiles() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let clock = TestClock(november)
        var store = try await openFunded(directory, clock: clock)
        clock.set(Timestamp("2026-12-01T00:00:01.000Z")!)
        let december = sms("snd_dec", account: "acc_1", at: clock.read())
        try await store.commit(StoreTransaction(sends: [december], ledgerEntries: [charge(for: december)]))
        try await store.close()
        #expect(FileIO.list(directory.data + "/journal") == ["2026-11.jsonl", "2026-12.jsonl"])
        store = try await FileStore.open(configuration(directory.data, clock: clock))
        #expect(try await store.sends(accountId: "acc_1", month: YearMonth(year: 2026, month: 12)).map(\.id) == ["snd_dec"])
        #expect(try await store.balance(accountId: "acc_1") == Money("9.955"))
        // A clock stepping back into November keeps writing to the newest file, so replay order holds.
        clock.set(november)
        try await store.appendLedger([topUp("acc_1", "1", reference: "pay_back")])
        try await store.close()
        #expect(try lines(of: directory.data + "/journal/2026-11.jsonl").filter { !$0.isEmpty }.count == 1)
        #expect(DataChecker.check(directory: directory.data).isClean)
    }

    @Test("A second open waits for the lock, then fails naming the holder's pid")
    func lockNamesHolder() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try await FileStore.open(configuration(directory.data))
        let start = ContinuousClock.now
        do {
            _ = try await FileStore.open(configuration(directory.data, lockTimeout: .milliseconds(300)))
            Issue.record("a second open got the lock")
        } catch let error as StoreError {
            #expect(ContinuousClock.now - start >= .milliseconds(300))
            #expect(error.description.contains("process \(getpid())"))
        }
        try await store.close()
        let again = try await FileStore.open(configuration(directory.data))
        try await again.close()
    }

    @Test("The balance cache written at close is checked against the ledger at the next start")
    func balanceCacheChecked() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try await openFunded(directory)
        try await store.close()
        let path = directory.data + "/balances.json"
        let cache = try String(contentsOfFile: path, encoding: .utf8)
        #expect(cache.contains("\"acc_1\" : \"10.0000\""))
        try Data(cache.replacingOccurrences(of: "10.0000", with: "12.0000").utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try await FileStore.open(configuration(directory.data))
            Issue.record("a wrong balance cache was accepted")
        } catch StoreError.damaged(let problems) {
            #expect(problems.first?.path == path)
            #expect(problems.first?.message.contains("ledger sums to 10.0000") == true)
        }
    }
}

@Suite("Erasure of stored answers")
struct ErasedAnswerTests {
    @Test("PRIV-1 only stored answers that carry a recipient or a text are erased; others stay replayable")
    func onlyMessageAnswers() {
        #expect(FileStore.holdsMessageData(#"{"id":"sms_1","to":"+8613800138000","body":"hi"}"#))
        #expect(FileStore.holdsMessageData(#"{"to":""}"#))
        #expect(!FileStore.holdsMessageData(#"{"capability":"sms","status":"pending"}"#))
        #expect(!FileStore.holdsMessageData(#"{"id":"pkg_1","name":"sms-cn-10k"}"#))
        #expect(!FileStore.holdsMessageData("not json"))
    }
}
