import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// An answer from the API: status, headers and the body, decoded with `JSONSerialization`.
struct Answer: Sendable, CustomStringConvertible {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: Data

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }

    var text: String { String(decoding: body, as: UTF8.self) }

    subscript(key: String) -> Any? { json[key] }

    func string(_ key: String) -> String? { json[key] as? String }

    func object(_ key: String) -> [String: Any] { json[key] as? [String: Any] ?? [:] }

    /// `data` of a list answer.
    var list: [[String: Any]] { json["data"] as? [[String: Any]] ?? [] }

    /// `error.code` of an error answer.
    var errorCode: String? { object("error")["code"] as? String }
    var errorField: String? { object("error")["field"] as? String }
    var errorMessage: String? { object("error")["message"] as? String }

    /// Whether the body is the API's error shape: JSON, `{"error": {"code", "message"}}`.
    var isErrorShape: Bool {
        let error = object("error")
        return headers[.contentType]?.hasPrefix("application/json") == true && error["code"] is String
            && error["message"] is String
    }

    var description: String { "\(status.code) \(text)" }
}

/// A developer registered, logged in and (unless asked not to) holding an API key.
struct Developer: Sendable {
    let id: String
    let email: String
    let password: String
    let session: String
    let key: String
    let keyId: String
}

/// Sends requests to the application under test, with the helpers every test file uses.
struct API: Sendable {
    let client: any TestClientProtocol
    let server: TestServer

    static let password = "correct horse battery"

    /// Sends a request; `json` is serialised with `Content-Type: application/json`, `raw` is sent
    /// as it is with `contentType` (when not nil).
    func send(
        _ method: HTTPRequest.Method, _ uri: String, json: [String: Any]? = nil, raw: Data? = nil,
        contentType: String? = "application/json", token: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> Answer {
        var headers = extra
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        } else if let raw {
            body = ByteBuffer(bytes: raw)
        }
        if body != nil, let contentType { headers[.contentType] = contentType }
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            Answer(status: response.status, headers: response.headers, body: Data(buffer: response.body))
        }
    }

    func get(_ uri: String, token: String? = nil, headers: HTTPFields = [:]) async throws -> Answer {
        try await send(.get, uri, token: token, headers: headers)
    }

    func post(_ uri: String, _ json: [String: Any]? = nil, token: String? = nil, headers: HTTPFields = [:]) async throws -> Answer {
        try await send(.post, uri, json: json, token: token, headers: headers)
    }

    func patch(_ uri: String, _ json: [String: Any], token: String? = nil) async throws -> Answer {
        try await send(.patch, uri, json: json, token: token)
    }

    func delete(_ uri: String, token: String? = nil) async throws -> Answer {
        try await send(.delete, uri, token: token)
    }

    /// A request with the operator's admin token.
    func admin(_ method: HTTPRequest.Method, _ uri: String, _ json: [String: Any]? = nil) async throws -> Answer {
        try await send(method, uri, json: json, token: TestServer.adminToken)
    }

    /// A registration body that the fixture site accepts at the clock's moment.
    func registration(
        email: String, name: String = "Ada Lovelace", entityType: String = "individual", extra: [String: Any] = [:]
    ) -> [String: Any] {
        var body: [String: Any] = [
            "name": name, "email": email, "password": Self.password, "phone": "+8613800138000", "entityType": entityType,
            "acceptAgreement": server.agreementInEffect,
        ]
        for (key, value) in extra { body[key] = value }
        return body
    }

    /// Registers an individual; answers the 201's body.
    @discardableResult
    func register(email: String, name: String = "Ada Lovelace") async throws -> [String: Any] {
        let answer = try await post("/v1/accounts", registration(email: email, name: name))
        guard answer.status == .created else { throw HarnessError("registration of \(email) failed: \(answer)") }
        return answer.json
    }

    /// Logs in; answers the session token.
    func login(email: String, password: String = API.password) async throws -> String {
        let answer = try await post("/v1/sessions", ["email": email, "password": password])
        guard answer.status == .created, let token = answer.string("token") else {
            throw HarnessError("login of \(email) failed: \(answer)")
        }
        return token
    }

    /// Creates an API key from a session; answers its id and the key.
    func createKey(session: String) async throws -> (id: String, key: String) {
        let answer = try await post("/v1/api-keys", token: session)
        guard answer.status == .created, let id = answer.string("id"), let key = answer.string("key") else {
            throw HarnessError("creating a key failed: \(answer)")
        }
        return (id, key)
    }

    /// Registers, logs in and creates a key.
    func developer(_ email: String, name: String = "Ada Lovelace") async throws -> Developer {
        let account = try await register(email: email, name: name)
        let session = try await login(email: email)
        let (keyId, key) = try await createKey(session: session)
        return Developer(
            id: account["id"] as? String ?? "", email: email, password: Self.password, session: session, key: key, keyId: keyId)
    }

    /// Applies for a capability with the terms in effect, and has the operator approve it.
    func grant(_ capability: String, to developer: Developer) async throws {
        let applied = try await post(
            "/v1/account/capabilities", ["capability": capability, "acceptTerms": server.agreementInEffect], token: developer.session)
        guard applied.status == .created else { throw HarnessError("applying for \(capability) failed: \(applied)") }
        let approved = try await admin(.post, "/v1/admin/accounts/\(developer.id)/capabilities/\(capability)/approve")
        guard approved.status == .ok else { throw HarnessError("approving \(capability) failed: \(approved)") }
    }

    /// Records a top-up as the operator.
    @discardableResult
    func topUp(_ accountId: String, amount: String, reference: String, method: String = "alipay") async throws -> Answer {
        try await admin(.post, "/v1/admin/accounts/\(accountId)/top-ups", ["amount": amount, "method": method, "reference": reference])
    }

    /// The balance as the operator sees it.
    func operatorBalance(_ accountId: String) async throws -> String? {
        try await admin(.get, "/v1/admin/accounts/\(accountId)").string("balance")
    }
}
