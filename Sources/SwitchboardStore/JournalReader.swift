import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads one journal file line by line in large chunks, checking what every line must satisfy
/// (checksum, sequence number, well-formed header, complete commits) before handing it on.
///
/// Shared by the store's start-up and by `check --data`, so both judge damage the same way:
/// a bad or torn *last* line (and an unfinished commit just before it) is a torn tail to cut;
/// a bad line anywhere else is damage.
struct JournalReader {
    /// One checked line.
    struct Line {
        var seq: UInt64
        var kind: JournalKind
        /// Lines of the same commit that follow this one.
        var more: Int
        /// 1-based.
        var number: Int
        /// Byte offset of the line in its file.
        var offset: Int64
        /// Bytes including the newline.
        var length: Int
        /// The `record` value's range within `bytes`.
        var record: Range<Int>
        /// Where the line starts within `bytes`.
        var start: Int = 0
    }

    /// What the scan found at the end of the file.
    struct Outcome: Sendable {
        /// Bytes of the file that hold complete, checked commits.
        var validEnd: Int64
        /// Set when the end of the file holds a torn line or unfinished commit to cut off.
        var tornTail: DataProblem?
        /// Lines handed to the body that belong to the cut-off commit and must be forgotten.
        var linesToForget: Int
        /// The seq of the file's first line, if it has one.
        var firstSeq: UInt64? = nil
    }

    let path: String
    /// Whether this is the newest non-empty file, the only one a crash can leave torn.
    let isLast: Bool

    /// Scans the file, calling `body` for each good line (a returned message is a problem at
    /// that line), appending damage to `problems`, and advancing `expectedSeq`.
    /// With `acceptAnyFirstSeq`, the first line may carry any seq (files read in parallel;
    /// the caller checks that files join up).
    func scan(
        expectedSeq: inout UInt64, acceptAnyFirstSeq: Bool = false, problems: inout [DataProblem],
        _ body: (Line, JSONScanner) -> String?
    ) -> Outcome {
        var firstSeq: UInt64? = nil
        var outcome = scanLines(expectedSeq: &expectedSeq, acceptAnyFirstSeq: acceptAnyFirstSeq, firstSeq: &firstSeq, problems: &problems, body)
        outcome.firstSeq = firstSeq
        return outcome
    }

    private func scanLines(
        expectedSeq: inout UInt64, acceptAnyFirstSeq: Bool, firstSeq: inout UInt64?, problems: inout [DataProblem],
        _ body: (Line, JSONScanner) -> String?
    ) -> Outcome {
        var lineNumber = 0
        var badLine: (number: Int, offset: Int64, reason: String)? = nil
        var groupStart: (number: Int, offset: Int64)? = nil
        var groupRemaining = 0
        var linesInGroup = 0
        var validEnd: Int64 = 0
        var stopped = false
        let end = LineSplitter.forEachLine(in: path) { raw in
            lineNumber = raw.number
            if let bad = badLine {
                // A bad line with more lines after it is damage, not a torn tail.
                problems.append(DataProblem(path: path, line: bad.number, message: bad.reason + Self.notLastAdvice))
                return false
            }
            guard JournalLine.checksumMatches(UnsafeRawBufferPointer(rebasing: raw.buffer[raw.range])) else {
                badLine = (raw.number, raw.offset, "checksum mismatch (the line was changed or only partly written)")
                return true
            }
            let scanner = JSONScanner(bytes: raw.buffer)
            guard var line = Self.header(scanner, raw.range) else {
                badLine = (raw.number, raw.offset, "not a journal line: needs seq, kind, more and record")
                return true
            }
            line.number = raw.number
            line.offset = raw.offset
            line.length = raw.range.count + 1
            line.start = raw.range.lowerBound
            if firstSeq == nil {
                firstSeq = line.seq
                if acceptAnyFirstSeq { expectedSeq = line.seq }
            }
            guard line.seq == expectedSeq else {
                let what = line.seq < expectedSeq ? "repeats an earlier line" : "lines are missing before it"
                problems.append(DataProblem(path: path, line: raw.number, message: "seq \(line.seq) where \(expectedSeq) was expected: \(what)"))
                return false
            }
            if groupRemaining > 0, line.more != groupRemaining - 1 {
                problems.append(DataProblem(path: path, line: raw.number, message: "a commit is broken off: \(groupRemaining) more line(s) were announced"))
                return false
            }
            if groupRemaining == 0, line.more > 0 {
                groupStart = (raw.number, raw.offset)
                linesInGroup = 0
            }
            groupRemaining = line.more
            linesInGroup += 1
            expectedSeq += 1
            if let message = body(line, scanner) {
                problems.append(DataProblem(path: path, line: raw.number, message: message))
                if problems.count >= 100 { return false }
            }
            if groupRemaining == 0 { validEnd = raw.offset + Int64(line.length) }
            return true
        }
        let unterminated: Int
        switch end {
        case .stopped:
            stopped = true
            unterminated = 0
        case .failed(let code, let line):
            problems.append(DataProblem(path: path, line: line > 1 ? line : nil, message: "cannot be read: \(StoreError.describe(errno: code))"))
            stopped = true
            unterminated = 0
        case .finished(let bytes, _):
            unterminated = bytes
        }
        guard !stopped else { return Outcome(validEnd: validEnd, tornTail: nil, linesToForget: 0) }

        guard badLine != nil || unterminated > 0 || groupRemaining > 0 else {
            return Outcome(validEnd: validEnd, tornTail: nil, linesToForget: 0)
        }
        if let bad = badLine, unterminated > 0 {
            // Only the last line may be torn: a bad line with bytes after it is damage.
            problems.append(DataProblem(path: path, line: bad.number, message: bad.reason + Self.notLastAdvice))
            return Outcome(validEnd: validEnd, tornTail: nil, linesToForget: 0)
        }
        var what: [String] = []
        if let bad = badLine { what.append("line \(bad.number): \(bad.reason)") }
        if unterminated > 0 { what.append("\(unterminated) bytes without a final newline") }
        if groupRemaining > 0, let start = groupStart {
            what.append("an unfinished commit from line \(start.number) (\(groupRemaining) line(s) missing)")
        }
        let firstLine = groupRemaining > 0 ? (groupStart?.number ?? lineNumber) : (badLine?.number ?? lineNumber + 1)
        guard isLast else {
            problems.append(DataProblem(path: path, line: firstLine, message: what.joined(separator: "; ") + Self.notLastAdvice))
            return Outcome(validEnd: validEnd, tornTail: nil, linesToForget: 0)
        }
        let tail = DataProblem(
            path: path, line: firstLine,
            message: "torn tail from an interrupted write, never acknowledged: " + what.joined(separator: "; "))
        if groupRemaining > 0 { expectedSeq -= UInt64(linesInGroup) }
        return Outcome(validEnd: validEnd, tornTail: tail, linesToForget: groupRemaining > 0 ? linesInGroup : 0)
    }

    private static let notLastAdvice = " (this is not the end of the newest file, so it is not a torn write: the file was damaged)"

    /// Reads the top-level members; `nil` when one is missing or malformed.
    static func header(_ scanner: JSONScanner, _ range: Range<Int>) -> Line? {
        fastHeader(scanner, range) ?? generalHeader(scanner, range)
    }

    /// The header as the store writes it, `{"seq":N,"kind":"K","more":M,"record":{…},"crc":…}`,
    /// read by position without scanning the record; `nil` for any other layout.
    private static func fastHeader(_ scanner: JSONScanner, _ range: Range<Int>) -> Line? {
        let bytes = scanner.bytes
        var index = range.lowerBound
        func expect(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard index + count <= range.upperBound, scanner.key(index..<(index + count), is: text) else { return false }
            index += count
            return true
        }
        func digits() -> UInt64? {
            let start = index
            while index < range.upperBound, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            return scanner.integer(start..<index)
        }
        guard expect("{\"seq\":"), let seq = digits(), expect(",\"kind\":\"") else { return nil }
        let kindStart = index
        while index < range.upperBound, bytes[index] != 34 { index += 1 }
        guard let kind = scanner.enumValue((kindStart - 1)..<(index + 1), JournalKind.self) else { return nil }
        index += 1
        guard expect(",\"more\":"), let more = digits(), expect(",\"record\":") else { return nil }
        let record = index..<(range.upperBound - JournalLine.crcTailLength)
        guard record.count >= 2, bytes[record.lowerBound] == UInt8(ascii: "{"), bytes[record.upperBound - 1] == UInt8(ascii: "}") else { return nil }
        return Line(seq: seq, kind: kind, more: Int(more), number: 0, offset: 0, length: 0, record: record)
    }

    private static func generalHeader(_ scanner: JSONScanner, _ range: Range<Int>) -> Line? {
        var seq: UInt64?
        var kind: JournalKind?
        var more: Int?
        var record: Range<Int>?
        let wellFormed = scanner.forEachMember(of: range) { key, value in
            if scanner.key(key, is: "seq") {
                seq = scanner.integer(value)
            } else if scanner.key(key, is: "kind") {
                kind = scanner.string(value).flatMap(JournalKind.init(rawValue:))
            } else if scanner.key(key, is: "more") {
                more = scanner.integer(value).map { Int($0) }
            } else if scanner.key(key, is: "record") {
                record = value
            }
        }
        guard wellFormed, let seq, let kind, let more, let record, scanner.bytes[record.lowerBound] == UInt8(ascii: "{") else { return nil }
        return Line(seq: seq, kind: kind, more: more, number: 0, offset: 0, length: 0, record: record)
    }
}
