import SwitchboardCore

/// A send as handed to a carrier.
public struct CarrierMessage: Sendable, Hashable {
    public let sendId: String
    public let channel: Channel
    /// E.164 recipient.
    public let to: String
    /// The SMS text with its signature; the text read out for a call.
    public let text: String
    /// For calls: the longest the call may last, in minutes (its reserved price).
    public let maximumMinutes: Int?

    public init(sendId: String, channel: Channel, to: String, text: String, maximumMinutes: Int? = nil) {
        self.sendId = sendId
        self.channel = channel
        self.to = to
        self.text = text
        self.maximumMinutes = maximumMinutes
    }
}

/// What a carrier reports back: status changes (delivery receipts, call ends) and replies.
public enum CarrierReport: Sendable, Hashable {
    /// A send moved forward; a completed call carries its `durationSeconds`.
    case status(sendId: String, change: StatusChange)
    /// A recipient answered an SMS (STOP, 退订, …).
    case reply(from: String, text: String, at: Timestamp)
}

/// Where sends go: the built-in simulator, later SMPP or SIP gateways. A carrier moves statuses
/// forward and reports them through `reports`; it must resume a send handed to it again after a
/// restart from the status it had reached.
public protocol Carrier: Sendable {
    /// Takes a send whose latest status is `current` (`queued` for a new one).
    func submit(_ message: CarrierMessage, current: SendStatus) async
    /// Reports, in the order they happen, for as long as the carrier runs.
    var reports: AsyncStream<CarrierReport> { get }
}
