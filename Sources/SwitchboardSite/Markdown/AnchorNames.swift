/// Hands out unique `id`s within one page: `fees`, then `fees-2`.
struct AnchorNames {
    private(set) var claimed: Set<String> = []

    mutating func claim(_ wanted: String) -> String {
        let base = wanted.isEmpty ? "section" : wanted
        var candidate = base
        var counter = 2
        while claimed.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        claimed.insert(candidate)
        return candidate
    }

    /// GitHub-style heading slug: lower case, letters and digits, words joined by hyphens.
    static func slug(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug
    }
}

/// The clause number a heading or paragraph of the agreement starts with: `3.1.2`.
enum ClauseNumber {
    /// `requireDot`: paragraphs need a dotted number (`4.1`), so that "30 days …" is no clause.
    static func leading(in text: String, requireDot: Bool) -> String? {
        var number = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isASCII, character.isNumber {
                number.append(character)
            } else if character == ".", number.last?.isNumber == true {
                number.append(character)
            } else {
                break
            }
            index = text.index(after: index)
        }
        while number.last == "." { number.removeLast() }
        guard !number.isEmpty, index == text.endIndex || text[index].isWhitespace else { return nil }
        if requireDot, !number.contains(".") { return nil }
        return number
    }
}
