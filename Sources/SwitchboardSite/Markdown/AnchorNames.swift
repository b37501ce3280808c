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
