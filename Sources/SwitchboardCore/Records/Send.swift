/// One status a send entered, and when (PLAT-2).
public struct StatusChange: Sendable, Hashable, Codable {
    public var status: SendStatus
    public var at: Timestamp
    /// The carrier's words, e.g. an error code.
    public var detail: String?
    /// Seconds talked, on a call's `completed` change.
    public var durationSeconds: Int?

    public init(status: SendStatus, at: Timestamp, detail: String? = nil, durationSeconds: Int? = nil) {
        self.status = status
        self.at = at
        self.detail = detail
        self.durationSeconds = durationSeconds
    }
}

/// An SMS or a call made through the API, with every status it went through.
///
/// Created once (with its charge, in one atomic store commit), then only extended by status
/// changes that move forward.
public struct Send: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var accountId: String
    public var channel: Channel
    /// E.164 recipient, e.g. `+8613800138000`.
    public var to: String
    public var from: String?
    /// The SMS text including its signature, or the text a call reads out; `nil` once erased (PRIV-1).
    public var body: String?
    /// Billed SMS segments.
    public var segments: Int?
    /// Seconds of a completed call when known at creation; otherwise on the `completed` status change.
    public var durationSeconds: Int?
    /// For calls: the minutes reserved (and charged) at creation, settled on completion; the
    /// longest the call may last.
    public var reservedMinutes: Int?
    /// What was charged at creation (may be zero when an allowance paid).
    public var price: Money
    public var currency: String
    public var createdAt: Timestamp
    public var idempotencyKey: String?
    /// Where this send's status changes are POSTed, signed; the account's callback URL when `nil`.
    public var callbackURL: String?
    /// Oldest first; never empty.
    public var statusHistory: [StatusChange]
    /// When `body` and `to` were erased at the developer's request (PRIV-1); `to` is then empty.
    public var erasedAt: Timestamp?

    public init(
        id: String, accountId: String, channel: Channel, to: String, from: String? = nil, body: String? = nil,
        segments: Int? = nil, durationSeconds: Int? = nil, reservedMinutes: Int? = nil, price: Money, currency: String = "CNY",
        createdAt: Timestamp, idempotencyKey: String? = nil, callbackURL: String? = nil, statusHistory: [StatusChange],
        erasedAt: Timestamp? = nil
    ) {
        self.id = id
        self.accountId = accountId
        self.channel = channel
        self.to = to
        self.from = from
        self.body = body
        self.segments = segments
        self.durationSeconds = durationSeconds
        self.reservedMinutes = reservedMinutes
        self.price = price
        self.currency = currency
        self.createdAt = createdAt
        self.idempotencyKey = idempotencyKey
        self.callbackURL = callbackURL
        self.statusHistory = statusHistory
        self.erasedAt = erasedAt
    }

    /// The latest status.
    public var status: SendStatus { statusHistory.last?.status ?? .queued }

    /// Whether appending `change` keeps the history moving forward in status and in time.
    public func accepts(_ change: StatusChange) -> Bool {
        guard let last = statusHistory.last else { return SendStatus.initial(for: channel).contains(change.status) }
        return last.status.canMove(to: change.status, channel: channel) && change.at >= last.at
    }

    /// What is wrong with this record on its own, in words (empty when nothing is).
    public func problems() -> [String] {
        var found: [String] = []
        guard let first = statusHistory.first else { return ["statusHistory is empty"] }
        if !SendStatus.initial(for: channel).contains(first.status) {
            found.append("a \(channel.rawValue) cannot start as \(first.status.rawValue)")
        }
        for (previous, next) in zip(statusHistory, statusHistory.dropFirst()) {
            if !previous.status.canMove(to: next.status, channel: channel) {
                found.append("status moves backward or sideways: \(previous.status.rawValue) → \(next.status.rawValue)")
            } else if next.at < previous.at {
                found.append("status \(next.status.rawValue) is dated before \(previous.status.rawValue)")
            }
        }
        if price < .zero { found.append("price is negative") }
        return found
    }
}
