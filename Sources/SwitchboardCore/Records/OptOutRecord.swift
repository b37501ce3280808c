/// A recipient who answered STOP (or opted back in) to one account's messages (USE-2).
/// The latest record for an account and number wins.
public struct OptOutRecord: Sendable, Hashable, Codable {
    public var accountId: String
    /// E.164 number of the recipient.
    public var number: String
    /// `true` to stop sending, `false` when the recipient opted back in.
    public var optedOut: Bool
    /// The word that triggered it (`STOP`, `退订`, …) or `operator`.
    public var keyword: String
    public var at: Timestamp

    public init(accountId: String, number: String, optedOut: Bool = true, keyword: String, at: Timestamp) {
        self.accountId = accountId
        self.number = number
        self.optedOut = optedOut
        self.keyword = keyword
        self.at = at
    }
}
