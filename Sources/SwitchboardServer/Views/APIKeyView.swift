import SwitchboardCore

/// An API key as listed: its id and prefix, never the key (ACCT-4).
struct APIKeyView: Encodable, Sendable {
    let id: String
    let prefix: String
    let createdAt: Timestamp
    let revokedAt: Timestamp?
    /// The whole key, only in the answer that created it.
    let key: String?

    init(_ record: APIKeyRecord, key: String? = nil) {
        id = record.id
        prefix = record.prefix
        createdAt = record.createdAt
        revokedAt = record.revokedAt
        self.key = key
    }
}
