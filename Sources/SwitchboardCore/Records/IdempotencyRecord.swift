/// The first answer to a POST that carried an `Idempotency-Key`; a retry gets it back and
/// charges nothing twice. A key is used once per account.
public struct IdempotencyRecord: Sendable, Hashable, Codable {
    public var accountId: String
    public var key: String
    /// A hash of the request (method, path, body) so a reused key with a different request can be refused.
    public var requestHash: String
    public var responseStatus: Int
    /// The JSON answer exactly as first sent.
    public var responseBody: String
    public var createdAt: Timestamp

    public init(accountId: String, key: String, requestHash: String, responseStatus: Int, responseBody: String, createdAt: Timestamp) {
        self.accountId = accountId
        self.key = key
        self.requestHash = requestHash
        self.responseStatus = responseStatus
        self.responseBody = responseBody
        self.createdAt = createdAt
    }
}
