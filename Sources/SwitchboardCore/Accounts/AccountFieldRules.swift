/// The checks on the fields a developer writes about itself, shared by registration (ACCT-1)
/// and profile updates (ACCT-2); each returns the problem, or `nil` when the value is fine.
enum AccountFieldRules {
    static let nameLengths = 1...100
    static let emailMaximumLength = 254
    static let passwordBytes = 10...72
    /// Marks and overrides that make text display in another order than it is stored (U+200E/F,
    /// U+202A…U+202E, U+2066…U+2069): a classic way to disguise a name.
    static let bidiControls: Set<UInt32> = [0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]

    /// A display or organisation name: 1…100 characters once trimmed, not blank, no control characters.
    static func nameProblem(_ name: String, field: String) -> FieldError? {
        let trimmed = name.trimmingWhitespace()
        if trimmed.isEmpty {
            return invalid(field, "\(field) must not be empty or blank")
        }
        if !nameLengths.contains(trimmed.count) {
            return invalid(field, "\(field) must be at most \(nameLengths.upperBound) characters (it has \(trimmed.count))")
        }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return invalid(field, "\(field) must not contain control characters such as tabs or line breaks")
        }
        if name.unicodeScalars.contains(where: { bidiControls.contains($0.value) }) {
            return invalid(field, "\(field) must not contain characters that reverse or reorder the direction of text")
        }
        return nil
    }

    /// The name checked against the operator's reserved list (ACCT-3).
    static func reservedProblem(_ name: String, field: String, reservedNames: ReservedNames) -> FieldError? {
        guard let entry = reservedNames.reserved(name) else { return nil }
        return FieldError(
            field: field, code: FieldError.nameReserved,
            message: "\(field) '\(name.trimmingWhitespace())' is too close to the reserved name '\(entry)'")
    }

    /// A plausible address: one @, a non-empty local part, a dotted domain, at most 254 bytes,
    /// no spaces or control characters.
    static func emailProblem(_ email: String) -> FieldError? {
        let problem = invalid(
            "email", "email must be an address like name@example.com: one @, a name before it, a dotted domain after it, no spaces")
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return problem }
        let (local, domain) = (parts[0], parts[1])
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard !local.isEmpty, labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
            !email.unicodeScalars.contains(where: {
                $0.properties.isWhitespace || $0.properties.generalCategory == .control
            })
        else { return problem }
        if email.utf8.count > emailMaximumLength {
            return invalid("email", "email must be at most \(emailMaximumLength) bytes long")
        }
        return nil
    }

    /// 10…72 UTF-8 bytes (bcrypt reads no further than 72) and no NUL, which bcrypt stops at.
    static func passwordProblem(_ password: String) -> FieldError? {
        let bytes = password.utf8.count
        if bytes < passwordBytes.lowerBound {
            return invalid("password", "password must be at least \(passwordBytes.lowerBound) bytes long")
        }
        if bytes > passwordBytes.upperBound {
            return invalid(
                "password",
                "password must be at most \(passwordBytes.upperBound) bytes in UTF-8 (it has \(bytes); "
                    + "characters beyond ASCII take 2 to 4 bytes each)")
        }
        if password.utf8.contains(0) {
            return invalid("password", "password must not contain the NUL character")
        }
        return nil
    }

    /// A registration number: 1…64 characters once trimmed, no control characters.
    static func registrationNumberProblem(_ number: String) -> FieldError? {
        let trimmed = number.trimmingWhitespace()
        if trimmed.isEmpty || trimmed.count > 64 {
            return invalid("registrationNumber", "registrationNumber must be 1 to 64 characters")
        }
        if number.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return invalid("registrationNumber", "registrationNumber must not contain control characters")
        }
        return nil
    }

    static func phoneProblem(_ phone: String, field: String) -> FieldError? {
        do {
            _ = try PhoneNumber(validating: phone, field: field)
            return nil
        } catch {
            return error
        }
    }

    static func invalid(_ field: String, _ message: String) -> FieldError {
        FieldError(field: field, code: FieldError.invalidField, message: message)
    }
}
