import Foundation
import SwitchboardCore

/// The kinds of record in the journal, each line's `"kind"`.
enum JournalKind: String, Sendable, CaseIterable {
    case send
    case ledger
    case status
    case idempotency
    case optOut
    case webhook
}

/// A status change appended to a send after its creation (kind `status`).
struct SendStatusUpdate: Sendable, Hashable, Codable {
    var sendId: String
    var change: StatusChange

    /// As `JSONEncoder` with sorted keys writes it.
    var json: [UInt8] {
        var object = JSONObjectWriter()
        object.add("change") { change.write(to: &$0) }
        object.add("sendId", sendId)
        return object.finish()
    }
}

/// How one journal line is written and checked:
///
/// `{"seq":42,"kind":"ledger","more":0,"record":{…},"crc":"1a2b3c4d"}` + newline.
///
/// `seq` rises by one per line across all files; `more` is how many lines of the same atomic
/// commit follow this one; `crc` is the CRC-32 of every byte before `,"crc":`.
enum JournalLine {
    /// `,"crc":"xxxxxxxx"}` — the fixed-size tail of every line.
    static let crcTailLength = 18

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The line's bytes, newline included.
    static func encode(seq: UInt64, kind: JournalKind, more: Int, recordJSON: Data) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(recordJSON.count + 80)
        line.append(contentsOf: "{\"seq\":\(seq),\"kind\":\"\(kind.rawValue)\",\"more\":\(more),\"record\":".utf8)
        line.append(contentsOf: recordJSON)
        let crc = line.withUnsafeBytes { CRC32.checksum($0) }
        line.append(contentsOf: ",\"crc\":\"\(CRC32.hex(crc))\"}\n".utf8)
        return line
    }

    /// Whether `line` (without its newline) ends in a CRC tail that matches its body.
    static func checksumMatches(_ line: UnsafeRawBufferPointer) -> Bool {
        let count = line.count
        guard count > crcTailLength + 2 else { return false }
        let tail = UnsafeRawBufferPointer(rebasing: line[(count - crcTailLength)...])
        let prefix = Array(",\"crc\":\"".utf8)
        for (index, byte) in prefix.enumerated() where tail[index] != byte { return false }
        guard tail[16] == UInt8(ascii: "\""), tail[17] == UInt8(ascii: "}") else { return false }
        var stored: UInt32 = 0
        for index in 8..<16 {
            let byte = tail[index]
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 97...102: digit = UInt32(byte - 87)
            default: return false
            }
            stored = stored << 4 | digit
        }
        return CRC32.checksum(UnsafeRawBufferPointer(rebasing: line[..<(count - crcTailLength)])) == stored
    }
}

/// Writes journal lines outside a running store: importers and the benchmark's generator of
/// a million sends. The caller owns sequence numbers and must take the data lock itself.
public enum JournalFormat {
    /// The complete line (newline included) for a record already encoded as JSON, or `nil`
    /// for an unknown kind (`send`, `ledger`, `status`, `idempotency`, `optOut`,
    /// `webhook`).
    public static func line(seq: UInt64, kind: String, more: Int = 0, recordJSON: [UInt8]) -> [UInt8]? {
        guard let kind = JournalKind(rawValue: kind) else { return nil }
        return JournalLine.encode(seq: seq, kind: kind, more: more, recordJSON: Data(recordJSON))
    }
}
