/// The store's send ids → slot numbers, for millions of sends without a heap string per id.
///
/// Ids of up to 31 bytes (every id the server makes: `sms_` or `call_` and 20 characters) are
/// packed into 32 bytes kept in slot order, and found through an open-addressed table of slot
/// numbers: about 40 bytes per send, where a `[String: Int32]` takes over 100 (a 64-byte heap
/// string each, and the dictionary's buckets). Longer ids, which only hand-written data has,
/// go to a dictionary.
struct SendIdTable: Sendable {
    /// An id's bytes, zero-padded, with its length in the last byte; all zeros for a long id.
    private struct PackedId: Hashable, Sendable {
        var word0: UInt64 = 0
        var word1: UInt64 = 0
        var word2: UInt64 = 0
        var word3: UInt64 = 0

        static let longId = PackedId()

        init() {}

        init?(_ id: String) {
            let utf8 = id.utf8
            guard (1...31).contains(utf8.count) else { return nil }
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &words) { bytes in
                for (offset, byte) in utf8.enumerated() { bytes[offset] = byte }
                bytes[31] = UInt8(utf8.count)
            }
            (word0, word1, word2, word3) = words
        }

        /// A 64-bit mix of the four words (the multiply-xorshift finalizer of SplitMix64).
        var mixed: UInt64 {
            var value = word0 ^ (word1 &* 0x9E37_79B9_7F4A_7C15) ^ (word2 &* 0xC2B2_AE3D_27D4_EB4F) ^ (word3 &* 0x1656_67B1_9E37_79F9)
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }

    /// By slot number.
    private var ids: [PackedId] = []
    /// Slot numbers, or -1 for an empty bucket; a power of two long, at most half full.
    private var buckets: [Int32] = []
    private var longIds: [String: Int32] = [:]

    /// How many ids are held; the next id appended gets this slot number.
    var count: Int { ids.count }

    subscript(id: String) -> Int32? {
        guard let packed = PackedId(id) else { return longIds[id] }
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
            ids.append(.longId)
            longIds[id] = number
            return
        }
        ids.append(packed)
        if ids.count * 2 > buckets.count { rehash(capacity: ids.count * 2) } else { place(packed, number) }
    }

    mutating func reserveCapacity(_ capacity: Int) {
        ids.reserveCapacity(capacity)
        if capacity * 2 > buckets.count { rehash(capacity: capacity) }
    }

    /// Rebuilds the buckets with room for `capacity` ids at most half full.
    private mutating func rehash(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        buckets = Array(repeating: -1, count: size)
        for (number, packed) in ids.enumerated() where packed != .longId { place(packed, Int32(number)) }
    }

    private mutating func place(_ packed: PackedId, _ number: Int32) {
        let mask = buckets.count - 1
        var bucket = Int(truncatingIfNeeded: packed.mixed) & mask
        while buckets[bucket] >= 0 { bucket = (bucket + 1) & mask }
        buckets[bucket] = number
    }
}
