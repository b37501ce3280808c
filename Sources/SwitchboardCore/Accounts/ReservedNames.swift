import Foundation

/// The operator's list of names no account may take or imitate (ACCT-3).
///
/// Names are compared in a folded form: case, full-width forms, ligatures and accents folded,
/// everything but letters and digits removed, and look-alikes mapped to one letter (0→o,
/// 1/i/l→l, 3→e, 4→a, 5→s, and Cyrillic or Greek letters that look Latin), so
/// `N0rthwind-Connect`, `Nörthwind Connect` and `NORTHWIND CONNECT Support` all imitate
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
        // Compatibility decomposition narrows full-width forms and splits ligatures and accents;
        // the accents (marks) are then dropped with every other non-alphanumeric character.
        for scalar in name.decomposedStringWithCompatibilityMapping.lowercased().unicodeScalars
        where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: folded.unicodeScalars.append(lookAlike(scalar))
            }
        }
        return folded
    }

    public static func == (lhs: ReservedNames, rhs: ReservedNames) -> Bool {
        lhs.entries.map(\.entry) == rhs.entries.map(\.entry)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(entries.map(\.entry)) }

    private static func lookAlike(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "0", "\u{043E}", "\u{03BF}": "o"  // Cyrillic о, Greek ο
        case "1", "i", "l", "\u{0456}", "\u{03B9}": "l"  // Cyrillic і, Greek ι
        case "3", "\u{0435}": "e"  // Cyrillic е
        case "4", "\u{0430}", "\u{03B1}": "a"  // Cyrillic а, Greek α
        case "5", "\u{0455}": "s"  // Cyrillic ѕ
        case "\u{0440}", "\u{03C1}": "p"  // Cyrillic р, Greek ρ
        case "\u{0441}": "c"  // Cyrillic с
        case "\u{0445}", "\u{03C7}": "x"  // Cyrillic х, Greek χ
        case "\u{0443}": "y"  // Cyrillic у
        case "\u{0458}": "j"  // Cyrillic ј
        case "\u{04BB}": "h"  // Cyrillic һ
        case "\u{03BA}": "k"  // Greek κ
        case "\u{03BD}": "v"  // Greek ν
        case "\u{03C4}": "t"  // Greek τ
        case "\u{03C5}": "u"  // Greek υ
        default: scalar
        }
    }
}
