import Foundation
import Hummingbird

/// Encodes API answers: JSON, camelCase keys as the types name them, keys sorted so answers
/// are stable enough to compare and to replay byte for byte (idempotent retries).
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The body bytes of `value`.
    static func data(_ value: some Encodable) throws -> Data {
        try encoder.encode(value)
    }

    /// A JSON response with `status`.
    static func response(_ status: HTTPResponse.Status, _ value: some Encodable, headers: HTTPFields = [:]) throws -> Response {
        response(status, bytes: try data(value), headers: headers)
    }

    /// A JSON response with a body encoded already (a replayed idempotent answer).
    static func response(_ status: HTTPResponse.Status, bytes: Data, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
