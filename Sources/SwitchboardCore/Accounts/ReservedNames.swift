/// The operator's list of names no account may take or imitate (ACCT-3).
///
/// Names are compared in a folded form: case and full-width forms folded, everything but
/// letters and digits removed, and look-alikes mapped to one letter (0→o, 1/i/l→l, 3→e,
/// 4→a, 5→s), so `N0rthwind-Connect` and `NORTHWIND CONNECT Support` both imitate
/// `Northwind Connect`.
public struct ReservedNames: Sendable, Hashable {
    /// Entries whose folded form is shorter than this only match a name that folds to exactly
    /// the same text, so that a short entry such as `SB` does not catch every name containing "sb".
    public static let shortestContainedEntry = 4

    private let entries: [(entry: String, folded: String)]

    /// The list as the operator wrote it; entries that fold to nothing (blank, punctuation) are ignored.
    public init(_ names: [String]) {
        entries = names.map { ($0, Self.fold($0)) }.filter { !$0.folded.isEmpty }
    }

    /// The reserved entry `name` imitates, in the operator's spelling; `nil` when it imitates none.
    public func reserved(_ name: String) -> String? {
        let folded = Self.fold(name)
        guard !folded.isEmpty else { return nil }
        for (entry, foldedEntry) in entries {
            if foldedEntry.count < Self.shortestContainedEntry ? folded == foldedEntry : folded.contains(foldedEntry) {
                return entry
            }
        }
        return nil
    }

    /// The form names are compared in: see the type's description.
    public static func fold(_ name: String) -> String {
        var folded = ""
        for scalar in name.unicodeScalars {
            let narrow = halfWidth(scalar)
            for lower in String(Character(narrow)).lowercased().unicodeScalars
            where lower.properties.isAlphabetic || lower.properties.numericType != nil {
                folded.unicodeScalars.append(lookAlike(lower))
            }
        }
        return folded
    }

    public static func == (lhs: ReservedNames, rhs: ReservedNames) -> Bool {
        lhs.entries.map(\.entry) == rhs.entries.map(\.entry)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(entries.map(\.entry)) }

    /// Full-width ASCII forms (U+FF01…U+FF5E) as their ASCII counterparts.
    private static func halfWidth(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) else {
            return scalar
        }
        return ascii
    }

    private static func lookAlike(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "0": "o"
        case "1", "i", "l": "l"
        case "3": "e"
        case "4": "a"
        case "5": "s"
        default: scalar
        }
    }
}
