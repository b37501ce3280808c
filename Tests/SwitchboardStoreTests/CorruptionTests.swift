import Foundation
import SwitchboardCore
import Testing
@testable import SwitchboardStore

#if canImport(Glibc)
    import Glibc
#endif

/// Each damage ends in a clear error or warning naming the file (and line), never a crash, and
/// acknowledged data is never lost or overwritten.
@Suite("Damaged data")
struct CorruptionTests {
    /// A store with a top-up and three charged sends: 1 + 3×2 = 7 journal lines.
    func populated() async throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let store = try await openFunded(directory)
        for n in 1...3 {
            let send = sms("snd_\(n)", account: "acc_1")
            try await store.commit(StoreTransaction(sends: [send], ledgerEntries: [charge(for: send)]))
        }
        try await store.close()
        try FileManager.default.removeItem(atPath: directory.data + "/balances.json")
        return directory
    }

    func openError(_ directory: TemporaryDirectory) async -> StoreError? {
        do {
            let store = try await FileStore.open(configuration(directory.data))
            try? await store.close()
            return nil
        } catch {
            return error as? StoreError
        }
    }

    /// The problems the store refused to open with; records an issue when it opened or failed otherwise.
    func damage(_ directory: TemporaryDirectory, sourceLocation: SourceLocation = #_sourceLocation) async -> [DataProblem] {
        let error = await openError(directory)
        guard case .damaged(let problems)? = error else {
            Issue.record("expected .damaged, got \(String(describing: error))", sourceLocation: sourceLocation)
            return []
        }
        return problems
    }

    @Test("A torn last line is cut off with a warning that says what was dropped; every acknowledged line stays")
    func tornTail() async throws {
        let directory = try await populated()
        defer { directory.remove() }
        let path = novemberJournal(directory)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"seq\":8,\"kind\":\"send\",\"more\":1,\"rec".utf8))
        try handle.close()

        let warnings = WarningLog()
        let store = try await FileStore.open(configuration(directory.data, warnings: warnings))
        #expect(warnings.all.count == 1)
        #expect(warnings.all.first?.path == path)
        #expect(warnings.all.first?.message.contains("torn tail") == true)
        #expect(try await store.sends(accountId: "acc_1", month: YearMonth(year: 2026, month: 11)).count == 3)
        let send = sms("snd_4", account: "acc_1")
        let receipt = try await store.commit(StoreTransaction(sends: [send], ledgerEntries: [charge(for: send)]))
        #expect(receipt.firstSeq == 8)
        try await store.close()
        #expect(try lines(of: path).filter { !$0.isEmpty }.count == 9)
        #expect(DataChecker.check(directory: directory.data).isClean)
    }

    @Test("A torn tail in the newest non-empty file is cut even when an empty newer month file follows it")
    func tornTailBeforeEmptyMonth() async throws {
        let directory = try await populated()
        defer { directory.remove() }
        let path = novemberJournal(directory)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"seq\":8,\"ki".utf8))
        try handle.close()
        _ = FileManager.default.createFile(atPath: directory.data + "/journal/2026-12.jsonl", contents: nil)
        let warnings = WarningLog()
        let store = try await FileStore.open(configuration(directory.data, warnings: warnings))
        try await store.close()
        #expect(warnings.all.first?.path == path)
        #expect(DataChecker.check(directory: directory.data).warnings.isEmpty)
    }

    @Test("A commit cut off after its first line is dropped whole: no send without its charge")
    func unfinishedCommit() async throws {
        let directory = try await populated()
        defer { directory.remove() }
        let path = novemberJournal(directory)
        var all = try lines(of: path)
        // Remove the last commit's final line (the charge), keeping its send line.
        all.remove(at: all.count - 2)
        try write(all, to: path)
        let report = DataChecker.check(directory: directory.data)
        #expect(report.isClean)
        #expect(report.warnings.first?.message.contains("unfinished commit") == true)
        let store = try await FileStore.open(configuration(directory.data))
        #expect(try await store.send(id: "snd_3") == nil)
        #expect(try await store.balance(accountId: "acc_1") == Money("9.91"))
        try await store.close()
    }

    @Test("A garbage line in the middle refuses to open, naming path and line, and changes nothing")
    func garbageInTheMiddle() async throws {
        let directory = try await populated()
        defer { directory.remove() }
        let path = novemberJournal(directory)
        var all = try lines(of: path)
        all[2] = "this is not json"
        try write(all, to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = await openError(directory)
        guard case .damaged(let problems)? = error else {
            Issue.record("expected .damaged, got \(String(describing: error))")
            return
        }
        #expect(problems.first?.path == path)
        #expect(problems.first?.line == 3)
        #expect(error?.description.contains("To repair") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let report = DataChecker.check(directory: directory.data)
        #expect(report.problems.first?.line == 3)
        #expect(report.rendered().contains("\(path):3: error:"))
    }

    @Test("A changed byte in an old line fails its checksum and refuses to open")
    func bitFlip() async throws {
        let directory = try await populated()
        defer { directory.remove() }
        let path = novemberJournal(directory)
        var all = try lines(of: path)
        all[0] = all[0].replacingOccurrences(of: "10.0000", with: "90.0000")
        try write(all, to: path)
        let problems = await damage(directory)
        #expect(problems.first?.line == 1)
        #expect(problems.first?.message.contains("checksum") == true)
    }

    @Test("A truncated file that is not the newest refuses to open: it cannot be a torn write")
    func truncatedOlderFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let clock = TestClock(november)
        let store = try await openFunded(directory, clock: clock)
        clock.set(Timestamp("2026-12-02T00:00:00.000Z")!)
        try await store.appendLedger([topUp("acc_1", "1", reference: "pay_dec", at: clock.read())])
        try await store.close()
        let path = novemberJournal(directory)
        let size = FileIO.size(path)
        #expect(truncate(path, off_t(size - 10)) == 0)
        let problems = await damage(directory)
        #expect(problems.first?.path == path)
        #expect(problems.first?.message.contains("not the end of the newest file") == true)
    }

    @Test("A missing line (a seq gap) refuses to open")
    func missingLine() async throws {
        let directory = try await populated()
        defer { directory.remove() }
        let path = novemberJournal(directory)
        var all = try lines(of: path)
        all.remove(at: 1)
        all.remove(at: 1)
        try write(all, to: path)
        let problems = await damage(directory)
        #expect(problems.first?.message.contains("missing") == true)
    }

    @Test("A wrong schema version refuses to open and says which version it found")
    func wrongVersion() async throws {
        let directory = try await populated()
        defer { directory.remove() }
        try Data("7\n".utf8).write(to: URL(fileURLWithPath: directory.data + "/VERSION"))
        let error = await openError(directory)
        guard case .wrongSchemaVersion(_, let found, let expected)? = error else {
            Issue.record("expected .wrongSchemaVersion, got \(String(describing: error))")
            return
        }
        #expect(found == "7")
        #expect(expected == 1)
        #expect(!DataChecker.check(directory: directory.data).isClean)
    }

    @Test("A non-empty directory without VERSION is not taken over, even with createIfMissing")
    func foreignDirectory() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.data, withIntermediateDirectories: true)
        try Data("my notes".utf8).write(to: URL(fileURLWithPath: directory.data + "/notes.txt"))
        guard case .notADataDirectory? = await openError(directory) else {
            Issue.record("expected .notADataDirectory")
            return
        }
        #expect(FileIO.list(directory.data) == [".lock", "notes.txt"])
    }

    @Test("An unreadable file refuses to open with its path")
    func unreadableFile() async throws {
        let directory = try await populated()
        defer { directory.remove() }
        // Tests may run as root, who reads any mode; a directory in a file's place cannot be read by anyone.
        let path = directory.data + "/journal/2026-10.jsonl"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let problems = await damage(directory)
        #expect(problems.contains { $0.path == path && $0.message.contains("cannot be read") })

        try FileManager.default.removeItem(atPath: path)
        let account = directory.data + "/accounts/acc_1.json"
        try FileManager.default.removeItem(atPath: account)
        try FileManager.default.createDirectory(atPath: account, withIntermediateDirectories: false)
        let accountProblems = await damage(directory)
        #expect(accountProblems.contains { $0.path == account })
    }

    @Test("An account file that does not parse refuses to open, naming the file and the field")
    func brokenAccount() async throws {
        let directory = try await populated()
        defer { directory.remove() }
        let path = directory.data + "/accounts/acc_1.json"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"email\"", with: "\"e-mail\"")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let problems = await damage(directory)
        #expect(problems.first?.path == path)
        #expect(problems.first?.message.contains("email") == true)
    }

    @Test("A full disk (ENOSPC on the journal write) stops the store with a clear error; acknowledged data stays")
    func fullDisk() async throws {
        let directory = try await populated()
        defer { directory.remove() }
        let full = Locked(false)
        let faults = IOFaults(write: { path in full.withLock { $0 } && path.hasSuffix(".jsonl") ? ENOSPC : nil })
        let store = try await FileStore.open(configuration(directory.data, faults: faults))
        full.withLock { $0 = true }
        let send = sms("snd_4", account: "acc_1")
        do {
            try await store.commit(StoreTransaction(sends: [send], ledgerEntries: [charge(for: send)]))
            Issue.record("the write succeeded on a full disk")
        } catch StoreError.fatal(let message) {
            #expect(message.contains("No space left on device"))
        }
        // Stopped for good: no retry-and-carry-on, not even for reads.
        await #expect(throws: StoreError.self) { try await store.balance(accountId: "acc_1") }
        try? await store.close()

        let reopened = try await FileStore.open(configuration(directory.data))
        #expect(try await reopened.send(id: "snd_4") == nil)
        #expect(try await reopened.sends(accountId: "acc_1", month: YearMonth(year: 2026, month: 11)).count == 3)
        try await reopened.close()
        #expect(DataChecker.check(directory: directory.data).isClean)
    }

    @Test("A failed fsync is fatal: the waiting commit fails and nothing is retried")
    func failedFsync() async throws {
        let directory = try await populated()
        defer { directory.remove() }
        let broken = Locked(false)
        let faults = IOFaults(sync: { path in broken.withLock { $0 } && path.hasSuffix(".jsonl") ? EIO : nil })
        let store = try await FileStore.open(configuration(directory.data, faults: faults))
        broken.withLock { $0 = true }
        await #expect(throws: StoreError.self) { try await store.appendLedger([topUp("acc_1", "1", reference: "pay_x")]) }
        broken.withLock { $0 = false }
        await #expect(throws: StoreError.self) { try await store.appendLedger([topUp("acc_1", "1", reference: "pay_y")]) }
        try? await store.close()
    }

    @Test("A failed account write leaves the old file and the old record in place")
    func failedAccountWrite() async throws {
        let directory = try await populated()
        defer { directory.remove() }
        let faults = IOFaults(write: { path in path.contains("/accounts/") ? ENOSPC : nil })
        let store = try await FileStore.open(configuration(directory.data, faults: faults))
        await #expect(throws: StoreError.self) {
            _ = try await store.updateAccount(id: "acc_1") { $0.profile.displayName = "Changed" }
        }
        #expect(try await store.account(id: "acc_1")?.profile.displayName == "acc_1")
        #expect(FileIO.list(directory.data + "/accounts") == ["acc_1.json"])
        try await store.close()
    }
}



@Suite("Repair")
struct RepairTests {
    @Test("Dropping a damaged line takes its whole commit, renumbers the rest, saves what was dropped, and the store opens again")
    func dropDamagedLines() async throws {
        let directory = try await CorruptionTests().populated()
        defer { directory.remove() }
        let path = novemberJournal(directory)
        var all = try lines(of: path)
        all[2] = "this is not json"  // the charge of snd_1, whose send is on line 2
        try write(all, to: path)
        let report = try DataRepair.dropDamagedLines(directory: directory.data, now: november)
        #expect(report.dropped.map(\.line) == [2, 3])
        #expect(report.kept == 5)
        let saved = try String(contentsOfFile: try #require(report.savedTo), encoding: .utf8)
        #expect(saved.contains("this is not json") && saved.contains("snd_1"))
        #expect(report.rendered().contains("\(path):3: dropped:"))
        #expect(DataChecker.check(directory: directory.data).isClean)
        let store = try await FileStore.open(configuration(directory.data))
        #expect(try await store.send(id: "snd_1") == nil)
        #expect(try await store.send(id: "snd_2") != nil)
        #expect(try await store.balance(accountId: "acc_1") == Money("9.91"))
        try await store.close()
    }
}
