/// The status of an SMS or a call (SPEC "Messages and calls").
///
/// SMS: `queued → sent → delivered | undelivered | failed`, or `rejected` at once.
/// Call: `queued → ringing → in-progress → completed | busy | no-answer | failed`.
public enum SendStatus: String, Sendable, Codable, CaseIterable {
    case queued
    case sent
    case delivered
    case undelivered
    case rejected
    case ringing
    case inProgress = "in-progress"
    case completed
    case busy
    case noAnswer = "no-answer"
    case failed

    /// The statuses a send of `channel` may start in.
    public static func initial(for channel: Channel) -> Set<SendStatus> {
        channel == .sms ? [.queued, .rejected] : [.queued, .rejected]
    }

    /// Whether nothing can follow this status.
    public var isFinal: Bool {
        switch self {
        case .delivered, .undelivered, .rejected, .completed, .busy, .noAnswer, .failed: return true
        case .queued, .sent, .ringing, .inProgress: return false
        }
    }

    /// Whether a send of `channel` may move from this status to `next`: histories only move forward.
    public func canMove(to next: SendStatus, channel: Channel) -> Bool {
        switch (channel, self) {
        case (.sms, .queued): return [.sent, .failed].contains(next)
        case (.sms, .sent): return [.delivered, .undelivered, .failed].contains(next)
        case (.call, .queued): return [.ringing, .failed].contains(next)
        case (.call, .ringing): return [.inProgress, .busy, .noAnswer, .failed].contains(next)
        case (.call, .inProgress): return [.completed, .failed].contains(next)
        default: return false
        }
    }
}

/// SMS or voice call.
public enum Channel: String, Sendable, Codable, CaseIterable {
    case sms
    case call
}
