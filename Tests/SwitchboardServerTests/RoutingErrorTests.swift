import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import Testing

@testable import SwitchboardServer

/// What the API answers for routes and methods it does not have: always its JSON error shape,
/// never the portal's HTML page or an empty body.
@Suite("Routing errors")
struct RoutingErrorTests {
    @Test("An unknown /v1 route is a JSON 404 not_found, with or without a token")
    func unknownRoute() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            for uri in ["/v1/nothing", "/v1", "/v1/", "/v1/accounts/acc_x/secrets", "/v1/admin"] {
                for token in [nil, developer.key, TestServer.adminToken] as [String?] {
                    let answer = try await api.get(uri, token: token)
                    #expect(answer.status == .notFound, "\(uri)")
                    #expect(answer.errorCode == "not_found", "\(uri)")
                    #expect(answer.isErrorShape, "\(uri): \(answer)")
                    #expect(!answer.text.contains("<title>"))
                }
            }
        }
    }

    @Test("A known /v1 route with a method it does not take is a JSON error, not HTML")
    func wrongMethod() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            for (method, uri) in [(HTTPRequest.Method.put, "/v1/account"), (.delete, "/v1/balance"), (.get, "/v1/sessions")] {
                let answer = try await api.send(method, uri, token: developer.session)
                #expect([.notFound, .methodNotAllowed].contains(answer.status), "\(method) \(uri)")
                #expect(answer.isErrorShape, "\(method) \(uri): \(answer)")
            }
        }
    }

    @Test("A miss outside /v1 gets the portal's 404 page")
    func portalNotFound() async throws {
        try await withAPI { api in
            let answer = try await api.get("/no/such/page/")
            #expect(answer.status == .notFound)
            #expect(answer.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(answer.text.contains("Page not found"))
        }
    }

    @Test("Every error answer carries Content-Type application/json and a message for people")
    func errorShape() async throws {
        try await withAPI { api in
            let answers = [
                try await api.get("/v1/account"), try await api.post("/v1/accounts", ["x": 1]),
                try await api.send(.post, "/v1/accounts", raw: Data("[".utf8)), try await api.admin(.get, "/v1/admin/accounts/acc_x"),
            ]
            for answer in answers {
                #expect(answer.isErrorShape, "\(answer)")
                #expect((answer.errorMessage ?? "").count > 10)
                #expect(answer.json.keys.sorted() == ["error"])
            }
        }
    }
}
