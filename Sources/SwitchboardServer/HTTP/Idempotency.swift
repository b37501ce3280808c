import Foundation
import HTTPTypes
import Hummingbird
import SwitchboardCore
import SwitchboardStore

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}

/// `Idempotency-Key` on a POST that creates something: the first successful answer is stored
/// with a hash of the request, and a retry with the same key gets it back byte for byte without
/// doing anything again. The same key with a different request is 422.
struct Idempotency {
    let platform: Platform

    /// Runs `create` unless the account used the request's key before; answers what `create`
    /// answered (status and JSON body) or what it answered the first time.
    func run(
        _ request: Request, context: APIRequestContext, accountId: String, body: RequestBody,
        _ create: @Sendable () async throws -> (HTTPResponse.Status, Data)
    ) async throws -> Response {
        guard let key = try Self.key(of: request) else {
            let (status, bytes) = try await create()
            return JSONResponse.response(status, bytes: bytes)
        }
        let requestHash = Self.requestHash(request, body: body)
        // Retries racing with one key wait for the first to finish, then get its answer.
        return try await platform.idempotencyLock.withLock(accountId + " " + key) {
            try await runOnce(key: key, requestHash: requestHash, accountId: accountId, create)
        }
    }

    private func runOnce(
        key: String, requestHash: String, accountId: String, _ create: @Sendable () async throws -> (HTTPResponse.Status, Data)
    ) async throws -> Response {
        if let record = try await platform.store.idempotencyRecord(accountId: accountId, key: key) {
            return try Self.replay(record, requestHash: requestHash)
        }
        let (status, bytes) = try await create()
        if (200..<300).contains(status.code) {
            let record = IdempotencyRecord(
                accountId: accountId, key: key, requestHash: requestHash, responseStatus: status.code,
                responseBody: String(decoding: bytes, as: UTF8.self), createdAt: platform.now())
            do {
                try await platform.store.recordIdempotency(record)
            } catch StoreError.idempotencyKeyUsed(let first) {
                return try Self.replay(first, requestHash: requestHash)
            }
        }
        return JSONResponse.response(status, bytes: bytes)
    }

    /// What identifies a request for its key: method, path and the body's fields, however the
    /// JSON is spaced or ordered.
    static func requestHash(_ request: Request, body: RequestBody) -> String {
        Secrets.hash("\(request.method.rawValue) \(request.uri.path)\n" + String(decoding: body.canonicalBytes, as: UTF8.self))
    }

    /// The request's key: 1 to 255 printable ASCII characters, or 400.
    static func key(of request: Request) throws -> String? {
        guard let key = request.headers[.idempotencyKey] else { return nil }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw APIError(
                .badRequest, "invalid_idempotency_key", "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces.")
        }
        return key
    }

    /// The first answer again, or 422 when the key was used for another request.
    static func replay(_ record: IdempotencyRecord, requestHash: String, headers: HTTPFields = [:]) throws -> Response {
        guard record.requestHash == requestHash else {
            throw APIError(
                .unprocessableContent, "idempotency_key_reused",
                "This Idempotency-Key was used for a different request; use a new key for a new request.")
        }
        return JSONResponse.response(
            HTTPResponse.Status(code: record.responseStatus), bytes: Data(record.responseBody.utf8),
            headers: headers + [HTTPField(name: .idempotentReplayed, value: "true")])
    }
}
