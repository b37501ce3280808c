import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// The developer's side of callbacks: the signing secret (shown and rotated from a login
/// session only) and the recorded delivery attempts of one send.
struct WebhookRoutes {
    let platform: Platform

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("webhooks/secret", use: secret)
        group.post("webhooks/secret/rotate", use: rotate)
        group.get("sms/:id/callbacks", use: { try await callbacks($0, $1, channel: .sms) })
        group.get("calls/:id/callbacks", use: { try await callbacks($0, $1, channel: .call) })
    }

    struct SecretView: Encodable, Sendable {
        let signingSecret: String
    }

    /// One recorded step of a delivery. `state`: `queued` (the event, before any attempt),
    /// `delivered` (2xx), `retrying` (failed, `nextAttemptAt` set) or `failed` (given up).
    struct AttemptView: Encodable, Sendable {
        let eventId: String
        let attempt: Int
        let state: String
        let url: String
        let status: SendStatus
        let statusAt: Timestamp
        let at: Timestamp
        let statusCode: Int?
        let error: String?
        let nextAttemptAt: Timestamp?

        init(_ record: WebhookAttempt) {
            eventId = record.eventId
            attempt = record.attempt
            state =
                record.attempt == 0 ? "queued" : record.delivered ? "delivered" : record.nextAttemptAt == nil ? "failed" : "retrying"
            url = record.url
            status = record.status
            statusAt = record.statusAt
            at = record.at
            statusCode = record.statusCode
            error = record.error
            nextAttemptAt = record.nextAttemptAt
        }
    }

    static func newSecret() -> String { "whsec_" + Secrets.random(40) }

    @Sendable func secret(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developerInSession().account
        if let secret = account.signingSecret, !secret.isEmpty { return try JSONResponse.response(.ok, SecretView(signingSecret: secret)) }
        // Accounts registered before secrets existed get one the first time they ask.
        let fresh = Self.newSecret()
        let updated = try await platform.store.updateAccount(id: account.id) { stored in
            if stored.signingSecret?.isEmpty ?? true { stored.signingSecret = fresh }
        }
        return try JSONResponse.response(.ok, SecretView(signingSecret: updated.signingSecret ?? fresh))
    }

    /// Replaces the secret at once; attempts from now on are signed with the new one.
    @Sendable func rotate(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developerInSession().account
        let fresh = Self.newSecret()
        _ = try await platform.store.updateAccount(id: account.id) { $0.signingSecret = fresh }
        return try JSONResponse.response(.ok, SecretView(signingSecret: fresh))
    }

    @Sendable func callbacks(_ request: Request, _ context: APIRequestContext, channel: Channel) async throws -> Response {
        let account = try context.developer()
        let id = try context.parameters.require("id")
        guard let send = try await platform.store.send(id: id), send.accountId == account.id, send.channel == channel else {
            throw APIError.notFound(channel == .sms ? "SMS \(id)" : "Call \(id)")
        }
        let attempts = try await platform.store.webhookAttempts(sendId: send.id).filter { $0.accountId == account.id }
        return try JSONResponse.response(.ok, ListView(attempts.map(AttemptView.init)))
    }
}
