import SwitchboardCore

/// One account's recipients and the moments of their recent sends, for the frequency caps,
/// in little memory: a day of sends to a million different numbers is a million entries.
///
/// An E.164 number packs into 8 bytes (its digits as an integer, and how many there are); it is
/// kept with the moment of its first recent send in an open-addressed table, 16 bytes a slot.
/// The rare recipient with several recent sends keeps the others in a dictionary, and a number
/// that does not pack (not `+` and 1 to 15 digits) keeps all of its own there.
struct RecipientMoments: Sendable {
    /// Packed numbers; 0 marks an empty slot. A power of two long, at most three quarters full.
    private var keys: [UInt64] = []
    /// The first recent moment of the number in the same slot.
    private var firsts: [Timestamp] = []
    /// The moments after the first, by packed number.
    private var later: [UInt64: [Timestamp]] = [:]
    /// Numbers that do not pack.
    private var unpacked: [String: [Timestamp]] = [:]
    private var packedCount = 0

    /// How many recipients are held.
    var count: Int { packedCount + unpacked.count }

    /// The number's moments, oldest first; setting none forgets the number.
    subscript(number: String) -> [Timestamp] {
        get {
            guard let key = Self.pack(number) else { return unpacked[number] ?? [] }
            guard let slot = find(key) else { return [] }
            return [firsts[slot]] + (later[key] ?? [])
        }
        set {
            guard let key = Self.pack(number) else {
                unpacked[number] = newValue.isEmpty ? nil : newValue
                return
            }
            set(newValue, for: key)
        }
    }

    /// Forgets every moment at or before `since`, and the numbers left with none.
    mutating func keepOnly(after since: Timestamp) {
        unpacked = unpacked.compactMapValues { times in
            let kept = times.filter { $0 > since }
            return kept.isEmpty ? nil : kept
        }
        let (oldKeys, oldFirsts, oldLater) = (keys, firsts, later)
        keys = []
        firsts = []
        later = [:]
        packedCount = 0
        for (slot, key) in oldKeys.enumerated() where key != 0 {
            set(([oldFirsts[slot]] + (oldLater[key] ?? [])).filter { $0 > since }, for: key)
        }
    }

    private mutating func set(_ times: [Timestamp], for key: UInt64) {
        if let slot = find(key) {
            guard let first = times.first else {
                remove(slot)
                later[key] = nil
                return
            }
            firsts[slot] = first
        } else {
            guard let first = times.first else { return }
            insert(key, first)
        }
        later[key] = times.count > 1 ? Array(times.dropFirst()) : nil
    }

    private func find(_ key: UInt64) -> Int? {
        guard !keys.isEmpty else { return nil }
        let mask = keys.count - 1
        var slot = Self.home(of: key, mask: mask)
        while keys[slot] != 0 {
            if keys[slot] == key { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func insert(_ key: UInt64, _ first: Timestamp) {
        if (packedCount + 1) * 4 > keys.count * 3 { grow() }
        let mask = keys.count - 1
        var slot = Self.home(of: key, mask: mask)
        while keys[slot] != 0 { slot = (slot + 1) & mask }
        keys[slot] = key
        firsts[slot] = first
        packedCount += 1
    }

    /// Empties `slot`, moving back the entries after it that probed past it (linear probing
    /// without tombstones).
    private mutating func remove(_ slot: Int) {
        let mask = keys.count - 1
        var hole = slot
        var next = (slot + 1) & mask
        while keys[next] != 0 {
            let home = Self.home(of: keys[next], mask: mask)
            // The entry at `next` may fill the hole unless its home lies after the hole, up to
            // `next` (cyclically).
            let staysPut = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next)
            if !staysPut {
                keys[hole] = keys[next]
                firsts[hole] = firsts[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        keys[hole] = 0
        packedCount -= 1
    }

    private mutating func grow() {
        let (oldKeys, oldFirsts) = (keys, firsts)
        let size = max(16, keys.count * 2)
        keys = Array(repeating: 0, count: size)
        firsts = Array(repeating: Timestamp(millisecondsSince1970: 0), count: size)
        packedCount = 0
        for (slot, key) in oldKeys.enumerated() where key != 0 { insert(key, oldFirsts[slot]) }
    }

    private static func home(of key: UInt64, mask: Int) -> Int {
        var value = key
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: value ^ (value >> 31)) & mask
    }

    /// `+` and 1 to 15 digits, as the digits' value with their count in the top byte (so
    /// `+0123` and `+123` differ, and no number packs to 0); `nil` for anything else.
    static func pack(_ number: String) -> UInt64? {
        let utf8 = number.utf8
        guard utf8.first == UInt8(ascii: "+"), (2...16).contains(utf8.count) else { return nil }
        var value: UInt64 = 0
        for byte in utf8.dropFirst() {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
        }
        return value | UInt64(utf8.count - 1) << 56
    }
}
