/// JSON objects written by hand, in the very bytes `JSONEncoder` writes with `.sortedKeys` and
/// `.withoutEscapingSlashes`, for the records every send writes (the send, its charge, its
/// status changes) and its answer: the encoder's generic machinery was a tenth of a send's
/// cost. Members are written in the order given, so callers list them sorted by key; tests
/// compare each record written this way with `JSONEncoder`'s bytes.
public struct JSONObjectWriter {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var isEmpty = true

    public init() {}

    /// The object, closed.
    public consuming func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    public mutating func add(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        begin(key)
        Self.append(string: value, to: &bytes)
    }

    public mutating func add(_ key: StaticString, _ value: Int?) {
        guard let value else { return }
        begin(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func add(_ key: StaticString, _ value: Timestamp?) {
        add(key, value?.description)
    }

    public mutating func add(_ key: StaticString, _ value: Money) {
        add(key, value.formatted())
    }

    public mutating func add<Value: RawRepresentable<String>>(_ key: StaticString, _ value: Value?) {
        add(key, value?.rawValue)
    }

    /// An array of objects, each written by `write`.
    public mutating func add<Element>(_ key: StaticString, objects: [Element], _ write: (Element, inout JSONObjectWriter) -> Void) {
        begin(key)
        bytes.append(UInt8(ascii: "["))
        for (index, element) in objects.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            var object = JSONObjectWriter()
            write(element, &object)
            bytes.append(contentsOf: object.finish())
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// An object written by `write`.
    public mutating func add(_ key: StaticString, object write: (inout JSONObjectWriter) -> Void) {
        begin(key)
        var object = JSONObjectWriter()
        write(&object)
        bytes.append(contentsOf: object.finish())
    }

    private mutating func begin(_ key: StaticString) {
        if !isEmpty { bytes.append(UInt8(ascii: ",")) }
        isEmpty = false
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// A JSON string as `JSONEncoder` writes it: `"` and `\` escaped, control characters as
    /// `\b \t \n \f \r` or `\u00xx`, everything else (`/` and non-ASCII included) as it is.
    static func append(string: String, to bytes: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), byte])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0..<0x20:
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension StatusChange {
    /// The change's members, as `JSONEncoder` writes them.
    public func write(to object: inout JSONObjectWriter) {
        object.add("at", at)
        object.add("detail", detail)
        object.add("durationSeconds", durationSeconds)
        object.add("status", status)
    }
}

extension Send {
    /// The send's JSON, as `JSONEncoder` with sorted keys writes it.
    public var json: [UInt8] {
        var object = JSONObjectWriter()
        object.add("accountId", accountId)
        object.add("body", body)
        object.add("callbackURL", callbackURL)
        object.add("channel", channel)
        object.add("createdAt", createdAt)
        object.add("currency", currency)
        object.add("durationSeconds", durationSeconds)
        object.add("erasedAt", erasedAt)
        object.add("from", from)
        object.add("id", id)
        object.add("idempotencyKey", idempotencyKey)
        object.add("price", price)
        object.add("reservedMinutes", reservedMinutes)
        object.add("segments", segments)
        object.add("statusHistory", objects: statusHistory) { $0.write(to: &$1) }
        object.add("to", to)
        return object.finish()
    }
}

extension LedgerEntry {
    /// The entry's JSON, as `JSONEncoder` with sorted keys writes it.
    public var json: [UInt8] {
        var object = JSONObjectWriter()
        object.add("accountId", accountId)
        object.add("amount", amount)
        object.add("at", at)
        object.add("currency", currency)
        object.add("description", description)
        object.add("id", id)
        object.add("kind", kind)
        object.add("method", method)
        object.add("quantity", quantity)
        object.add("reference", reference)
        object.add("sendId", sendId)
        object.add("service", service)
        return object.finish()
    }
}
