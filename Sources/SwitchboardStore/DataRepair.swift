import Foundation
import SwitchboardCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `DataRepair.dropDamagedLines` did.
public struct DataRepairReport: Sendable {
    /// Each dropped line, by its old path and line number, and why.
    public var dropped: [DataProblem]
    /// Where the dropped lines were saved, byte for byte, if any were.
    public var savedTo: String?
    /// Journal lines kept.
    public var kept: Int

    /// The report as the command line prints it.
    public func rendered() -> String {
        var lines = dropped.map { problem in problem.line.map { "\(problem.path):\($0): dropped: \(problem.message)" } ?? "\(problem.path): dropped: \(problem.message)" }
        if let savedTo { lines.append("the dropped lines are saved in \(savedTo)") }
        lines.append("repair: kept \(kept) journal lines, dropped \(dropped.count); now run `switchboard check --data` and fix what it reports")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The repair for a journal that `open` refuses: drop what cannot be trusted, keep the rest.
public enum DataRepair {
    /// Rewrites every journal file keeping only lines with a valid checksum that belong to a
    /// complete commit, numbers them 1, 2, 3… again with fresh checksums, and removes
    /// `balances.json` (its line numbers no longer hold). Dropped lines are saved byte for byte
    /// in `repaired/<time>/` inside the data directory and listed in the report.
    ///
    /// The records on dropped lines are lost; take a copy of the directory first, and run
    /// `check --data` afterwards: a record may refer to one that was dropped. Takes the data
    /// lock, so the server must be stopped.
    public static func dropDamagedLines(directory: String, lockTimeout: Duration = .seconds(5), now: Timestamp) throws -> DataRepairReport {
        let layout = DataLayout(root: directory)
        let lock = try DataLock(path: layout.lock, timeout: lockTimeout)
        defer { lock.release() }
        let io = FileIO(faults: .none)
        var problems: [DataProblem] = []
        let (files, _) = layout.journalFiles(problems: &problems)
        var report = DataRepairReport(dropped: [], savedTo: nil, kept: 0)
        var savedBytes: [UInt8] = []
        var seq: UInt64 = 0
        for file in files {
            var output: [UInt8] = []
            var group: [(line: JournalReader.Line, record: [UInt8], bytes: [UInt8], number: Int)] = []
            func dropGroup(_ why: String) {
                for member in group {
                    report.dropped.append(DataProblem(path: file.path, line: member.number, message: why))
                    savedBytes += member.bytes + [10]
                }
                group = []
            }
            let end = LineSplitter.forEachLine(in: file.path) { raw in
                let bytes = Array(UnsafeRawBufferPointer(rebasing: raw.buffer[raw.range]))
                let scanner = JSONScanner(bytes: raw.buffer)
                guard JournalLine.checksumMatches(UnsafeRawBufferPointer(rebasing: raw.buffer[raw.range])),
                    let line = JournalReader.header(scanner, raw.range)
                else {
                    dropGroup("part of a commit whose other line is damaged")
                    report.dropped.append(DataProblem(path: file.path, line: raw.number, message: "checksum or header does not hold"))
                    savedBytes += bytes + [10]
                    return true
                }
                if let last = group.last, !(line.more == last.line.more - 1 && line.seq == last.line.seq + 1) {
                    dropGroup("part of a commit that is broken off")
                }
                group.append((line, Array(UnsafeRawBufferPointer(rebasing: raw.buffer[line.record])), bytes, raw.number))
                guard line.more == 0 else { return true }
                // (The tail of a commit whose first line was damaged looks like a whole commit
                // of its own; check --data then reports what it refers to.)
                for member in group {
                    seq += 1
                    output += JournalLine.encode(seq: seq, kind: member.line.kind, more: member.line.more, recordJSON: Data(member.record))
                    report.kept += 1
                }
                group = []
                return true
            }
            switch end {
            case .failed(let code, _):
                throw StoreError.io(path: file.path, operation: "read", errno: code)
            case .stopped:
                break
            case .finished(let unterminated, let lines):
                dropGroup("part of a commit cut off at the end of the file")
                if unterminated > 0 {
                    report.dropped.append(DataProblem(path: file.path, line: lines + 1, message: "\(unterminated) bytes without a final newline"))
                }
            }
            try io.replaceFile(at: file.path, with: output)
        }
        if !savedBytes.isEmpty {
            let folder = layout.root + "/repaired/" + now.description.replacingOccurrences(of: ":", with: "-")
            try io.makeDirectories(folder)
            try io.replaceFile(at: folder + "/dropped.jsonl", with: savedBytes)
            report.savedTo = folder + "/dropped.jsonl"
        }
        if FileIO.exists(layout.balances) {
            guard unlink(layout.balances) == 0 else { throw StoreError.io(path: layout.balances, operation: "remove", errno: errno) }
            try io.syncDirectory(layout.root)
        }
        return report
    }
}
