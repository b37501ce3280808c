/// A telephone number in E.164 form: `+`, then 8 to 15 ASCII digits, the first not 0
/// (`+8613800138000`). Nothing is normalised: spaces, dashes and full-width digits are refused.
public struct PhoneNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Fewest digits after the `+`.
    public static let minimumDigits = 8
    /// Most digits after the `+` (the E.164 maximum).
    public static let maximumDigits = 15

    /// The canonical text, e.g. `+8613800138000`.
    public let e164: String

    /// Accepts `text` if it is exactly E.164; otherwise throws an `invalid_number` error naming `field`.
    public init(validating text: String, field: String = "phone") throws(FieldError) {
        let bytes = Array(text.utf8)
        let digits = bytes.dropFirst()
        guard bytes.first == UInt8(ascii: "+"),
            (Self.minimumDigits...Self.maximumDigits).contains(digits.count),
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            digits.first != UInt8(ascii: "0")
        else {
            throw FieldError(
                field: field, code: FieldError.invalidNumber,
                message: "\(field) must be an E.164 number: + then 8 to 15 digits, the first not 0, "
                    + "with no spaces or dashes (e.g. +8613800138000)")
        }
        self.e164 = text
    }

    public var description: String { e164 }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(validating: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(e164)
    }
}
