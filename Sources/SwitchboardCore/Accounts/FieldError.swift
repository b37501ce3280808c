/// One problem with one input field, in words a developer can act on; the API answers it as
/// `{"error":{"code":…,"message":…,"field":…}}`.
public struct FieldError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The input field at fault, as named in the request body (e.g. `email`).
    public var field: String
    /// A stable machine-readable code (e.g. `invalid_field`, `name_reserved`).
    public var code: String
    /// What is wrong, in plain words naming the field.
    public var message: String

    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }

    /// A value missing, malformed or out of range.
    public static let invalidField = "invalid_field"
    /// A telephone number that is not E.164 (SPEC "Messages and calls").
    public static let invalidNumber = "invalid_number"
    /// An account name that impersonates a reserved one (ACCT-3).
    public static let nameReserved = "name_reserved"
    /// Registration without accepting the agreement version in effect (AGR-1).
    public static let agreementNotAccepted = "agreement_not_accepted"

    public var description: String { "\(field): \(code): \(message)" }
}
