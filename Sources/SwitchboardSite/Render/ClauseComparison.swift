/// The clause-by-clause comparison of two agreement versions (AGR-2): which clauses were added,
/// removed or reworded, with the rewording shown word by word.
struct ClauseComparison {
    enum Kind: String {
        case added, removed, changed

        var title: String {
            switch self {
            case .added: "new"
            case .removed: "removed"
            case .changed: "changed"
            }
        }
    }

    struct Change {
        let number: String
        let kind: Kind
        let isHeading: Bool
        /// Escaped HTML with `<del>` and `<ins>` around what changed.
        let diffHTML: String
    }

    let changes: [Change]
    let unchangedCount: Int

    init(old: [RenderedMarkdown.Clause], new: [RenderedMarkdown.Clause]) {
        let oldByNumber = Dictionary(old.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let newNumbers = Set(new.map(\.number))
        var changes: [Change] = []
        var unchanged = 0
        // Walk the new version in order, slotting removed clauses in after their predecessor.
        var removed = old.filter { !newNumbers.contains($0.number) }
        for clause in new {
            while let next = removed.first, ClauseComparison.precedes(next.number, clause.number) {
                changes.append(
                    Change(number: next.number, kind: .removed, isHeading: next.isHeading, diffHTML: "<del>\(HTML.escape(next.text))</del>")
                )
                removed.removeFirst()
            }
            guard let before = oldByNumber[clause.number] else {
                changes.append(
                    Change(
                        number: clause.number, kind: .added, isHeading: clause.isHeading, diffHTML: "<ins>\(HTML.escape(clause.text))</ins>"
                    ))
                continue
            }
            if before.text == clause.text {
                unchanged += 1
            } else {
                changes.append(
                    Change(
                        number: clause.number, kind: .changed, isHeading: clause.isHeading,
                        diffHTML: ClauseComparison.wordDiff(before.text, clause.text)))
            }
        }
        for next in removed {
            changes.append(
                Change(number: next.number, kind: .removed, isHeading: next.isHeading, diffHTML: "<del>\(HTML.escape(next.text))</del>"))
        }
        self.changes = changes
        self.unchangedCount = unchanged
    }

    var summary: String {
        let count = { (kind: Kind) in changes.filter { $0.kind == kind }.count }
        return "\(count(.changed)) changed, \(count(.added)) new, \(count(.removed)) removed, \(unchangedCount) unchanged."
    }

    /// Whether clause number `a` comes before `b` (`3.2` before `3.10`).
    static func precedes(_ a: String, _ b: String) -> Bool {
        let left = a.split(separator: ".").map { Int($0) ?? 0 }
        let right = b.split(separator: ".").map { Int($0) ?? 0 }
        return left.lexicographicallyPrecedes(right)
    }

    /// Word-level difference as HTML, from the standard library's Myers diff.
    static func wordDiff(_ old: String, _ new: String) -> String {
        let oldWords = old.split(whereSeparator: \.isWhitespace).map(String.init)
        let newWords = new.split(whereSeparator: \.isWhitespace).map(String.init)
        let difference = newWords.difference(from: oldWords)
        var removals: [Int: String] = [:]
        var insertions: Set<Int> = []
        for change in difference {
            switch change {
            case .remove(let offset, let word, _): removals[offset] = word
            case .insert(let offset, _, _): insertions.insert(offset)
            }
        }
        var parts: [String] = []
        var oldIndex = 0
        var newIndex = 0
        func flushRemovals() {
            var removed: [String] = []
            while let word = removals[oldIndex] {
                removed.append(word)
                oldIndex += 1
            }
            if !removed.isEmpty { parts.append("<del>\(HTML.escape(removed.joined(separator: " ")))</del>") }
        }
        while newIndex < newWords.count {
            flushRemovals()
            if insertions.contains(newIndex) {
                var added: [String] = []
                while newIndex < newWords.count, insertions.contains(newIndex) {
                    added.append(newWords[newIndex])
                    newIndex += 1
                }
                parts.append("<ins>\(HTML.escape(added.joined(separator: " ")))</ins>")
            } else {
                parts.append(HTML.escape(newWords[newIndex]))
                newIndex += 1
                oldIndex += 1
            }
        }
        flushRemovals()
        return parts.joined(separator: " ")
    }
}
