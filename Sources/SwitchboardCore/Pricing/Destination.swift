/// What a price or a carrier route covers (PRICE-4, CARR-1): the numbers starting with an
/// E.164 prefix (`+86`, `+8613`), or `*`, every number no prefix of the same list covers.
public enum Destination: Sendable, Hashable, CustomStringConvertible {
    /// `+` and 1 to 15 digits, kept with its `+`.
    case prefix(String)
    /// `*`: every other destination.
    case rest

    /// The destination `text` names, or `nil` when it is neither `*` nor `+` and 1–15 digits.
    public init?(_ text: String) {
        if text == "*" {
            self = .rest
            return
        }
        let digits = text.utf8.dropFirst()
        guard text.utf8.first == UInt8(ascii: "+"), (1...15).contains(digits.count),
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        self = .prefix(text)
    }

    public var description: String {
        switch self {
        case .prefix(let prefix): prefix
        case .rest: "*"
        }
    }

    /// How closely this destination covers the E.164 `number`: the prefix's length when it is
    /// a prefix of it, 0 for `*`, `nil` when it does not cover it.
    public func matchLength(of number: String) -> Int? {
        switch self {
        case .prefix(let prefix): number.hasPrefix(prefix) ? prefix.utf8.count : nil
        case .rest: 0
        }
    }

    /// The item whose destinations hold the longest match of `number` (a prefix beats `*`);
    /// the first such item when two tie, `nil` when none covers it.
    public static func longestMatch<Item>(
        of number: String, in items: some Sequence<Item>, destinations: (Item) -> [Destination]
    ) -> Item? {
        var best: (item: Item, length: Int)?
        for item in items {
            for destination in destinations(item) {
                guard let length = destination.matchLength(of: number), length > (best?.length ?? -1) else { continue }
                best = (item, length)
            }
        }
        return best?.item
    }
}
