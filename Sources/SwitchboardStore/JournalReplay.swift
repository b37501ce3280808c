import Foundation
import SwitchboardCore

/// Rebuilds the indexes from the journal at start-up, on all cores: worker threads read,
/// checksum and extract files (alternating), the calling thread applies what they extract in
/// file order. Extraction is three quarters of the work, so with a million sends this roughly
/// halves the start-up time on two cores.
enum JournalReplay {
    struct ScannedFile {
        var month: YearMonth
        var path: String
        var validEnd: Int64
    }

    struct Result {
        var index = StoreIndex()
        var nextSeq: UInt64 = 1
        var files: [ScannedFile] = []
        var tornTail: DataProblem?
        /// Balances right after line `balanceCacheSeq`, when the journal reaches it.
        var cachedBalances: [String: Money]?
    }

    /// One line's indexed facts, as a worker hands it over.
    struct ExtractedLine: Sendable {
        var record: IndexedRecord
        var location: LineLocation
        var seq: UInt64
        var more: Int
        var number: Int
    }

    /// What a worker found in one file besides its lines.
    struct FileEnd: Sendable {
        var problems: [DataProblem]
        var outcome: JournalReader.Outcome
        var nextSeq: UInt64
    }

    /// A bounded queue of batches from the worker reading one file to the index builder.
    final class BatchQueue: @unchecked Sendable {
        // @unchecked: every stored property is read and written only while `condition` is locked.
        private let condition = NSCondition()
        private var batches: [[ExtractedLine]] = []
        private var end: FileEnd?
        private let limit = 4

        func push(_ batch: [ExtractedLine]) {
            condition.lock()
            while batches.count >= limit { condition.wait() }
            batches.append(batch)
            condition.broadcast()
            condition.unlock()
        }

        func finish(_ end: FileEnd) {
            condition.lock()
            self.end = end
            condition.broadcast()
            condition.unlock()
        }

        /// The next batch, or `nil` once the file is done (then `fileEnd()` has the rest).
        func pop() -> [ExtractedLine]? {
            condition.lock()
            defer { condition.unlock() }
            while batches.isEmpty && end == nil { condition.wait() }
            guard !batches.isEmpty else { return nil }
            condition.broadcast()
            return batches.removeFirst()
        }

        func fileEnd() -> FileEnd? {
            condition.lock()
            defer { condition.unlock() }
            return end
        }
    }

    static func run(_ layout: DataLayout, balanceCacheSeq: UInt64?, problems: inout [DataProblem]) -> Result {
        var result = Result()
        let (names, lastNonEmpty) = layout.journalFiles(problems: &problems)
        result.index.reserve(journalBytes: names.reduce(0) { $0 + max(FileIO.size($1.path), 0) })
        if balanceCacheSeq == 0 { result.cachedBalances = [:] }

        let queues = names.map { _ in BatchQueue() }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, names.count, 4))
        let frozenNames = names
        for worker in 0..<workers {
            Thread {
                for position in stride(from: worker, to: frozenNames.count, by: workers) {
                    extract(path: frozenNames[position].path, fileNumber: UInt32(position), isLast: position == lastNonEmpty, into: queues[position])
                }
            }.start()
        }

        var expectedSeq: UInt64 = 1
        for (position, file) in names.enumerated() {
            var first = true
            var applyProblems = 0
            // Workers hand over whole commits only, so each line can be applied as it comes.
            while let batch = queues[position].pop() {
                for index in batch.indices {
                    if first {
                        first = false
                        if batch[index].seq != expectedSeq {
                            problems.append(DataProblem(path: file.path, line: batch[index].number, message: "seq \(batch[index].seq) where \(expectedSeq) was expected: journal lines are missing or repeated between files"))
                        }
                    }
                    if let message = result.index.apply(batch[index].record, at: batch[index].location), applyProblems < 100 {
                        applyProblems += 1
                        problems.append(DataProblem(path: file.path, line: batch[index].number, message: message))
                    }
                    if batch[index].more == 0, batch[index].seq == balanceCacheSeq { result.cachedBalances = result.index.balances }
                }
            }
            guard let end = queues[position].fileEnd() else { continue }
            problems += end.problems
            if end.outcome.firstSeq != nil { expectedSeq = end.nextSeq }
            if let torn = end.outcome.tornTail { result.tornTail = torn }
            result.files.append(ScannedFile(month: file.month, path: file.path, validEnd: end.outcome.validEnd))
        }
        result.nextSeq = expectedSeq
        return result
    }

    /// Reads one file on a worker thread, handing its lines over in batches.
    private static func extract(path: String, fileNumber: UInt32, isLast: Bool, into queue: BatchQueue) {
        let batchSize = 16_384
        var batch: [ExtractedLine] = []
        batch.reserveCapacity(batchSize)
        var problems: [DataProblem] = []
        var seq: UInt64 = 1
        let reader = JournalReader(path: path, isLast: isLast)
        // Lines of a commit wait here until its last line: a commit cut off by a torn tail is
        // never handed over.
        var openCommit: [ExtractedLine] = []
        let outcome = reader.scan(expectedSeq: &seq, acceptAnyFirstSeq: true, problems: &problems) { line, scanner in
            guard let record = IndexedRecord(kind: line.kind, scanner: scanner, record: line.record) else {
                return "a \(line.kind.rawValue) record is missing a field the indexes need"
            }
            let extracted = ExtractedLine(record: record, location: LineLocation(file: fileNumber, offset: line.offset), seq: line.seq, more: line.more, number: line.number)
            if line.more > 0 || !openCommit.isEmpty {
                openCommit.append(extracted)
                guard line.more == 0 else { return nil }
                batch.append(contentsOf: openCommit)
                openCommit.removeAll(keepingCapacity: true)
            } else {
                batch.append(extracted)
            }
            if batch.count >= batchSize {
                queue.push(batch)
                batch.removeAll(keepingCapacity: true)
            }
            return nil
        }
        if !batch.isEmpty { queue.push(batch) }
        queue.finish(FileEnd(problems: problems, outcome: outcome, nextSeq: seq))
    }
}
