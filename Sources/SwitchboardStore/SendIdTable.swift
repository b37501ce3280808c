/// The store's send ids → slot numbers, for millions of sends without a heap string per id.
///
/// An id the server makes (`sms_` or `call_`, then 20 letters and digits) is packed into 16
/// bytes kept in slot order: the prefix's number, then the rest six bits a character. Ids are
/// found through an open-addressed table of slot numbers: about 24 bytes per send, where a
/// `[String: Int32]` takes over 100 (a 64-byte heap string each, and the dictionary's buckets).
/// Other ids, which only hand-written data has, go to a dictionary.
struct SendIdTable: Sendable {
    /// An id's prefix number (1 or 2) in the top byte of `high`, and up to 20 characters after
    /// the prefix, six bits each (1–63; 0 ends the id) in the 120 bits below; all zeros for an
    /// id kept in the dictionary.
    private struct PackedId: Hashable, Sendable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        static let unpacked = PackedId()
        /// The prefixes of the ids that pack; an id's prefix number is its place here plus one.
        private static let prefixes = ["sms_", "call_"]
        private static let maximumLength = 20

        init() {}

        init?(_ id: String) {
            guard let prefixNumber = Self.prefixes.firstIndex(where: { id.utf8.starts(with: $0.utf8) }) else { return nil }
            let rest = id.utf8.dropFirst(Self.prefixes[prefixNumber].utf8.count)
            guard rest.count <= Self.maximumLength else { return nil }
            var (low, high) = (UInt64(0), UInt64(prefixNumber + 1) << 56)
            for (index, byte) in rest.enumerated() {
                guard let code = Self.code(of: byte) else { return nil }
                let bit = index * 6
                if bit < 64 {
                    low |= code << UInt64(bit)
                    if bit > 58 { high |= code >> UInt64(64 - bit) }
                } else {
                    high |= code << UInt64(bit - 64)
                }
            }
            (self.low, self.high) = (low, high)
        }

        private static func code(of byte: UInt8) -> UInt64? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(byte - UInt8(ascii: "0")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt64(byte - UInt8(ascii: "a")) + 11
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt64(byte - UInt8(ascii: "A")) + 37
            case UInt8(ascii: "_"): 63
            default: nil
            }
        }

        /// A 64-bit mix of the words (the multiply-xorshift finalizer of SplitMix64).
        var mixed: UInt64 {
            var value = low ^ (high &* 0x9E37_79B9_7F4A_7C15)
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }

    /// By slot number.
    private var ids: ChunkedArray<PackedId> = []
    /// Slot numbers, or -1 for an empty bucket; a power of two long, at most three quarters full.
    private var buckets: [Int32] = []
    private var otherIds: [String: Int32] = [:]

    /// How many ids are held; the next id appended gets this slot number.
    var count: Int { ids.count }

    subscript(id: String) -> Int32? {
        guard let packed = PackedId(id) else { return otherIds[id] }
        guard !buckets.isEmpty else { return nil }
        let mask = buckets.count - 1
        var bucket = Int(truncatingIfNeeded: packed.mixed) & mask
        while true {
            let number = buckets[bucket]
            if number < 0 { return nil }
            if ids[Int(number)] == packed { return number }
            bucket = (bucket + 1) & mask
        }
    }

    /// Adds an id not held yet, as slot number `count`.
    mutating func append(_ id: String) {
        let number = Int32(ids.count)
        guard let packed = PackedId(id) else {
            ids.append(.unpacked)
            otherIds[id] = number
            return
        }
        ids.append(packed)
        if ids.count * 4 > buckets.count * 3 { rehash(capacity: ids.count) } else { place(packed, number) }
    }

    /// Sizes the table for `capacity` ids, so that it is not rebuilt before it holds them.
    mutating func reserveCapacity(_ capacity: Int) {
        if capacity * 4 > buckets.count * 3 { rehash(capacity: capacity) }
    }

    /// Rebuilds the buckets with room for `capacity` ids at most three quarters full.
    private mutating func rehash(capacity: Int) {
        var size = 16
        while size * 3 < capacity * 4 { size *= 2 }
        buckets = Array(repeating: -1, count: size)
        for (number, packed) in ids.enumerated() where packed != .unpacked { place(packed, Int32(number)) }
    }

    private mutating func place(_ packed: PackedId, _ number: Int32) {
        let mask = buckets.count - 1
        var bucket = Int(truncatingIfNeeded: packed.mixed) & mask
        while buckets[bucket] >= 0 { bucket = (bucket + 1) & mask }
        buckets[bucket] = number
    }
}
