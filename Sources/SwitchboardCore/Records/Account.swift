/// A developer account as stored in `data/accounts/<id>.json` (ACCT-1…5, CAP-1, AGR-1).
///
/// The balance is not here: it is the sum of the account's ledger entries.
public struct Account: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    /// Unique across accounts, compared in lowercase.
    public var email: String
    public var entityType: EntityType
    public var profile: AccountProfile
    public var status: AccountStatus
    /// A bcrypt hash; `nil` until a password is set (e.g. by `switchboard admin`).
    public var passwordHash: String?
    public var apiKeys: [APIKeyRecord]
    public var sessions: [SessionRecord]
    public var capabilities: [CapabilityApplication]
    public var agreementAcceptances: [AgreementAcceptance]
    public var profileHistory: [ProfileChange]
    /// Warn the developer when the balance falls below this (BILL-2).
    public var lowBalanceThreshold: Money?
    /// Where status changes are POSTed, signed with `signingSecret` (SPEC "Messages and calls").
    public var callbackURL: String?
    public var signingSecret: String?
    public var createdAt: Timestamp
    public var lastLoginAt: Timestamp?
    /// Bumped by the store on every write; lets a caller detect that it edited a stale copy.
    public var revision: Int

    public init(
        id: String, email: String, entityType: EntityType, profile: AccountProfile, status: AccountStatus = .active,
        passwordHash: String? = nil, apiKeys: [APIKeyRecord] = [], sessions: [SessionRecord] = [],
        capabilities: [CapabilityApplication] = [], agreementAcceptances: [AgreementAcceptance] = [],
        profileHistory: [ProfileChange] = [], lowBalanceThreshold: Money? = nil, callbackURL: String? = nil,
        signingSecret: String? = nil, createdAt: Timestamp, lastLoginAt: Timestamp? = nil, revision: Int = 0
    ) {
        self.id = id
        self.email = email
        self.entityType = entityType
        self.profile = profile
        self.status = status
        self.passwordHash = passwordHash
        self.apiKeys = apiKeys
        self.sessions = sessions
        self.capabilities = capabilities
        self.agreementAcceptances = agreementAcceptances
        self.profileHistory = profileHistory
        self.lowBalanceThreshold = lowBalanceThreshold
        self.callbackURL = callbackURL
        self.signingSecret = signingSecret
        self.createdAt = createdAt
        self.lastLoginAt = lastLoginAt
        self.revision = revision
    }

    /// Hashes of the keys that still authenticate.
    public var activeKeyHashes: [String] { apiKeys.filter { $0.revokedAt == nil }.map(\.hash) }

    /// What is wrong with this record on its own, in words (empty when nothing is).
    public func problems() -> [String] {
        var found: [String] = []
        if id.isEmpty || id.contains("/") || id.hasPrefix(".") { found.append("id '\(id)' is not a plain file name") }
        if !email.contains("@") { found.append("email '\(email)' has no @") }
        if entityType == .organization,
            (profile.organizationName ?? "").isEmpty || (profile.registrationNumber ?? "").isEmpty
        {
            found.append("an organization needs organizationName and registrationNumber (ACCT-1)")
        }
        if Set(apiKeys.map(\.hash)).count != apiKeys.count { found.append("an API key hash is listed twice") }
        return found
    }
}
