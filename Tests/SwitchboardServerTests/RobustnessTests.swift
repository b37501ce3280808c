import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardStore
import Testing

@testable import SwitchboardServer

/// SPEC "Errors": bad input never causes a 500, never corrupts `data/`, never charges; a store
/// that cannot write answers 503 with Retry-After.
@Suite("Robustness")
struct RobustnessTests {
    @Test("Every body-taking route answers bad bodies with a 4xx JSON error, changes nothing, and data/ stays clean")
    func badBodiesEverywhere() async throws {
        try await withAPI(configure: { $0.maxRequestBytes = 4096 }) { api in
            let developer = try await api.developer("ada@example.com")
            let before = try await api.server.storedAccount(developer.id)
            let routes: [(HTTPRequest.Method, String, String?)] = [
                (.post, "/v1/accounts", nil), (.post, "/v1/sessions", nil), (.patch, "/v1/account", developer.session),
                (.post, "/v1/account/compromised", developer.session), (.post, "/v1/api-keys", developer.session),
                (.post, "/v1/account/capabilities", developer.key), (.post, "/v1/account/erase", developer.key),
                (.post, "/v1/admin/accounts/\(developer.id)/top-ups", TestServer.adminToken),
                (.post, "/v1/admin/accounts/\(developer.id)/capabilities/sms/approve", TestServer.adminToken),
                (.post, "/v1/admin/accounts/\(developer.id)/suspend", TestServer.adminToken),
                (.post, "/v1/admin/accounts/\(developer.id)/terminate", TestServer.adminToken),
            ]
            let bodies: [(Data, String, HTTPResponse.Status)] = [
                (Data("{".utf8), "application/json", .badRequest),
                (Data("[1,2]".utf8), "application/json", .badRequest),
                (Data("true".utf8), "application/json", .badRequest),
                (Data([0x7B, 0xC3, 0x28, 0x7D]), "application/json", .badRequest),
                (Data(#"{"unexpected":1}"#.utf8), "application/json", .badRequest),
                (Data(#"{"a":"#.utf8) + Data(repeating: 0x61, count: 5000) + Data("\"}".utf8), "application/json", .contentTooLarge),
                (Data("a=1".utf8), "application/x-www-form-urlencoded", .unsupportedMediaType),
            ]
            for (method, uri, token) in routes {
                for (body, type, status) in bodies {
                    let answer = try await api.send(method, uri, raw: body, contentType: type, token: token)
                    #expect(answer.status == status, "\(method) \(uri) with \(String(decoding: body.prefix(20), as: UTF8.self)): \(answer)")
                    #expect(answer.isErrorShape, "\(method) \(uri)")
                }
            }
            let after = try await api.server.storedAccount(developer.id)
            #expect(after.status == .active)
            #expect(after.capabilities.isEmpty)
            #expect(after.apiKeys == before.apiKeys)
            #expect(after.profile == before.profile)
            #expect(try await api.server.store.allAccounts().count == 1)
            #expect(try await api.server.store.balance(accountId: developer.id) == .zero)
            try await api.server.store.close()
            let report = DataChecker.check(directory: api.server.dataDirectory.path)
            #expect(report.isClean, "\(report.rendered())")
        }
    }

    @Test("A body over maxRequestBytes sent with its Content-Length over real HTTP is 413 in the JSON shape")
    func tooLargeOverHTTP() async throws {
        try await withAPI(.live, configure: { $0.maxRequestBytes = 2048 }) { api in
            let answer = try await api.send(.post, "/v1/accounts", raw: Data(repeating: 0x20, count: 10_000))
            #expect(answer.status == .contentTooLarge)
            #expect(answer.errorCode == "payload_too_large")
            #expect(answer.isErrorShape)
        }
    }

    @Test("A store that cannot be used answers 503 service_unavailable with Retry-After, never 500")
    func storeUnavailable() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            try await api.server.store.close()
            let answers = [
                try await api.get("/v1/account", token: developer.key),
                try await api.post("/v1/accounts", api.registration(email: "bob@example.com", name: "Bob Builder")),
                try await api.admin(.get, "/v1/admin/accounts"),
            ]
            for answer in answers {
                #expect(answer.status == .serviceUnavailable, "\(answer)")
                #expect(answer.errorCode == "service_unavailable")
                #expect(answer.headers[.retryAfter] == "30")
                #expect(answer.isErrorShape)
            }
        }
    }

    @Test("Bad requests never charge: the balance and the ledger are the same after a storm of refused top-ups and applications")
    func refusalsNeverCharge() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.topUp(developer.id, amount: "10", reference: "r0")
            for index in 1...10 {
                _ = try await api.admin(
                    .post, "/v1/admin/accounts/\(developer.id)/top-ups",
                    ["amount": "-\(index)", "method": "alipay", "reference": "bad\(index)"])
                _ = try await api.post(
                    "/v1/account/capabilities", ["capability": "sms", "acceptTerms": "0.\(index)"], token: developer.key)
            }
            #expect(try await api.operatorBalance(developer.id) == "10.0000")
            let ledger = try await api.get("/v1/account/export", token: developer.key)["ledger"] as? [Any]
            #expect(ledger?.count == 1)
        }
    }
}
