/// The fields a developer may change about itself (ACCT-2). For each optional field, `nil` leaves
/// it as it is and `.some(nil)` clears it; `displayName` can be changed but not cleared.
public struct ProfileUpdate: Sendable, Hashable {
    /// The longest callback URL accepted.
    public static let callbackURLMaximumLength = 2048

    public var displayName: String?
    public var contactPhone: String??
    public var organizationName: String??
    public var registrationNumber: String??
    public var lowBalanceThreshold: Money??
    public var callbackURL: String??

    public init(
        displayName: String? = nil, contactPhone: String?? = nil, organizationName: String?? = nil,
        registrationNumber: String?? = nil, lowBalanceThreshold: Money?? = nil, callbackURL: String?? = nil
    ) {
        self.displayName = displayName
        self.contactPhone = contactPhone
        self.organizationName = organizationName
        self.registrationNumber = registrationNumber
        self.lowBalanceThreshold = lowBalanceThreshold
        self.callbackURL = callbackURL
    }

    /// Every problem with applying this update to `account`; empty when it may be applied.
    public func validate(for account: Account, reservedNames: ReservedNames) -> [FieldError] {
        var problems: [FieldError] = []
        if let displayName {
            if let problem = AccountFieldRules.nameProblem(displayName, field: "displayName")
                ?? AccountFieldRules.reservedProblem(displayName, field: "displayName", reservedNames: reservedNames)
            {
                problems.append(problem)
            }
        }
        if case .some(.some(let phone)) = contactPhone, let problem = AccountFieldRules.phoneProblem(phone, field: "contactPhone") {
            problems.append(problem)
        }
        problems += organizationProblems(for: account, reservedNames: reservedNames)
        if case .some(.some(let threshold)) = lowBalanceThreshold, threshold < .zero {
            problems.append(AccountFieldRules.invalid("lowBalanceThreshold", "lowBalanceThreshold must not be negative"))
        }
        if case .some(.some(let url)) = callbackURL, let problem = Self.callbackURLProblem(url) {
            problems.append(problem)
        }
        return problems
    }

    private func organizationProblems(for account: Account, reservedNames: ReservedNames) -> [FieldError] {
        var problems: [FieldError] = []
        for (field, change) in [("organizationName", organizationName), ("registrationNumber", registrationNumber)] {
            guard let change else { continue }
            switch (account.entityType, change) {
            case (.individual, .some):
                problems.append(AccountFieldRules.invalid(field, "\(field) is only for organizations; this account is an individual"))
            case (.individual, nil):
                break
            case (.organization, nil):
                problems.append(AccountFieldRules.invalid(field, "an organization must keep its \(field); it cannot be cleared"))
            case (.organization, .some(let value)):
                let problem =
                    field == "organizationName"
                    ? AccountFieldRules.nameProblem(value, field: field)
                        ?? AccountFieldRules.reservedProblem(value, field: field, reservedNames: reservedNames)
                    : AccountFieldRules.registrationNumberProblem(value)
                if let problem { problems.append(problem) }
            }
        }
        return problems
    }

    /// An absolute `http` or `https` URL with a host, no spaces or control characters, at most 2048 bytes.
    static func callbackURLProblem(_ url: String) -> FieldError? {
        let lowered = url.lowercased()
        let rest = lowered.hasPrefix("https://") ? lowered.dropFirst(8) : lowered.hasPrefix("http://") ? lowered.dropFirst(7) : nil
        guard let rest, let host = rest.split(separator: "/", omittingEmptySubsequences: false).first, !host.isEmpty,
            !host.hasPrefix(":"), url.utf8.count <= callbackURLMaximumLength,
            !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control })
        else {
            return AccountFieldRules.invalid(
                "callbackURL", "callbackURL must be an http or https URL with a host, no spaces, at most \(callbackURLMaximumLength) bytes")
        }
        return nil
    }
}
