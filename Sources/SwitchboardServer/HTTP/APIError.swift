import Foundation
import Hummingbird

/// An API error as SPEC.md shapes it: `{"error": {"code": "…", "message": "…", "field": "…"}}`
/// with the matching HTTP status. Every failure of a `/v1` route ends as one of these.
public struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    public let status: HTTPResponse.Status
    /// Stable, snake_case, for programs: `insufficient_balance`.
    public let code: String
    /// For people: what is wrong and, where it helps, what to do.
    public let message: String
    /// The request field the error concerns, when there is one.
    public let field: String?
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, field: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
    }

    /// The message, with the field it concerns: what the command line prints.
    public var description: String { field.map { "\($0): \(message)" } ?? message }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        let body = ErrorBody(error: .init(code: code, message: message, field: field))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONResponse.encoder.encode(body))))
    }

    private struct ErrorBody: Encodable {
        struct Detail: Encodable {
            let code: String
            let message: String
            let field: String?
        }
        let error: Detail
    }
}

extension APIError {
    static func invalidField(_ field: String, _ message: String) -> APIError {
        APIError(.badRequest, "invalid_field", message, field: field)
    }

    static func notFound(_ what: String) -> APIError {
        APIError(.notFound, "not_found", "\(what) was not found.")
    }

    static let authenticationRequired = APIError(
        .unauthorized, "authentication_required", "Send 'Authorization: Bearer <API key or session token>'.",
        headers: [.wwwAuthenticate: "Bearer"])

    static let invalidCredentials = APIError(
        .unauthorized, "invalid_credentials", "The bearer token is unknown, revoked or expired.",
        headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])

    static func tooManyRequests(_ code: String, _ message: String, retryAfterSeconds: Int) -> APIError {
        APIError(.tooManyRequests, code, message, headers: [.retryAfter: String(max(1, retryAfterSeconds))])
    }
}
