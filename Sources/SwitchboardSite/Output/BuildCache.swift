import Foundation
import SwitchboardCore

/// What the previous build left in `<site>/.switchboard-cache/`: every announcement's front
/// matter and links (so an unchanged file is not read again), and a fingerprint of every page
/// it wrote (so an unchanged page is not rendered or written again).
///
/// A line-per-record text file rather than JSON: a 10,000-announcement site must load and save
/// it in milliseconds for a one-file rebuild to stay a small fraction of a full build.
struct BuildCache: Sendable {
    static let folderName = ".switchboard-cache"
    static let fileName = "build-cache.txt"
    /// Bumped whenever what the cache holds, or how pages are made from it, changes.
    static let formatVersion = "switchboard-build-cache 4"

    /// The output folder the pages were written to.
    var output: String
    /// Fingerprint of everything every page depends on (see `PageFingerprints.global`).
    var global: UInt64
    /// Fingerprint of the route table every link was checked against (`Routes.fingerprint`).
    var routes: UInt64
    /// Announcements by path, as they were when last read.
    var announcements: [String: Announcement]
    /// Output path → fingerprint of its inputs; 0 for files written on every build.
    var outputs: [String: UInt64]
    /// Each announcement's line as read, by path, to write back unchanged.
    var lines: [String: ArraySlice<UInt8>] = [:]

    static func url(site: URL) -> URL {
        site.appendingPathComponent(folderName).appendingPathComponent(fileName)
    }

    /// Reads the cache; anything missing, foreign or damaged means "no cache", never an error.
    static func load(site: URL) async -> BuildCache? {
        guard let data = FileManager.default.contents(atPath: url(site: site).path) else { return nil }
        // Split on bytes: grapheme-aware String splitting costs more than the rest of a rebuild.
        let bytes = [UInt8](data)
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)[...]
        guard let header = lines.popFirst(), text(header) == formatVersion,
            let outputLine = lines.popFirst().map(fields), outputLine.count == 2, text(outputLine[0]) == "output",
            let globalLine = lines.popFirst().map(fields), globalLine.count == 2, text(globalLine[0]) == "global",
            let global = hex(globalLine[1]),
            let routesLine = lines.popFirst().map(fields), routesLine.count == 2, text(routesLine[0]) == "routes",
            let routes = hex(routesLine[1])
        else { return nil }
        var cache = BuildCache(output: unescape(outputLine[1]), global: global, routes: routes, announcements: [:], outputs: [:])
        // Decoding is the bulk of a one-file rebuild; split it across the cores.
        let records = Array(lines.prefix { !$0.isEmpty })
        let decoded = await withTaskGroup(of: DecodedChunk.self) { group in
            for lines in records.chunked(into: ProcessInfo.processInfo.activeProcessorCount) {
                group.addTask {
                    var chunk = DecodedChunk()
                    for line in lines {
                        let record = fields(line)
                        let kind = record.first.map(text)
                        if kind == "a", let announcement = decodeAnnouncement(record.dropFirst()) {
                            chunk.announcements.append(announcement)
                            chunk.lines.append(line)
                        } else if kind == "o", record.count == 3, let fingerprint = hex(record[2]) {
                            chunk.outputs.append((unescape(record[1]), fingerprint))
                        } else {
                            chunk.damaged = true
                        }
                    }
                    return chunk
                }
            }
            return await group.reduce(into: [DecodedChunk]()) { $0.append($1) }
        }
        cache.announcements.reserveCapacity(records.count)
        cache.outputs.reserveCapacity(records.count)
        for chunk in decoded {
            guard !chunk.damaged else { return nil }
            for (announcement, line) in zip(chunk.announcements, chunk.lines) {
                cache.announcements[announcement.file.path] = announcement
                cache.lines[announcement.file.path] = line
            }
            for (path, fingerprint) in chunk.outputs { cache.outputs[path] = fingerprint }
        }
        return cache
    }

    private struct DecodedChunk: Sendable {
        var announcements: [Announcement] = []
        var lines: [ArraySlice<UInt8>] = []
        var outputs: [(String, UInt64)] = []
        var damaged = false
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    private static func fields(_ line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        line.split(separator: 0x09, omittingEmptySubsequences: false)
    }

    /// The cache as the text `load` reads.
    /// An announcement restored from the cache is written back as the very line it was read
    /// from (`lines`), so a one-file rebuild encodes one record, not ten thousand.
    func encoded(reusing lines: [String: ArraySlice<UInt8>] = [:]) -> [UInt8] {
        var bytes = Array("\(BuildCache.formatVersion)\noutput\t\(BuildCache.escape(output))\nglobal\t\(String(global, radix: 16))\nroutes\t\(String(routes, radix: 16))\n".utf8)
        bytes.reserveCapacity(announcements.count * 400 + outputs.count * 64)
        for announcement in announcements.values {
            if !announcement.complete, let line = lines[announcement.file.path] {
                bytes += line
            } else {
                bytes += BuildCache.encode(announcement).utf8
            }
            bytes.append(0x0A)
        }
        for (path, fingerprint) in outputs {
            bytes += "o\t\(BuildCache.escape(path))\t\(String(fingerprint, radix: 16))\n".utf8
        }
        return bytes
    }

    /// Writes encoded cache text through a temporary file and a rename, so a crash leaves the
    /// old cache whole.
    static func write(_ bytes: [UInt8], site: URL) throws {
        let url = BuildCache.url(site: site)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.appendingPathExtension("tmp-\(getpid())")
        try Data(bytes).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    // MARK: Records

    // Moments are written as the bit pattern of their `timeIntervalSince1970` in hex: exact,
    // and read back without parsing a decimal.
    private static func moment(_ date: Date) -> String { String(date.timeIntervalSince1970.bitPattern, radix: 16) }

    private static func moment(_ bytes: ArraySlice<UInt8>) -> Date? {
        hex(bytes).map { Date(timeIntervalSince1970: Double(bitPattern: $0)) }
    }

    private static func encode(_ notice: Announcement) -> String {
        let links = notice.body.links.encodedField
        let lines = Announcement.keys.map { "\(notice.lines[$0])" }.joined(separator: ",")
        let fields: [String] = [
            "a", escape(notice.file.path), "\(notice.file.stamp.size)", "\(notice.file.stamp.modified)",
            String(notice.file.hash, radix: 16), escape(notice.title), notice.kind.rawValue,
            moment(notice.published), notice.effective.map(moment) ?? "",
            notice.window.map { "\(moment($0.start)) \(moment($0.end))" } ?? "",
            escape(notice.summary), notice.draft ? "1" : "0", links,
            notice.body.anchors.encodedField, lines, "\(notice.lines.fallback)",
        ]
        return fields.joined(separator: "\t")
    }

    /// Decodes one `a` record from its fields (as bytes: only text fields become strings).
    private static func decodeAnnouncement(_ fields: ArraySlice<ArraySlice<UInt8>>) -> Announcement? {
        let f = Array(fields)
        guard f.count == 15, let size = integer(f[1]), let modified = integer(f[2]), let hash = hex(f[3]),
            let kind = NoticeKind(rawValue: text(f[5])), let published = moment(f[6]), let fallback = integer(f[14])
        else { return nil }
        let path = unescape(f[0])
        let window: DateInterval? = {
            let ends = f[8].split(separator: 0x20).compactMap(moment)
            guard ends.count == 2, ends[1] >= ends[0] else { return nil }
            return DateInterval(start: ends[0], end: ends[1])
        }()
        let links = LinkList(encoded: f[11])
        let anchors = Anchors(encoded: f[12])
        let numbers = f[13].split(separator: UInt8(ascii: ",")).compactMap(integer)
        guard numbers.count == Announcement.keys.count else { return nil }
        let keyLines = KeyLines(keys: Announcement.keys, lines: numbers.map { Int($0) }, fallback: Int(fallback))
        let summary = unescape(f[9])
        let file = SourceFile(
            path: path, name: SourceFile.name(of: path), frontMatter: "", frontMatterLine: 0, body: "", bodyLine: 0,
            stamp: FileStamp(size: size, modified: modified), hash: hash)
        let body = RenderedMarkdown(html: "", links: links, anchors: anchors, headings: [], clauses: [], summary: summary)
        return Announcement(
            file: file, title: unescape(f[4]), kind: kind, published: published,
            effective: f[7].isEmpty ? nil : moment(f[7]), window: window, summary: summary, draft: f[10].first == UInt8(ascii: "1"),
            body: body, lines: keyLines, complete: false)
    }

    /// A decimal integer written by this file, or `nil`.
    private static func integer(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var digits = bytes[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 19 else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !overflow, !overflow2 else { return nil }
            value = sum
        }
        return negative ? -value : value
    }

    /// A hexadecimal UInt64 written by this file, or `nil`.
    private static func hex(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }

    // MARK: Escaping: tabs, newlines, separators and backslashes never appear raw in a field.

    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x1F }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\u{1F}": result += "\\u"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.contains(0x5C) ? unescape(Substring(text(bytes))) : text(bytes)
    }

    static func unescape(_ text: Substring) -> String {
        guard text.utf8.contains(0x5C) else { return String(text) }
        var result = ""
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                switch scalar {
                case "t": result += "\t"
                case "n": result += "\n"
                case "r": result += "\r"
                case "u": result += "\u{1F}"
                default: result.unicodeScalars.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
