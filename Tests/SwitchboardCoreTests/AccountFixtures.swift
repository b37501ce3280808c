@testable import SwitchboardCore

/// An organisation account with a password, two keys (one already revoked), a session, a callback,
/// a profile change and a clicked acceptance: something of everything erasure must reach.
enum AccountFixtures {
    static let created = Timestamp.utc("2025-11-27T03:00:00Z")

    static func account(entityType: EntityType = .organization, lastLoginAt: Timestamp? = nil) -> Account {
        Account(
            id: "acc_1", email: "dev@example.com", entityType: entityType,
            profile: AccountProfile(
                displayName: "Acme", organizationName: entityType == .organization ? "Acme Ltd" : nil,
                registrationNumber: entityType == .organization ? "9131" : nil, contactPhone: "+8613800138000"),
            passwordHash: "$2b$12$hash",
            apiKeys: [
                APIKeyRecord(id: "k1", hash: "aa", prefix: "sk_live_aa", createdAt: created),
                APIKeyRecord(id: "k2", hash: "bb", prefix: "sk_live_bb", createdAt: created, revokedAt: .utc("2026-01-01T00:00:00Z")),
            ],
            sessions: [SessionRecord(id: "s1", tokenHash: "cc", createdAt: created, expiresAt: .utc("2026-12-01T00:00:00Z"))],
            capabilities: [CapabilityApplication(capability: .sms, termsVersion: "sms-1", appliedAt: created, decision: .approved)],
            agreementAcceptances: [AgreementAcceptance(version: "2025-11-01", at: created, method: .clicked, sourceAddress: "203.0.113.9")],
            profileHistory: [ProfileChange(at: created, field: "contactPhone", oldValue: "+8613900139000", newValue: "+8613800138000")],
            lowBalanceThreshold: Money("10"), callbackURL: "https://acme.example/hook", signingSecret: "whsec_1", createdAt: created,
            lastLoginAt: lastLoginAt)
    }
}
