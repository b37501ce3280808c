/// The body of `POST /v1/accounts`: who registers, how to reach them, and the agreement version
/// they accept (ACCT-1, ACCT-3, AGR-1).
///
/// An individual must not send `organizationName` or `registrationNumber` (blank counts as absent):
/// a natural person giving a company's details is refused rather than silently half-registered.
public struct Registration: Sendable, Hashable, Codable {
    public var name: String
    public var email: String
    public var password: String
    public var phone: String
    /// `individual` or `organization` (`EntityType`).
    public var entityType: String
    public var organizationName: String?
    public var registrationNumber: String?
    /// The agreement version the developer ticked; must be the one in effect.
    public var acceptAgreement: String?

    public init(
        name: String, email: String, password: String, phone: String, entityType: String,
        organizationName: String? = nil, registrationNumber: String? = nil, acceptAgreement: String? = nil
    ) {
        self.name = name
        self.email = email
        self.password = password
        self.phone = phone
        self.entityType = entityType
        self.organizationName = organizationName
        self.registrationNumber = registrationNumber
        self.acceptAgreement = acceptAgreement
    }

    /// Decodes a request body; a missing text field decodes as empty, so that `validate` names it
    /// rather than the decoder failing on the first one.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String { try container.decodeIfPresent(String.self, forKey: key) ?? "" }
        self.init(
            name: try text(.name), email: try text(.email), password: try text(.password), phone: try text(.phone),
            entityType: try text(.entityType),
            organizationName: try container.decodeIfPresent(String.self, forKey: .organizationName),
            registrationNumber: try container.decodeIfPresent(String.self, forKey: .registrationNumber),
            acceptAgreement: try container.decodeIfPresent(String.self, forKey: .acceptAgreement))
    }

    /// The email as stored and compared: lowercased.
    public var normalizedEmail: String { email.lowercased() }

    /// The name as stored: without leading and trailing white space.
    public var normalizedName: String { name.trimmingWhitespace() }

    /// Every problem with this registration, in field order; empty when it may open an account.
    /// `agreementInEffect` is the agreement version in effect now (`nil` when none is published).
    public func validate(reservedNames: ReservedNames, agreementInEffect: String?) -> [FieldError] {
        var problems: [FieldError] = []
        if let problem = AccountFieldRules.nameProblem(name, field: "name") {
            problems.append(problem)
        } else if let problem = AccountFieldRules.reservedProblem(name, field: "name", reservedNames: reservedNames) {
            problems.append(problem)
        }
        problems += [
            AccountFieldRules.emailProblem(email), AccountFieldRules.passwordProblem(password),
            AccountFieldRules.phoneProblem(phone, field: "phone"),
        ].compactMap { $0 }
        problems += entityProblems(reservedNames: reservedNames)
        if agreementInEffect == nil || acceptAgreement != agreementInEffect {
            let version = agreementInEffect.map { "'\($0)'" } ?? "in effect"
            problems.append(
                FieldError(
                    field: "acceptAgreement", code: FieldError.agreementNotAccepted,
                    message: "acceptAgreement must be the agreement version \(version)"
                        + (acceptAgreement.map { " (got '\($0)')" } ?? "")))
        }
        return problems
    }

    /// The account this registration opens, once `validate` found nothing wrong; `nil` when the
    /// entity type is unknown or no agreement version was accepted.
    public func account(id: String, passwordHash: String, sourceAddress: String?, at now: Timestamp) -> Account? {
        guard let entity = EntityType(rawValue: entityType), let version = acceptAgreement else { return nil }
        let isOrganization = entity == .organization
        return Account(
            id: id, email: normalizedEmail, entityType: entity,
            profile: AccountProfile(
                displayName: normalizedName,
                organizationName: isOrganization ? organizationName?.trimmingWhitespace() : nil,
                registrationNumber: isOrganization ? registrationNumber?.trimmingWhitespace() : nil,
                contactPhone: phone),
            passwordHash: passwordHash,
            agreementAcceptances: [AgreementAcceptance(version: version, at: now, method: .clicked, sourceAddress: sourceAddress)],
            createdAt: now)
    }

    private func entityProblems(reservedNames: ReservedNames) -> [FieldError] {
        let organization = organizationName.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }
        let number = registrationNumber.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }
        switch EntityType(rawValue: entityType) {
        case .individual:
            return [("organizationName", organization), ("registrationNumber", number)].compactMap { field, value in
                value.map { _ in
                    AccountFieldRules.invalid(field, "\(field) is only for organizations; an individual registers without it")
                }
            }
        case .organization:
            var problems: [FieldError] = []
            if let organization {
                if let problem = AccountFieldRules.nameProblem(organization, field: "organizationName")
                    ?? AccountFieldRules.reservedProblem(organization, field: "organizationName", reservedNames: reservedNames)
                {
                    problems.append(problem)
                }
            } else {
                problems.append(AccountFieldRules.invalid("organizationName", "an organization must give its organizationName"))
            }
            if let number {
                if let problem = AccountFieldRules.registrationNumberProblem(number) { problems.append(problem) }
            } else {
                problems.append(AccountFieldRules.invalid("registrationNumber", "an organization must give its registrationNumber"))
            }
            return problems
        case nil:
            return [AccountFieldRules.invalid("entityType", "entityType must be 'individual' or 'organization'")]
        }
    }
}

extension Registration {
    /// What is wrong with `password` as any account's password (also when the operator sets one),
    /// or `nil` when it may be used.
    public static func passwordProblem(_ password: String) -> FieldError? {
        AccountFieldRules.passwordProblem(password)
    }
}
