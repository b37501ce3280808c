/// How an SMS is encoded and how many segments it is billed as (SPEC "Messages and calls").
///
/// Text made only of the GSM 03.38 default alphabet and its extension table is GSM-7: 160
/// septets fit one segment, 153 per segment once split; extension characters (`{ } [ ] ~ \ | ^ €`,
/// form feed) take two septets and are never split across segments. Anything else, Chinese
/// included, is UCS-2: 70 UTF-16 code units in one segment, 67 per segment once split, and a
/// surrogate pair is never split. The signature (`【Acme】`) is part of the text counted.
public struct SMSSegments: Sendable, Hashable {
    public enum Encoding: String, Sendable, Codable {
        case gsm7 = "GSM-7"
        case ucs2 = "UCS-2"
    }

    public let encoding: Encoding
    public let count: Int
    /// Septets (GSM-7) or UTF-16 code units (UCS-2) of the whole text.
    public let units: Int

    public init(_ text: String) {
        if let septets = Self.gsmSeptets(text) {
            encoding = .gsm7
            units = septets.reduce(0, +)
            count = Self.segments(septets, single: 160, split: 153)
        } else {
            encoding = .ucs2
            let characters = text.unicodeScalars.map { $0.value > 0xFFFF ? 2 : 1 }
            units = characters.reduce(0, +)
            count = Self.segments(characters, single: 70, split: 67)
        }
    }

    /// Segments needed for characters of the given widths, none split across two segments.
    private static func segments(_ widths: [Int], single: Int, split: Int) -> Int {
        let total = widths.reduce(0, +)
        if total == 0 { return 1 }
        if total <= single { return 1 }
        var segments = 1
        var used = 0
        for width in widths {
            if used + width > split {
                segments += 1
                used = 0
            }
            used += width
        }
        return segments
    }

    /// The septets of each character, or `nil` when a character is outside GSM-7.
    private static func gsmSeptets(_ text: String) -> [Int]? {
        var septets: [Int] = []
        septets.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if basic.contains(scalar) {
                septets.append(1)
            } else if extended.contains(scalar) {
                septets.append(2)
            } else {
                return nil
            }
        }
        return septets
    }

    /// GSM 03.38's default alphabet.
    private static let basic: Set<Unicode.Scalar> = Set(
        ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà").unicodeScalars)

    /// Its extension table, each character sent as an escape and itself.
    private static let extended: Set<Unicode.Scalar> = Set("^{}\\[~]|€\u{0C}".unicodeScalars)
}
