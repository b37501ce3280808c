import Foundation
import Hummingbird
import Logging
import SwitchboardSite
import SwitchboardStore
import Testing

@testable import SwitchboardServer

/// The API's contract, `Sources/SwitchboardSite/Theme/static/api/openapi.json` (published as
/// `/api/openapi.json` and rendered as `/api-reference/`), against the routes the server really
/// has: a route added without documentation, or documentation left behind by a removed route,
/// fails here before it reaches a developer.
@Suite("OpenAPI contract")
struct OpenAPIContractTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let documentURL = repository.appendingPathComponent("Sources/SwitchboardSite/Theme/static/api/openapi.json")
    static let methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    /// One operation of the document.
    struct Operation: Hashable, CustomStringConvertible {
        let method: String
        let path: String
        var description: String { "\(method.uppercased()) \(path)" }
    }

    static func document() throws -> [String: Any] {
        let data = try Data(contentsOf: documentURL)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Every (method, path) of the document, with the operation's object.
    static func documentedOperations() throws -> [Operation: [String: Any]] {
        let paths = try #require(try document()["paths"] as? [String: [String: Any]])
        var operations: [Operation: [String: Any]] = [:]
        for (path, item) in paths {
            for (method, value) in item where methods.contains(method) {
                operations[Operation(method: method, path: path)] = value as? [String: Any] ?? [:]
            }
        }
        return operations
    }

    /// `/v1/admin/accounts/:id` and `/v1/admin/accounts/{id}` both become the OpenAPI form.
    static func openAPIPath(_ routerPath: String) -> String {
        let path = routerPath.hasPrefix("/") ? routerPath : "/" + routerPath
        return path.split(separator: "/", omittingEmptySubsequences: false).map { component in
            component.hasPrefix(":") ? "{\(component.dropFirst())}" : String(component)
        }.joined(separator: "/")
    }

    /// The server's `/v1` routes, from the same `buildRouter` that `serve` runs.
    static func serverOperations() async throws -> Set<Operation> {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-openapi-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try await FileStore.open(
            StoreConfiguration(directory: root.appendingPathComponent("data").path, createIfMissing: true))
        let siteURL = repository.appendingPathComponent("Tests/Fixtures/site")
        let facts = try await SiteFacts.load(site: siteURL, now: Date())
        let platform = try Platform(
            store: store, settings: OperatorConfig(siteConfig: facts.config), adminToken: String(repeating: "a", count: 32),
            site: { facts })
        var logger = Logger(label: "openapi-contract")
        logger.logLevel = .critical
        let router = buildRouter(
            ServerConfiguration(publicFolder: root.appendingPathComponent("public").path), platform: platform, logger: logger)
        let operations = Set(
            router.routes.map { Operation(method: $0.method.rawValue.lowercased(), path: openAPIPath($0.path.description)) }
                .filter { $0.path == "/v1" || $0.path.hasPrefix("/v1/") })
        try await store.close()
        return operations
    }

    @Test("Every /v1 route of the server is documented, and every documented operation is a route")
    func routesMatch() async throws {
        let server = try await Self.serverOperations()
        let documented = Set(try Self.documentedOperations().keys)
        #expect(!server.isEmpty)
        let undocumented = server.subtracting(documented).map(\.description).sorted()
        let stale = documented.subtracting(server).map(\.description).sorted()
        #expect(undocumented.isEmpty, "routes missing from openapi.json: \(undocumented)")
        #expect(stale.isEmpty, "openapi.json documents routes the server does not have: \(stale)")
    }

    @Test("Every operation declares 401, 400 when it reads a body or parameters, and a 2xx answer")
    func errorResponses() throws {
        for (operation, object) in try Self.documentedOperations() {
            let responses = try #require(object["responses"] as? [String: Any], "\(operation) has no responses")
            // A malformed Authorization header is 401 on every route, public ones included.
            #expect(responses["401"] != nil, "\(operation) does not declare 401")
            let parameters = (object["parameters"] as? [[String: Any]] ?? []).filter {
                // Path parameters that fail to match are 404, not 400.
                ($0["in"] as? String) != "path" && ($0["$ref"] as? String)?.hasSuffix("/AccountId") != true
            }
            if object["requestBody"] != nil || !parameters.isEmpty {
                #expect(responses["400"] != nil, "\(operation) reads input but does not declare 400")
            }
            if object["requestBody"] != nil {
                #expect(responses["413"] != nil && responses["415"] != nil, "\(operation) reads a body but does not declare 413 and 415")
            }
            #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(operation) declares no success answer")
            #expect(object["operationId"] is String && object["summary"] is String, "\(operation) needs an operationId and a summary")
            #expect((object["tags"] as? [String])?.isEmpty == false, "\(operation) has no tag")
            #expect(object["security"] is [Any], "\(operation) does not say who may call it")
        }
    }

    @Test("Request bodies refuse unknown fields, as the server does")
    func closedBodies() throws {
        let document = try Self.document()
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        for (operation, object) in try Self.documentedOperations() {
            guard let body = object["requestBody"] as? [String: Any] else { continue }
            let content = try #require(body["content"] as? [String: Any])
            let json = try #require(content["application/json"] as? [String: Any], "\(operation) body is not JSON")
            var schema = try #require(json["schema"] as? [String: Any])
            if let reference = schema["$ref"] as? String {
                schema = try #require(schemas[String(reference.split(separator: "/").last ?? "")], "\(operation): \(reference)")
            }
            #expect(schema["additionalProperties"] as? Bool == false, "\(operation) body allows unknown fields")
        }
    }
}
