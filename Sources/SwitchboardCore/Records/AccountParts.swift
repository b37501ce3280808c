/// The kind of registrant (ACCT-1).
public enum EntityType: String, Sendable, Codable, CaseIterable {
    case individual
    case organization
}

/// What a developer tells about itself (ACCT-1, ACCT-2). Organisations give a name and a
/// registration number.
public struct AccountProfile: Sendable, Hashable, Codable {
    public var displayName: String
    public var organizationName: String?
    public var registrationNumber: String?
    public var contactPhone: String?

    public init(displayName: String, organizationName: String? = nil, registrationNumber: String? = nil, contactPhone: String? = nil) {
        self.displayName = displayName
        self.organizationName = organizationName
        self.registrationNumber = registrationNumber
        self.contactPhone = contactPhone
    }
}

/// One change to a profile: which field, from what, to what, when (ACCT-2).
public struct ProfileChange: Sendable, Hashable, Codable {
    public var at: Timestamp
    public var field: String
    public var oldValue: String?
    public var newValue: String?

    public init(at: Timestamp, field: String, oldValue: String?, newValue: String?) {
        self.at = at
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
    }
}

/// An API key as stored: only its SHA-256 hash and a short prefix to recognise it (ACCT-4).
public struct APIKeyRecord: Sendable, Hashable, Codable {
    public var id: String
    /// Lowercase hex SHA-256 of the key; the key itself is shown once and never stored.
    public var hash: String
    /// The first characters of the key, for the console ("sk_live_ab12…").
    public var prefix: String
    public var createdAt: Timestamp
    public var revokedAt: Timestamp?

    public init(id: String, hash: String, prefix: String, createdAt: Timestamp, revokedAt: Timestamp? = nil) {
        self.id = id
        self.hash = hash
        self.prefix = prefix
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// A login session as stored: the hash of its token (ACCT-4).
public struct SessionRecord: Sendable, Hashable, Codable {
    public var id: String
    /// Lowercase hex SHA-256 of the session token.
    public var tokenHash: String
    public var createdAt: Timestamp
    public var expiresAt: Timestamp
    public var revokedAt: Timestamp?

    public init(id: String, tokenHash: String, createdAt: Timestamp, expiresAt: Timestamp, revokedAt: Timestamp? = nil) {
        self.id = id
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}

/// A capability a developer can apply for (CAP-1).
public enum Capability: String, Sendable, Codable, CaseIterable {
    case sms
    case voice
}

/// An application for a capability and the operator's decision (CAP-1).
public struct CapabilityApplication: Sendable, Hashable, Codable {
    public enum Decision: String, Sendable, Codable {
        case pending
        case approved
        case rejected
    }

    public var capability: Capability
    /// The version of that capability's terms the developer accepted when applying.
    public var termsVersion: String
    public var appliedAt: Timestamp
    public var decision: Decision
    public var decidedAt: Timestamp?
    public var note: String?

    public init(
        capability: Capability, termsVersion: String, appliedAt: Timestamp, decision: Decision = .pending, decidedAt: Timestamp? = nil,
        note: String? = nil
    ) {
        self.capability = capability
        self.termsVersion = termsVersion
        self.appliedAt = appliedAt
        self.decision = decision
        self.decidedAt = decidedAt
        self.note = note
    }
}

/// The record of an agreement version accepted, by click or by default (AGR-1, AGR-2).
public struct AgreementAcceptance: Sendable, Hashable, Codable {
    public enum Method: String, Sendable, Codable {
        /// The developer ticked the box; `sourceAddress` is set.
        case clicked
        /// The version took effect while the account was open (AGR-2).
        case byDefault
    }

    public var version: String
    public var at: Timestamp
    public var method: Method
    public var sourceAddress: String?

    public init(version: String, at: Timestamp, method: Method, sourceAddress: String? = nil) {
        self.version = version
        self.at = at
        self.method = method
        self.sourceAddress = sourceAddress
    }
}
