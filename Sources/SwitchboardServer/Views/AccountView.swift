import SwitchboardCore

/// An account as the API shows it: never a password hash, key hash, session or signing secret.
struct AccountView: Encodable, Sendable {
    struct CapabilityView: Encodable, Sendable {
        let capability: Capability
        let status: CapabilityApplication.Decision
        let termsVersion: String
        let appliedAt: Timestamp
        let decidedAt: Timestamp?
        let note: String?

        init(_ application: CapabilityApplication) {
            capability = application.capability
            status = application.decision
            termsVersion = application.termsVersion
            appliedAt = application.appliedAt
            decidedAt = application.decidedAt
            note = application.note
        }
    }

    let id: String
    let status: AccountStatus
    let name: String
    let email: String
    let entityType: EntityType
    let organizationName: String?
    let registrationNumber: String?
    let phone: String?
    let lowBalanceThreshold: Money?
    let callbackUrl: String?
    let capabilities: [CapabilityView]
    let acceptedAgreementVersion: String?
    let createdAt: Timestamp
    let lastLoginAt: Timestamp?

    init(_ account: Account) {
        id = account.id
        status = account.status
        name = account.profile.displayName
        email = account.email
        entityType = account.entityType
        organizationName = account.profile.organizationName
        registrationNumber = account.profile.registrationNumber
        phone = account.profile.contactPhone
        lowBalanceThreshold = account.lowBalanceThreshold
        callbackUrl = account.callbackURL
        capabilities = account.capabilities.map(CapabilityView.init)
        acceptedAgreementVersion = account.agreementAcceptances.max { $0.at < $1.at }?.version
        createdAt = account.createdAt
        lastLoginAt = account.lastLoginAt
    }
}
