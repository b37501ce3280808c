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
