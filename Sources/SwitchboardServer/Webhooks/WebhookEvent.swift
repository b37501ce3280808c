import Crypto
import Foundation
import SwitchboardCore
import SwitchboardStore

/// What a developer's callback URL receives for one status change, and how it is signed.
///
/// The body is JSON with sorted keys:
///
///     {"createdAt":"…","data":{"at":"…","currency":"CNY","id":"sms_…","price":"0.0450",
///      "status":"delivered","to":"+8613800138000"},"id":"evt_…","type":"sms.status"}
///
/// (`data.durationSeconds` too on a completed call.) The request carries
/// `Switchboard-Signature: sha256=<lowercase hex HMAC-SHA256 of the raw body, keyed with the
/// account's signing secret (the whole `whsec_…` string as UTF-8)>` and `Switchboard-Event-Id`.
enum WebhookEvent {
    static let signatureHeader = "Switchboard-Signature"
    static let eventIdHeader = "Switchboard-Event-Id"

    struct Payload: Encodable, Sendable {
        struct Change: Encodable, Sendable {
            let id: String
            let status: SendStatus
            let at: Timestamp
            let to: String
            let durationSeconds: Int?
            let price: Money
            let currency: String
        }
        let id: String
        let type: String
        let createdAt: Timestamp
        let data: Change
    }

    /// The event to queue with `change` of `send`, when the send or its account has a callback URL.
    static func queued(for send: Send, change: StatusChange, account: Account?, at now: Timestamp) -> WebhookAttempt? {
        guard let url = send.callbackURL ?? account?.callbackURL, !url.isEmpty else { return nil }
        return WebhookAttempt(
            eventId: Secrets.id("evt"), sendId: send.id, accountId: send.accountId, url: url, attempt: 0, at: now, createdAt: now,
            status: change.status, statusAt: change.at, nextAttemptAt: now)
    }

    /// The body POSTed for `event` about `send` (as stored now: an erased recipient stays erased).
    static func body(of event: WebhookAttempt, send: Send) throws -> Data {
        let change = send.statusHistory.last { $0.status == event.status }
        let duration = change?.durationSeconds ?? (event.status == .completed ? send.durationSeconds : nil)
        let payload = Payload(
            id: event.eventId, type: send.channel == .sms ? "sms.status" : "call.status", createdAt: event.createdAt,
            data: .init(
                id: send.id, status: event.status, at: event.statusAt, to: send.to, durationSeconds: duration, price: send.price,
                currency: send.currency))
        return try JSONResponse.data(payload)
    }

    /// `sha256=` and the lowercase hex HMAC-SHA256 of `body` keyed with `secret`.
    static func signature(of body: Data, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `url` is one callbacks may go to: http or https with a host.
    static func isDeliverable(_ url: String) -> Bool {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = parsed.host, !host.isEmpty
        else { return false }
        return true
    }
}
