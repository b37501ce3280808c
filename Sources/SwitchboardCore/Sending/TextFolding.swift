/// Folding used to compare what people type with keyword lists: full-width ASCII (`ＳＴＯＰ`) and
/// the ideographic space become ASCII, then letters are lowercased.
enum TextFolding {
    /// `text` with full-width forms folded to ASCII and lowercased.
    static func fold(_ text: some StringProtocol) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                scalars.append(ascii)
            } else if scalar.value == 0x3000 {
                scalars.append(" ")
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars).lowercased()
    }

    /// Whether `scalar` is white space, punctuation or a symbol: what may surround a keyword or
    /// be slipped between the letters of a word.
    static func isFiller(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace { return true }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol, .control,
            .format:
            return true
        default:
            return false
        }
    }

    /// `text` without any filler characters.
    static func compact(_ text: some StringProtocol) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !isFiller($0) }))
    }
}
