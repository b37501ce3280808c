import SwitchboardCore

/// One step in the delivery of a status change to a developer's callback URL (kind `webhook`).
///
/// An event (one status change of one send) gets a record with `attempt` 0 when it is queued,
/// in the same commit as the status change itself, then one record per POST tried. The latest
/// record of an event tells where its delivery stands: delivered, given up (no
/// `nextAttemptAt`), or pending until `nextAttemptAt`. A restart resumes every pending event,
/// so none is lost.
public struct WebhookAttempt: Sendable, Hashable, Codable {
    /// `evt_…`, the same on every attempt of one event; sent as `Switchboard-Event-Id`.
    public var eventId: String
    public var sendId: String
    public var accountId: String
    /// Where the event is POSTed (the send's callback URL, else the account's, when queued).
    public var url: String
    /// 0 when queued, then 1, 2, … for each POST tried.
    public var attempt: Int
    /// When this record was made: queued, or when the attempt finished.
    public var at: Timestamp
    /// When the event was queued (the payload's `createdAt`).
    public var createdAt: Timestamp
    /// The status change the event reports.
    public var status: SendStatus
    public var statusAt: Timestamp
    /// The receiver's HTTP status code, when it answered.
    public var statusCode: Int?
    /// Why the attempt failed without an answer (timeout, refused connection, …).
    public var error: String?
    /// Whether the receiver answered 2xx.
    public var delivered: Bool
    /// When the next attempt is due; `nil` once delivered or given up.
    public var nextAttemptAt: Timestamp?

    public init(
        eventId: String, sendId: String, accountId: String, url: String, attempt: Int, at: Timestamp, createdAt: Timestamp,
        status: SendStatus, statusAt: Timestamp, statusCode: Int? = nil, error: String? = nil, delivered: Bool = false,
        nextAttemptAt: Timestamp? = nil
    ) {
        self.eventId = eventId
        self.sendId = sendId
        self.accountId = accountId
        self.url = url
        self.attempt = attempt
        self.at = at
        self.createdAt = createdAt
        self.status = status
        self.statusAt = statusAt
        self.statusCode = statusCode
        self.error = error
        self.delivered = delivered
        self.nextAttemptAt = nextAttemptAt
    }

    /// Whether another attempt is due (neither delivered nor given up).
    public var isPending: Bool { !delivered && nextAttemptAt != nil }

    /// The record of the next step of the same event.
    public func next(
        at: Timestamp, statusCode: Int? = nil, error: String? = nil, delivered: Bool, nextAttemptAt: Timestamp?
    ) -> WebhookAttempt {
        var next = self
        next.attempt = attempt + 1
        next.at = at
        next.statusCode = statusCode
        next.error = error
        next.delivered = delivered
        next.nextAttemptAt = delivered ? nil : nextAttemptAt
        return next
    }

    /// What is wrong with this record on its own, in words (empty when nothing is).
    public func problems() -> [String] {
        var found: [String] = []
        if eventId.isEmpty { found.append("eventId is empty") }
        if url.isEmpty { found.append("url is empty") }
        if attempt < 0 { found.append("attempt is negative") }
        if attempt == 0 && (delivered || statusCode != nil || error != nil) { found.append("a queued event (attempt 0) has an outcome") }
        if attempt == 0 && nextAttemptAt == nil { found.append("a queued event (attempt 0) has no nextAttemptAt") }
        if delivered && nextAttemptAt != nil { found.append("a delivered event has a nextAttemptAt") }
        return found
    }
}
