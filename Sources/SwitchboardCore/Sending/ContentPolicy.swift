import Foundation

/// The operator's content policy (USE-1): words and regular expressions a send's text must not
/// contain. A matching send is rejected (422 `content_rejected`) and never delivered.
///
/// Words match anywhere in the text, ignoring case and full-width forms (`ＦＲＥＥ`), and also
/// with white space, punctuation and symbols removed from both sides, so `c.a.s.h` and `赌 博`
/// still match `cash` and `赌博`. Patterns are regular expressions matched case-insensitively
/// against the text with full-width forms folded.
public struct ContentPolicy: Sendable {
    /// One entry of the policy, named in the rejection message.
    public struct Rule: Sendable, Hashable {
        public enum Kind: String, Sendable, Codable {
            case word
            case pattern
        }

        public var kind: Kind
        /// The word or pattern as the operator wrote it.
        public var text: String

        public init(kind: Kind, text: String) {
            self.kind = kind
            self.text = text
        }
    }

    /// A pattern that is not a valid regular expression.
    public struct InvalidPattern: Error, Hashable, CustomStringConvertible {
        public var pattern: String
        public var reason: String
        public var description: String { "content policy pattern '\(pattern)' is not a valid regular expression: \(reason)" }
    }

    public let rules: [Rule]
    private let words: [(rule: Rule, folded: String, compact: String)]
    private let patterns: [(rule: Rule, regex: NSRegularExpression)]

    /// The policy of `words` and `patterns`, checked in that order; blank words are ignored.
    public init(words: [String], patterns: [String]) throws(InvalidPattern) {
        var compiled: [(rule: Rule, regex: NSRegularExpression)] = []
        for pattern in patterns {
            do {
                let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
                compiled.append((Rule(kind: .pattern, text: pattern), regex))
            } catch {
                throw InvalidPattern(pattern: pattern, reason: "\(error)")
            }
        }
        self.words = words.compactMap { word in
            let folded = TextFolding.fold(word.trimmingWhitespace())
            guard !folded.isEmpty else { return nil }
            return (Rule(kind: .word, text: word), folded, TextFolding.compact(folded))
        }
        self.patterns = compiled
        self.rules = self.words.map(\.rule) + compiled.map(\.rule)
    }

    /// The first rule `text` breaks, or `nil` when it may be sent.
    public func firstMatch(in text: String) -> Rule? {
        guard !rules.isEmpty else { return nil }
        let folded = TextFolding.fold(text)
        let compact = TextFolding.compact(folded)
        for word in words where folded.contains(word.folded) || (!word.compact.isEmpty && compact.contains(word.compact)) {
            return word.rule
        }
        let range = NSRange(folded.startIndex..<folded.endIndex, in: folded)
        for pattern in patterns where pattern.regex.firstMatch(in: folded, options: [], range: range) != nil {
            return pattern.rule
        }
        return nil
    }
}
