#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import SwitchboardCore

/// A minimal scanner over one JSON object's bytes that finds members without decoding the
/// whole value. Start-up reads a million lines; full `JSONDecoder` decoding of each would
/// cost seconds, while the indexes need only a few scalar fields. Anything unusual (escapes,
/// malformed JSON) makes it return `nil`, and the caller reports the line.
struct JSONScanner {
    let bytes: UnsafeRawBufferPointer

    /// Calls `body` with the key and value ranges of each member of the object at `range`.
    /// Returns `false` when the bytes are not a well-formed object.
    func forEachMember(of range: Range<Int>, _ body: (Range<Int>, Range<Int>) -> Void) -> Bool {
        forEachMemberWhile(of: range) { key, value in
            body(key, value)
            return true
        }
    }

    /// Like `forEachMember`, stopping (successfully) as soon as `body` returns `false`; the rest
    /// of the object is then not examined.
    func forEachMemberWhile(of range: Range<Int>, _ body: (Range<Int>, Range<Int>) -> Bool) -> Bool {
        var index = skipSpace(range.lowerBound, range.upperBound)
        guard index < range.upperBound, bytes[index] == UInt8(ascii: "{") else { return false }
        index = skipSpace(index + 1, range.upperBound)
        if index < range.upperBound, bytes[index] == UInt8(ascii: "}") { return true }
        while index < range.upperBound {
            guard bytes[index] == UInt8(ascii: "\""), let keyEnd = skipString(index, range.upperBound) else { return false }
            let key = (index + 1)..<(keyEnd - 1)
            index = skipSpace(keyEnd, range.upperBound)
            guard index < range.upperBound, bytes[index] == UInt8(ascii: ":") else { return false }
            index = skipSpace(index + 1, range.upperBound)
            guard let valueEnd = skipValue(index, range.upperBound) else { return false }
            guard body(key, index..<valueEnd) else { return true }
            index = skipSpace(valueEnd, range.upperBound)
            guard index < range.upperBound else { return false }
            if bytes[index] == UInt8(ascii: "}") { return true }
            guard bytes[index] == UInt8(ascii: ",") else { return false }
            index = skipSpace(index + 1, range.upperBound)
        }
        return false
    }

    /// Calls `body` with the range of each element of the array at `range`.
    func forEachElement(of range: Range<Int>, _ body: (Range<Int>) -> Void) -> Bool {
        var index = skipSpace(range.lowerBound, range.upperBound)
        guard index < range.upperBound, bytes[index] == UInt8(ascii: "[") else { return false }
        index = skipSpace(index + 1, range.upperBound)
        if index < range.upperBound, bytes[index] == UInt8(ascii: "]") { return true }
        while index < range.upperBound {
            guard let end = skipValue(index, range.upperBound) else { return false }
            body(index..<end)
            index = skipSpace(end, range.upperBound)
            guard index < range.upperBound else { return false }
            if bytes[index] == UInt8(ascii: "]") { return true }
            guard bytes[index] == UInt8(ascii: ",") else { return false }
            index = skipSpace(index + 1, range.upperBound)
        }
        return false
    }

    /// Whether the key at `range` is exactly `name`.
    @inline(__always)
    func key(_ range: Range<Int>, is name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount, let base = bytes.baseAddress else { return false }
        return memcmp(base + range.lowerBound, name.utf8Start, range.count) == 0
    }

    /// The case of `E` whose raw value is the string at `range`, matched without making a `String`.
    func enumValue<E: RawRepresentable & CaseIterable>(_ range: Range<Int>, _ type: E.Type) -> E? where E.RawValue == String {
        guard let inner = stringBytes(range), let base = inner.baseAddress else { return nil }
        for value in E.allCases {
            var raw = value.rawValue
            let matches = raw.withUTF8 { $0.count == inner.count && $0.baseAddress.map { memcmp($0, base, inner.count) == 0 } == true }
            if matches { return value }
        }
        return nil
    }

    /// The value of a string without escapes; `nil` for anything else.
    func string(_ range: Range<Int>) -> String? {
        stringBytes(range).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes of a string without escapes, quotes excluded; `nil` for anything else.
    func stringBytes(_ range: Range<Int>) -> UnsafeRawBufferPointer? {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\""), bytes[range.upperBound - 1] == UInt8(ascii: "\"") else { return nil }
        let inner = UnsafeRawBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
        guard inner.baseAddress.map({ memchr($0, 92, inner.count) == nil }) ?? true else { return nil }
        return inner
    }

    /// The month a timestamp string starts with.
    func month(_ range: Range<Int>) -> YearMonth? { stringBytes(range).flatMap { YearMonth(utf8: $0, prefixOf: true) } }

    func timestamp(_ range: Range<Int>) -> Timestamp? { stringBytes(range).flatMap { Timestamp(utf8: $0) } }

    func money(_ range: Range<Int>) -> Money? { stringBytes(range).flatMap { Money(utf8: $0) } }

    /// The value of a non-negative integer; `nil` for anything else.
    func integer(_ range: Range<Int>) -> UInt64? {
        guard !range.isEmpty, range.count <= 19 else { return nil }
        var value: UInt64 = 0
        for index in range {
            let byte = bytes[index]
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + UInt64(byte - 48)
        }
        return value
    }

    /// Whether the value is the literal `true`.
    func isTrue(_ range: Range<Int>) -> Bool { range.count == 4 && bytes[range.lowerBound] == UInt8(ascii: "t") }

    private func skipSpace(_ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end {
            let byte = bytes[index]
            guard byte == 32 || byte == 9 || byte == 10 || byte == 13 else { break }
            index += 1
        }
        return index
    }

    /// The index just past the string that opens at `start`.
    private func skipString(_ start: Int, _ end: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = start + 1
        while index < end {
            // memchr finds the next quote quickly; a quote preceded by an odd run of
            // backslashes is escaped and does not end the string.
            guard let found = memchr(base + index, 34, end - index) else { return nil }
            let quote = base.distance(to: UnsafeRawPointer(found))
            var backslashes = 0
            while quote - backslashes - 1 > start, bytes[quote - backslashes - 1] == 92 { backslashes += 1 }
            if backslashes % 2 == 0 { return quote + 1 }
            index = quote + 1
        }
        return nil
    }

    /// The index just past the value that starts at `start`.
    private func skipValue(_ start: Int, _ end: Int) -> Int? {
        guard start < end else { return nil }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return skipString(start, end)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < end {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    guard let next = skipString(index, end) else { return nil }
                    index = next
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default:
                    break
                }
                index += 1
            }
            return nil
        default:
            var index = start
            while index < end {
                let byte = bytes[index]
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || byte == 32 { break }
                index += 1
            }
            return index > start ? index : nil
        }
    }
}
