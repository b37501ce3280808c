/// A minimal scanner over one JSON object's bytes that finds members without decoding the
/// whole value. Start-up reads a million lines; full `JSONDecoder` decoding of each would
/// cost seconds, while the indexes need only a few scalar fields. Anything unusual (escapes,
/// malformed JSON) makes it return `nil`, and the caller reports the line.
struct JSONScanner {
    let bytes: UnsafeRawBufferPointer

    /// Calls `body` with the key and value ranges of each member of the object at `range`.
    /// Returns `false` when the bytes are not a well-formed object.
    func forEachMember(of range: Range<Int>, _ body: (Range<Int>, Range<Int>) -> Void) -> Bool {
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
            body(key, index..<valueEnd)
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
    func key(_ range: Range<Int>, is name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        let start = name.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != start[offset] { return false }
        return true
    }

    /// The value of a string without escapes; `nil` for anything else.
    func string(_ range: Range<Int>) -> String? {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\""), bytes[range.upperBound - 1] == UInt8(ascii: "\"") else { return nil }
        let inner = (range.lowerBound + 1)..<(range.upperBound - 1)
        for index in inner where bytes[index] == UInt8(ascii: "\\") { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[inner]), as: UTF8.self)
    }

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
        var index = start + 1
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { return index + 1 }
            index += byte == UInt8(ascii: "\\") ? 2 : 1
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
