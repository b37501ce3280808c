import SwitchboardCore

/// An SMS or a call as the API shows it, with its whole status history (PLAT-2).
struct SendView: Encodable, Sendable {
    let id: String
    let status: SendStatus
    let to: String
    /// The SMS text with its signature, or the text a call reads out; absent once erased.
    let body: String?
    let segments: Int?
    let encoding: String?
    let estimatedMinutes: Int?
    let durationSeconds: Int?
    let price: Money
    let currency: String
    let createdAt: Timestamp
    let erasedAt: Timestamp?
    let history: [StatusChange]

    init(_ send: Send) {
        id = send.id
        status = send.status
        to = send.to
        body = send.body
        segments = send.channel == .sms ? send.segments : nil
        encoding = send.channel == .sms ? send.body.map { SMSSegments($0).encoding.rawValue } : nil
        estimatedMinutes = send.reservedMinutes
        durationSeconds = send.durationSeconds ?? send.statusHistory.last(where: { $0.durationSeconds != nil })?.durationSeconds
        price = send.price
        currency = send.currency
        createdAt = send.createdAt
        erasedAt = send.erasedAt
        history = send.statusHistory
    }
}

extension SendView {
    /// The answer to a send, as `JSONEncoder` with sorted keys writes it (the send route's
    /// answer; other routes encode the view).
    var json: [UInt8] {
        var object = JSONObjectWriter()
        object.add("body", body)
        object.add("createdAt", createdAt)
        object.add("currency", currency)
        object.add("durationSeconds", durationSeconds)
        object.add("encoding", encoding)
        object.add("erasedAt", erasedAt)
        object.add("estimatedMinutes", estimatedMinutes)
        object.add("history", objects: history) { $0.write(to: &$1) }
        object.add("id", id)
        object.add("price", price)
        object.add("segments", segments)
        object.add("status", status)
        object.add("to", to)
        return object.finish()
    }
}
