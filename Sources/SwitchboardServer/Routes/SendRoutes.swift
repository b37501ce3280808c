import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `/v1/sms` and `/v1/calls`: send, look up with the status history, list (PLAT-2). Sends take
/// an API key or a session; `Idempotency-Key` makes a retry return the first answer and charge
/// nothing twice, even when the retries race.
struct SendRoutes {
    let platform: Platform
    private var messaging: Messaging { Messaging(platform: platform) }

    /// The longest SMS text accepted (about ten segments of Chinese text).
    static let maximumBodyLength = 700
    static let maximumSpeechLength = 500
    static let minutesRange = 1...30

    func add(to group: RouterGroup<APIRequestContext>) {
        // Only the sends pause during a maintenance window (PLAT-1).
        let sending = group.group().add(middleware: MaintenanceMiddleware(platform: platform))
        sending.post("sms", use: sendSMS)
        sending.post("calls", use: placeCall)
        group.get("sms", use: { try await list($0, $1, channel: .sms) })
        group.get("calls", use: { try await list($0, $1, channel: .call) })
        group.get("sms/:id", use: { try await show($0, $1, channel: .sms) })
        group.get("calls/:id", use: { try await show($0, $1, channel: .call) })
    }

    @Sendable func sendSMS(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developer()
        let body = try await RequestBody.read(
            request, limit: platform.settings.maxRequestBytes, allowed: ["to", "body", "sign", "callbackUrl"])
        let to = try body.requiredString("to", maxLength: 32)
        let text = try body.requiredString("body", maxLength: Self.maximumBodyLength)
        guard !text.trimmingWhitespace().isEmpty else { throw APIError.invalidField("body", "'body' is empty.") }
        var signed = text
        if let sign = try body.string("sign", required: false, maxLength: 20) {
            guard (2...20).contains(sign.count), !sign.contains(where: { "【】[]".contains($0) }) else {
                throw APIError.invalidField("sign", "'sign' must be 2 to 20 characters without brackets, such as \"Acme\".")
            }
            signed = "【\(sign)】" + text
        }
        let order = Messaging.Order(
            channel: .sms, to: to, text: signed, callbackURL: try callbackURL(body), idempotencyKey: try Idempotency.key(of: request))
        return try await send(order, request: request, body: body, account: account)
    }

    @Sendable func placeCall(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developer()
        let body = try await RequestBody.read(
            request, limit: platform.settings.maxRequestBytes, allowed: ["to", "tts", "estimatedMinutes", "callbackUrl"])
        let to = try body.requiredString("to", maxLength: 32)
        let speech = try body.requiredString("tts", maxLength: Self.maximumSpeechLength)
        guard !speech.trimmingWhitespace().isEmpty else { throw APIError.invalidField("tts", "'tts' is empty.") }
        let minutes = try body.integer("estimatedMinutes", in: Self.minutesRange) ?? 1
        let order = Messaging.Order(
            channel: .call, to: to, text: speech, estimatedMinutes: minutes, callbackURL: try callbackURL(body),
            idempotencyKey: try Idempotency.key(of: request))
        return try await send(order, request: request, body: body, account: account)
    }

    private func callbackURL(_ body: RequestBody) throws -> String? {
        guard let url = try body.string("callbackUrl", required: false, maxLength: 2048) else { return nil }
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
            throw APIError.invalidField("callbackUrl", "'callbackUrl' must be an http or https URL.")
        }
        return url
    }

    private func send(_ order: Messaging.Order, request: Request, body: RequestBody, account: Account) async throws -> Response {
        guard let key = order.idempotencyKey else { return try await sendOnce(order, account: account) }
        var order = order
        let requestHash = Idempotency.requestHash(request, body: body)
        order.requestHash = requestHash
        // Retries racing with one key wait for the first, then get its answer (not a 429 from
        // the frequency caps the first one used).
        return try await platform.idempotencyLock.withLock(account.id + " " + key) { [order] in
            if let record = try await platform.store.idempotencyRecord(accountId: account.id, key: key) {
                return try replay(record, requestHash: requestHash, channel: order.channel)
            }
            do {
                return try await sendOnce(order, account: account)
            } catch StoreError.idempotencyKeyUsed(let first) {
                return try replay(first, requestHash: requestHash, channel: order.channel)
            }
        }
    }

    private func sendOnce(_ order: Messaging.Order, account: Account) async throws -> Response {
        let sent = try await messaging.send(order, from: account)
        return JSONResponse.response(
            .created, bytes: sent.response, headers: [.location: location(of: sent.send.id, channel: order.channel)])
    }

    private func location(of id: String, channel: Channel) -> String {
        "/v1/\(channel == .sms ? "sms" : "calls")/\(id)"
    }

    /// The first answer again, with the `Location` it had.
    private func replay(_ record: IdempotencyRecord, requestHash: String, channel: Channel) throws -> Response {
        let object = try? JSONSerialization.jsonObject(with: Data(record.responseBody.utf8)) as? [String: Any]
        guard record.responseStatus == 201, let id = object?["id"] as? String else {
            return try Idempotency.replay(record, requestHash: requestHash)
        }
        return try Idempotency.replay(record, requestHash: requestHash, headers: [.location: location(of: id, channel: channel)])
    }

    @Sendable func show(_ request: Request, _ context: APIRequestContext, channel: Channel) async throws -> Response {
        let account = try context.developer()
        let id = try context.parameters.require("id")
        guard let send = try await platform.store.send(id: id), send.accountId == account.id, send.channel == channel else {
            throw APIError.notFound(channel == .sms ? "SMS \(id)" : "Call \(id)")
        }
        return try JSONResponse.response(.ok, SendView(send))
    }

    @Sendable func list(_ request: Request, _ context: APIRequestContext, channel: Channel) async throws -> Response {
        let account = try context.developer()
        let query = request.uri.queryParameters
        let status = try query.get("status").map { (text: String) -> SendStatus in
            guard let status = SendStatus(rawValue: text) else {
                throw APIError.invalidField(
                    "status", "'status' must be one of \(SendStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return status
        }
        let found = try await SendQuery(
            channel: channel, status: status, to: query.get("to"), createdFrom: try timestamp(query.get("from"), field: "from"),
            createdBefore: try timestamp(query.get("until"), field: "until"), startingAfter: query.get("startingAfter"),
            limit: try Pagination.limit(query.get("limit"))
        ).run(on: platform, account: account)
        return try JSONResponse.response(.ok, ListView(found.sends.map(SendView.init), hasMore: found.hasMore))
    }

    private func timestamp(_ text: String?, field: String) throws -> Timestamp? {
        guard let text else { return nil }
        guard let moment = Timestamp(text) else {
            throw APIError.invalidField(field, "'\(field)' must be a UTC time such as 2026-11-27T00:00:00.000Z.")
        }
        return moment
    }
}
