// `make bench-store`: how fast FileStore makes appends durable, against SQLite doing the same
// (WAL, synchronous=FULL, one transaction per record of the same size), and how fast and how
// lean it opens a data directory holding 1,000,000 sends.
//
// Usage: switchboard-bench-store [WORK-DIR]         run everything (default .build/bench-store)
//        switchboard-bench-store startup DATA-DIR   open once, print seconds and peak RSS
//        switchboard-bench-store generate DATA-DIR  only write the 1M-send data directory
//        switchboard-bench-store check DATA-DIR     time check --data on it
import Foundation
import SwitchboardCore
import SwitchboardStore

let clock = ContinuousClock()
let accountCount = 500
let sendCount = 1_000_000

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func peakResidentKilobytes() -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
}

// MARK: Durable appends with FileStore

/// A top-up of about the size of a charged send's journal line.
func record(_ writer: Int, _ n: Int) -> LedgerEntry {
    LedgerEntry(
        id: "led_w\(writer)_\(n)", accountId: "acc_bench", at: Timestamp(Date()), kind: .topUp, amount: Money(microUnits: 45_000),
        method: "alipay", reference: "ref_w\(writer)_\(n)", description: String(repeating: "x", count: 60))
}

func storeAppends(directory: String, writers: Int, duration: Duration) async throws -> (rate: Double, lineBytes: Int) {
    try? FileManager.default.removeItem(atPath: directory)
    let store = try await FileStore.open(StoreConfiguration(directory: directory, createIfMissing: true))
    _ = try await store.createAccount(
        Account(id: "acc_bench", email: "bench@example.com", entityType: .individual, profile: AccountProfile(displayName: "Bench"), createdAt: Timestamp(Date())))
    let start = clock.now
    let deadline = start + duration
    let total = try await withThrowingTaskGroup(of: Int.self) { group in
        for writer in 0..<writers {
            group.addTask {
                var n = 0
                while clock.now < deadline {
                    try await store.appendLedger([record(writer, n)])
                    n += 1
                }
                return n
            }
        }
        return try await group.reduce(0, +)
    }
    let elapsed = seconds(clock.now - start)
    try await store.close()
    let journal = directory + "/journal"
    let bytes = try FileManager.default.contentsOfDirectory(atPath: journal).reduce(0) {
        $0 + ((try? FileManager.default.attributesOfItem(atPath: journal + "/" + $1)[.size] as? Int) ?? 0)
    }
    return (Double(total) / elapsed, bytes / max(total, 1))
}

// MARK: The same with SQLite

/// Shares one connection between threads (SQLite serialises them): its best case for this load.
final class SQLiteBench: @unchecked Sendable {
    // @unchecked: the connection is opened with SQLITE_OPEN_FULLMUTEX, so SQLite itself
    // serialises every call on it; neither property is reassigned after init.
    let sqlite: SQLiteLibrary
    let db: OpaquePointer

    init(path: String) throws {
        sqlite = try SQLiteLibrary()
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
        var handle: OpaquePointer?
        let flags = SQLiteLibrary.openReadWrite | SQLiteLibrary.openCreate | SQLiteLibrary.openFullMutex
        guard sqlite.open(path, &handle, flags, nil) == SQLiteLibrary.ok, let handle else {
            throw NSError(domain: "sqlite", code: 3, userInfo: [NSLocalizedDescriptionKey: "cannot open \(path)"])
        }
        db = handle
        for sql in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "CREATE TABLE records (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"] {
            guard sqlite.exec(db, sql, nil, nil, nil) == SQLiteLibrary.ok else { fatalError(String(cString: sqlite.errmsg(db))) }
        }
    }

    /// Inserts rows (each its own transaction) from `writers` threads for `duration`; rows per second.
    func run(writers: Int, duration: Duration, rowBytes: Int) -> Double {
        let body = String(repeating: "x", count: rowBytes)
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: writers)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        let group = DispatchGroup()
        let start = clock.now
        let deadline = start + duration
        let countsAddress = UInt(bitPattern: counts.baseAddress)
        for writer in 0..<writers {
            group.enter()
            let thread = Thread { [self] in
                var statement: OpaquePointer?
                guard sqlite.prepare(db, "INSERT INTO records (body) VALUES (?)", -1, &statement, nil) == SQLiteLibrary.ok, let statement else {
                    fatalError(String(cString: sqlite.errmsg(db)))
                }
                var n = 0
                while clock.now < deadline {
                    _ = sqlite.bindText(statement, 1, body, -1, SQLiteLibrary.transient)
                    guard sqlite.step(statement) == SQLiteLibrary.done else { fatalError(String(cString: sqlite.errmsg(db))) }
                    _ = sqlite.reset(statement)
                    n += 1
                }
                _ = sqlite.finalize(statement)
                UnsafeMutablePointer<Int>(bitPattern: countsAddress)?[writer] = n
                group.leave()
            }
            thread.start()
        }
        group.wait()
        let elapsed = seconds(clock.now - start)
        return Double(counts.reduce(0, +)) / elapsed
    }

    deinit { _ = sqlite.close(db) }
}

// MARK: A million sends on disk

/// The id of the n-th send, in the server's shape (`sms_` and 20 letters and digits), which
/// the store's index packs.
func sendId(_ n: Int) -> String {
    let digits = String(n, radix: 36)
    return "sms_" + String(repeating: "0", count: 20 - digits.count) + digits
}

/// Writes `sendCount` charged SMS sends, each delivered (send + charge in one commit, then
/// two status lines), over twelve months and `accountCount` accounts, straight to the files.
func generate(directory: String) throws -> Int {
    try? FileManager.default.removeItem(atPath: directory)
    for folder in ["accounts", "journal", "bills"] {
        try FileManager.default.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true)
    }
    try Data("\(DataLayout.schemaVersion)\n".utf8).write(to: URL(fileURLWithPath: directory + "/VERSION"))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let firstMonth = YearMonth(year: 2025, month: 12)
    for a in 0..<accountCount {
        let account = Account(
            id: "acc_\(a)", email: "dev\(a)@example.com", entityType: .individual, profile: AccountProfile(displayName: "Developer \(a)"),
            createdAt: firstMonth.start, revision: 1)
        try encoder.encode(account).write(to: URL(fileURLWithPath: directory + "/accounts/acc_\(a).json"))
    }
    var seq: UInt64 = 0
    var bytes = 0
    var month = firstMonth
    let perMonth = sendCount / 12
    var buffer: [UInt8] = []
    buffer.reserveCapacity(16 << 20)
    func emit(_ kind: String, _ more: Int, _ json: String) {
        seq += 1
        guard let line = JournalFormat.line(seq: seq, kind: kind, more: more, recordJSON: Array(json.utf8)) else { fatalError("kind") }
        buffer.append(contentsOf: line)
    }
    for m in 0..<12 {
        let path = directory + "/journal/\(month).jsonl"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let start = month.start.millisecondsSince1970
        if m == 0 {
            for a in 0..<accountCount {
                emit("ledger", 0, #"{"accountId":"acc_\#(a)","amount":"100000.0000","at":"\#(month.start)","currency":"CNY","id":"led_topup_\#(a)","kind":"topUp","method":"alipay","reference":"pay_\#(a)"}"#)
            }
        }
        for i in 0..<(m == 11 ? sendCount - perMonth * 11 : perMonth) {
            let n = m * perMonth + i
            let a = n % accountCount
            let at = Timestamp(millisecondsSince1970: start + Int64(i) * 2_000)
            let sent = at.adding(seconds: 1)
            let delivered = at.adding(seconds: 3)
            let id = sendId(n)
            emit("send", 1, #"{"accountId":"acc_\#(a)","body":"【Acme】Your verification code is \#(100000 + n % 900000). It expires in 5 minutes.","channel":"sms","createdAt":"\#(at)","currency":"CNY","id":"\#(id)","price":"0.0450","segments":1,"statusHistory":[{"at":"\#(at)","status":"queued"}],"to":"+86138\#(10_000_000 + n % 89_999_999)"}"#)
            emit("ledger", 0, #"{"accountId":"acc_\#(a)","amount":"-0.0450","at":"\#(at)","currency":"CNY","id":"led_\#(id)","kind":"charge","sendId":"\#(id)","service":"sms"}"#)
            emit("status", 0, #"{"change":{"at":"\#(sent)","status":"sent"},"sendId":"\#(id)"}"#)
            emit("status", 0, #"{"change":{"at":"\#(delivered)","status":"delivered"},"sendId":"\#(id)"}"#)
            if buffer.count > 8 << 20 {
                handle.write(Data(buffer))
                bytes += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(buffer))
        bytes += buffer.count
        buffer.removeAll(keepingCapacity: true)
        try handle.close()
        month = month.next
    }
    return bytes
}

// MARK: Main

let arguments = CommandLine.arguments
if arguments.count == 3, arguments[1] == "startup" {
    let start = clock.now
    let store = try await FileStore.open(StoreConfiguration(directory: arguments[2], warn: { _ in }))
    let elapsed = seconds(clock.now - start)
    let probe = try await store.sends(accountId: "acc_7", month: YearMonth(year: 2026, month: 3)).count
    let balance = try await store.balance(accountId: "acc_7")
    print("startup-seconds \(elapsed) peak-rss-kb \(peakResidentKilobytes()) probe-sends \(probe) probe-balance \(balance)")
    try await store.close()
    exit(0)
}

if arguments.count == 3, arguments[1] == "check" {
    let start = clock.now
    let report = DataChecker.check(directory: arguments[2])
    print(report.rendered(), terminator: "")
    print(String(format: "checked in %.1f s, peak RSS %d MB", seconds(clock.now - start), peakResidentKilobytes() / 1024))
    exit(report.isClean ? 0 : 1)
}

if arguments.count == 3, arguments[1] == "generate" {
    print("wrote \(try generate(directory: arguments[2])) bytes")
    exit(0)
}

let work = arguments.count > 1 ? arguments[1] : ".build/bench-store"
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
let window = Duration.seconds(3)
print("switchboard-bench-store: durable appends for \(window) per case, in \(work)")

let one = try await storeAppends(directory: work + "/appends-1", writers: 1, duration: window)
print(String(format: "FileStore  1 writer : %8.0f appends/s (journal line ~%d bytes)", one.rate, one.lineBytes))
let many = try await storeAppends(directory: work + "/appends-64", writers: 64, duration: window)
print(String(format: "FileStore 64 writers: %8.0f appends/s", many.rate))

let sqlite = try SQLiteBench(path: work + "/bench.sqlite")
let sqliteOne = sqlite.run(writers: 1, duration: window, rowBytes: one.lineBytes)
print(String(format: "SQLite     1 writer : %8.0f rows/s (WAL, synchronous=FULL, one transaction per row)", sqliteOne))
let sqliteMany = sqlite.run(writers: 64, duration: window, rowBytes: one.lineBytes)
print(String(format: "SQLite    64 writers: %8.0f rows/s (one shared connection)", sqliteMany))
print(String(format: "ratio at 64 writers : %8.2f× SQLite (target ≥ 2×)", many.rate / sqliteMany))

let data = work + "/million"
let generateStart = clock.now
let bytes = try generate(directory: data)
print(String(format: "generated %d sends (%d journal lines, %.0f MB) in %.1f s", sendCount, sendCount * 4 + accountCount, Double(bytes) / 1e6, seconds(clock.now - generateStart)))
// Drop nothing from the page cache: this measures replay, not the disk. Each run is a fresh
// process (so its peak RSS is the store's); three runs, since the machine is shared.
func startupRun() throws -> (seconds: Double, rssMB: Double, probe: String) {
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    child.arguments = ["startup", data]
    let pipe = Pipe()
    child.standardOutput = pipe
    try child.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    child.waitUntilExit()
    let fields = output.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    func field(_ name: String) -> String { fields.firstIndex(of: name).map { fields[$0 + 1] } ?? "?" }
    return (Double(field("startup-seconds")) ?? -1, (Double(field("peak-rss-kb")) ?? -1) / 1024,
            "acc_7 has \(field("probe-sends")) sends in 2026-03, balance \(field("probe-balance"))")
}
let runs = try (0..<3).map { _ in try startupRun() }
let times = runs.map(\.seconds).sorted()
let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first ?? "?"
let each = runs.map { String(format: "%.2f", $0.seconds) }.joined(separator: ", ")
print(String(format: "start-up with 1M sends: %.2f s median of 3 runs", times[1]) + " (\(each)) (target ≤ 3 s), "
    + String(format: "peak RSS %.0f MB (target ≤ 300 MB)", runs.map(\.rssMB).max() ?? -1))
print("  (probe: \(runs[0].probe); load average \(load) on \(ProcessInfo.processInfo.activeProcessorCount) cores)")
if ProcessInfo.processInfo.environment["KEEP_BENCH_DATA"] == nil { try? FileManager.default.removeItem(atPath: data) }
