import Foundation
import SwitchboardCore
import Testing
@testable import SwitchboardStore

#if canImport(Glibc)
    import Glibc
#endif

/// The product directory holding the test binary, and so `store-crash-child`.
func productsDirectory() -> URL {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
}

@Suite("Crash safety")
struct CrashTests {
    @Test("SIGKILL in the middle of concurrent commits and account rewrites loses no acknowledged write, duplicates nothing, leaves every file parseable")
    func killDuringBurst() async throws {
        let child = productsDirectory().appendingPathComponent("store-crash-child")
        try #require(FileManager.default.isExecutableFile(atPath: child.path), "build store-crash-child first (swift build --build-tests)")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var acknowledged: Set<String> = []
        var totalAcks = 0
        var accountRevision = 0
        for round in 1...6 {
            let process = Process()
            process.executableURL = child
            process.arguments = [directory.data, String(round), "16"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.standardError
            try process.run()
            // Let it get going, then kill it at a different point each round.
            var received = Data()
            let reader = output.fileHandleForReading
            let deadline = Date().addingTimeInterval(10)
            while !String(decoding: received, as: UTF8.self).contains("ready"), Date() < deadline {
                received.append(reader.availableData)
            }
            try await Task.sleep(for: .milliseconds(150 + 70 * round))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)
            received.append(reader.readDataToEndOfFile())
            for line in String(decoding: received, as: UTF8.self).split(separator: "\n") {
                if line.hasPrefix("ack ") {
                    acknowledged.insert(String(line.dropFirst(4)))
                    totalAcks += 1
                } else if line.hasPrefix("account "), let revision = Int(line.dropFirst(8)) {
                    accountRevision = max(accountRevision, revision)
                }
            }
        }
        #expect(totalAcks == acknowledged.count)
        #expect(acknowledged.count > 100, "the child acknowledged too few writes to prove anything")

        // The files parse and keep every invariant (a torn tail is only a warning).
        let report = DataChecker.check(directory: directory.data)
        #expect(report.isClean, "\(report.rendered())")

        // Every acknowledged send is there with its charge; no send is stored twice.
        let store = try await FileStore.open(configuration(directory.data))
        var stored: [String] = []
        var charged: Set<String> = []
        for month in Set([november.month, Timestamp(Date()).month]) {
            stored += try await store.sends(accountId: "acc_crash", month: month).map(\.id)
            charged.formUnion(try await store.ledgerEntries(accountId: "acc_crash", month: month).compactMap(\.sendId))
        }
        #expect(Set(stored).count == stored.count)
        #expect(acknowledged.isSubset(of: Set(stored)))
        #expect(Set(stored) == charged)
        let expected = Money(microUnits: 6 * 1_000_000_000 - Int64(stored.count) * 45_000)
        #expect(try await store.balance(accountId: "acc_crash") == expected)
        // The account file, replaced whole hundreds of times under fire, holds an acknowledged revision or a later one.
        #expect(accountRevision > 1)
        #expect(try await store.account(id: "acc_crash").map(\.revision) ?? 0 >= accountRevision)
        try await store.close()
    }

    @Test("Another process holding data/ makes open wait, then fail naming that process's pid")
    func lockAcrossProcesses() async throws {
        let child = productsDirectory().appendingPathComponent("store-crash-child")
        try #require(FileManager.default.isExecutableFile(atPath: child.path))
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let process = Process()
        process.executableURL = child
        process.arguments = [directory.data, "1", "1"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        var received = Data()
        let deadline = Date().addingTimeInterval(10)
        while !String(decoding: received, as: UTF8.self).contains("ready"), Date() < deadline {
            received.append(output.fileHandleForReading.availableData)
        }
        do {
            let store = try await FileStore.open(configuration(directory.data, lockTimeout: .milliseconds(400)))
            try await store.close()
            Issue.record("opened a data directory another process holds")
        } catch let error as StoreError {
            guard case .locked(_, let pid, let waited) = error else {
                Issue.record("expected .locked, got \(error)")
                return
            }
            #expect(pid == process.processIdentifier)
            #expect(waited >= 0.4)
            #expect(error.description.contains("process \(process.processIdentifier)"))
        }
    }
}
