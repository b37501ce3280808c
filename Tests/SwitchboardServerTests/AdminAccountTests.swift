import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import Testing

@testable import SwitchboardServer

/// `GET /v1/admin/accounts[/{id}]`: the operator finds and reads accounts, behind the admin token.
@Suite("Operator: accounts")
struct AdminAccountTests {
    @Test("Operator routes without a token are 401, with a developer's session or key 403 operator_only, with a wrong token 401")
    func needsAdminToken() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let routes: [(HTTPRequest.Method, String)] = [
                (.get, "/v1/admin/accounts"), (.get, "/v1/admin/accounts/\(developer.id)"),
                (.post, "/v1/admin/accounts/\(developer.id)/capabilities/sms/approve"),
                (.post, "/v1/admin/accounts/\(developer.id)/capabilities/sms/reject"),
                (.post, "/v1/admin/accounts/\(developer.id)/top-ups"), (.post, "/v1/admin/accounts/\(developer.id)/suspend"),
                (.post, "/v1/admin/accounts/\(developer.id)/resume"), (.post, "/v1/admin/accounts/\(developer.id)/freeze"),
                (.post, "/v1/admin/accounts/\(developer.id)/terminate"),
            ]
            for (method, uri) in routes {
                let anonymous = try await api.send(method, uri)
                #expect(anonymous.status == .unauthorized, "\(method) \(uri)")
                #expect(anonymous.errorCode == "authentication_required")
                #expect(anonymous.isErrorShape)
                for token in [developer.session, developer.key] {
                    let answer = try await api.send(method, uri, token: token)
                    #expect(answer.status == .forbidden, "\(method) \(uri)")
                    #expect(answer.errorCode == "operator_only")
                }
                let wrong = try await api.send(method, uri, token: TestServer.adminToken + "x")
                #expect(wrong.status == .unauthorized, "\(method) \(uri)")
                #expect(wrong.errorCode == "invalid_credentials")
            }
            let stored = try await api.server.storedAccount(developer.id)
            #expect(stored.status == .active)
            #expect(try await api.server.store.balance(accountId: developer.id) == .zero)
        }
    }

    @Test("With no admin token configured the operator API is off: even a guess is 401")
    func operatorAPIOff() async throws {
        try await TestServer.run { server in
            let platform = try Platform(
                store: server.store, settings: server.settings, adminToken: nil, site: { server.facts }, clock: { server.clock.now })
            let app = buildApplication(ServerConfiguration(publicFolder: server.publicFolder.path), platform: platform)
            try await app.test(.router) { client in
                for token in [TestServer.adminToken, "", "null"] {
                    let status = try await client.execute(
                        uri: "/v1/admin/accounts", method: .get, headers: [.authorization: "Bearer \(token)"]
                    ) { $0.status }
                    #expect(status == .unauthorized)
                }
            }
        }
    }

    @Test("The operator lists accounts with balance and currency, ordered by id")
    func list() async throws {
        try await withAPI { api in
            let ada = try await api.developer("ada@example.com")
            let bob = try await api.developer("bob@example.com", name: "Bob Builder")
            _ = try await api.topUp(bob.id, amount: "12.5", reference: "bob-1")
            let answer = try await api.admin(.get, "/v1/admin/accounts")
            #expect(answer.status == .ok)
            #expect(answer["hasMore"] as? Bool == false)
            let ids = answer.list.compactMap { $0["id"] as? String }
            #expect(ids == [ada.id, bob.id].sorted())
            let bobView = try #require(answer.list.first { $0["id"] as? String == bob.id })
            #expect(bobView["balance"] as? String == "12.5000")
            #expect(bobView["currency"] as? String == "CNY")
            #expect(bobView["email"] as? String == "bob@example.com")
            #expect(bobView["passwordHash"] == nil)
        }
    }

    @Test("The operator searches by e-mail, name, organisation or id, case-insensitively, and filters by status and pending applications")
    func search() async throws {
        try await withAPI { api in
            let ada = try await api.developer("ada@example.com")
            let bob = try await api.developer("bob@builder.example", name: "Bob Builder")
            let acme = try await api.post(
                "/v1/accounts",
                api.registration(
                    email: "ops@acme.example", name: "Carol", entityType: "organization",
                    extra: ["organizationName": "Acme Messaging Ltd.", "registrationNumber": "123"]))
            let acmeId = try #require(acme.string("id"))
            _ = try await api.post("/v1/account/capabilities", ["capability": "sms", "acceptTerms": "2.0"], token: bob.session)
            _ = try await api.admin(.post, "/v1/admin/accounts/\(ada.id)/suspend")

            func ids(_ query: String) async throws -> [String] {
                let answer = try await api.admin(.get, "/v1/admin/accounts?\(query)")
                #expect(answer.status == .ok, "\(query)")
                return answer.list.compactMap { $0["id"] as? String }
            }
            #expect(try await ids("query=BUILDER") == [bob.id])
            #expect(try await ids("query=acme%20messaging") == [acmeId])
            #expect(try await ids("query=ada%40example") == [ada.id])
            #expect(try await ids("query=\(bob.id)") == [bob.id])
            #expect(try await ids("query=nobody-matches").isEmpty)
            #expect(try await ids("status=suspended") == [ada.id])
            #expect(try await ids("status=active") == [acmeId, bob.id].sorted())
            #expect(try await ids("pending=true") == [bob.id])
            #expect(try await ids("status=active&pending=true&query=bob") == [bob.id])
        }
    }

    @Test("The operator pages through accounts with limit, startingAfter and hasMore")
    func paging() async throws {
        try await withAPI { api in
            var all: [String] = []
            for index in 1...5 {
                let account = try await api.register(email: "dev\(index)@example.com", name: "Developer \(index)")
                all.append(try #require(account["id"] as? String))
            }
            all.sort()
            let first = try await api.admin(.get, "/v1/admin/accounts?limit=2")
            #expect(first.list.compactMap { $0["id"] as? String } == Array(all[0..<2]))
            #expect(first["hasMore"] as? Bool == true)
            let second = try await api.admin(.get, "/v1/admin/accounts?limit=2&startingAfter=\(all[1])")
            #expect(second.list.compactMap { $0["id"] as? String } == Array(all[2..<4]))
            #expect(second["hasMore"] as? Bool == true)
            let last = try await api.admin(.get, "/v1/admin/accounts?limit=2&startingAfter=\(all[3])")
            #expect(last.list.compactMap { $0["id"] as? String } == [all[4]])
            #expect(last["hasMore"] as? Bool == false)
        }
    }

    @Test("A bad limit or status is 400 naming the parameter")
    func badQuery() async throws {
        try await withAPI { api in
            for query in ["limit=0", "limit=101", "limit=abc", "limit=-1", "limit=2.5"] {
                let answer = try await api.admin(.get, "/v1/admin/accounts?\(query)")
                #expect(answer.status == .badRequest, "\(query)")
                #expect(answer.errorCode == "invalid_field")
                #expect(answer.errorField == "limit")
            }
            let status = try await api.admin(.get, "/v1/admin/accounts?status=deleted")
            #expect(status.status == .badRequest)
            #expect(status.errorField == "status")
            #expect(try await api.admin(.get, "/v1/admin/accounts?limit=100").status == .ok)
        }
    }

    @Test("The operator reads one account with its balance; an unknown id is 404")
    func show() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.topUp(developer.id, amount: "3", reference: "r3")
            let answer = try await api.admin(.get, "/v1/admin/accounts/\(developer.id)")
            #expect(answer.status == .ok)
            #expect(answer.string("id") == developer.id)
            #expect(answer.string("balance") == "3.0000")
            #expect(answer.string("currency") == "CNY")
            #expect(answer.string("status") == "active")
            for secret in ["passwordHash", "signingSecret", "apiKeys", "sessions"] { #expect(answer[secret] == nil) }
            let missing = try await api.admin(.get, "/v1/admin/accounts/acc_nobody")
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "not_found")
            #expect(missing.isErrorShape)
        }
    }
}
