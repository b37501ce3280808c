import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import Testing

@testable import SwitchboardServer

/// `Jobs.run()` (`switchboard jobs run`): recycling idle accounts (ACCT-5), deemed acceptance of
/// agreement versions (AGR-2), expiry of SMS packages (PKG-1); idempotent.
@Suite("Jobs")
struct JobsTests {
    @Test("ACCT-5 an account idle for 12 months is recycled: keys revoked, personal data erased, ledger kept")
    func recyclesIdleAccount() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.topUp(developer.id, amount: "20", reference: "r1")
            _ = try await PrivacyTests.storeSend(api.server, accountId: developer.id, body: "old message")
            let lastLogin = try #require(try await api.server.storedAccount(developer.id).lastLoginAt)
            let jobs = Jobs(platform: api.server.platform)

            api.server.clock.set(lastLogin.addingCalendarMonths(12).date.addingTimeInterval(-1))
            #expect(try await jobs.run().recycledAccounts.isEmpty, "one second short of 12 months is not idle")
            #expect(try await api.server.storedAccount(developer.id).status == .active)

            api.server.clock.set(lastLogin.addingCalendarMonths(12).date)
            let report = try await jobs.run()
            #expect(report.recycledAccounts == [developer.id])

            let stored = try await api.server.storedAccount(developer.id)
            #expect(stored.status == .recycled)
            #expect(stored.email == "recycled+\(developer.id)@invalid")
            #expect(stored.passwordHash == nil)
            #expect(stored.profile.displayName == "(erased)")
            #expect(stored.profile.contactPhone == nil)
            #expect(stored.apiKeys.allSatisfy { $0.revokedAt != nil })
            #expect(stored.sessions.allSatisfy { $0.revokedAt != nil })
            let file = try api.server.accountFile(developer.id)
            #expect(!file.contains("ada@example.com") && !file.contains("Ada Lovelace"))
            #expect(!(try api.server.allDataText()).contains("old message"), "message contents erased")

            let ledger = try await api.server.store.ledgerEntries(accountId: developer.id, month: lastLogin.month)
            #expect(ledger.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.charge, .topUp], "financial records retained")
            #expect(try await api.operatorBalance(developer.id) == "19.9550")
            #expect(try await api.get("/v1/account", token: developer.key).status == .unauthorized)
            #expect(try await api.post("/v1/sessions", ["email": "ada@example.com", "password": API.password]).status == .unauthorized)

            #expect(try await jobs.run().recycledAccounts.isEmpty, "a second run recycles nothing again")
        }
    }

    @Test("ACCT-5 a login within the 12 months keeps an account; registration counts when it never logged in")
    func recentLoginKeepsAccount() async throws {
        try await withAPI { api in
            let start = api.server.clock.now
            let never = try await api.register(email: "never@example.com", name: "Never Logged")
            try await api.register(email: "recent@example.com", name: "Recent Login")
            api.server.clock.set(Timestamp(start).addingCalendarMonths(6).date)
            _ = try await api.login(email: "recent@example.com")
            api.server.clock.set(Timestamp(start).addingCalendarMonths(12).date)
            let report = try await Jobs(platform: api.server.platform).run()
            #expect(report.recycledAccounts == [try #require(never["id"] as? String)])
            #expect(try await api.server.store.account(email: "recent@example.com")?.status == .active)
        }
    }

    @Test("ACCT-5 terminated and frozen accounts are not recycled")
    func notRecycledWhenClosed() async throws {
        try await withAPI { api in
            let start = api.server.clock.now
            let terminated = try await api.developer("t@example.com", name: "Terminated")
            let frozen = try await api.developer("f@example.com", name: "Frozen")
            _ = try await api.admin(.post, "/v1/admin/accounts/\(terminated.id)/terminate")
            _ = try await api.admin(.post, "/v1/admin/accounts/\(frozen.id)/freeze")
            api.server.clock.set(Timestamp(start).addingCalendarMonths(13).date)
            #expect(try await Jobs(platform: api.server.platform).run().recycledAccounts.isEmpty)
            #expect(try await api.server.storedAccount(frozen.id).status == .frozen)
        }
    }

    @Test("AGR-2 when a version takes effect, accounts that did not leave are recorded as accepting it by default, once")
    func deemedAcceptance() async throws {
        try await withAPI(at: Moments.beforeAgreement2) { api in
            let ada = try await api.developer("ada@example.com")
            let suspended = try await api.developer("sue@example.com", name: "Sue Pended")
            let terminated = try await api.developer("tom@example.com", name: "Tom Inated")
            _ = try await api.admin(.post, "/v1/admin/accounts/\(suspended.id)/suspend")
            _ = try await api.admin(.post, "/v1/admin/accounts/\(terminated.id)/terminate")
            let jobs = Jobs(platform: api.server.platform)
            #expect(try await jobs.run().deemedAcceptances == 0, "2.0 is not in effect yet")

            api.server.clock.set(Moments.standard)
            let late = try await api.developer("late@example.com", name: "Late Comer")
            let report = try await jobs.run()
            #expect(report.deemedAcceptances == 2)

            for id in [ada.id, suspended.id] {
                let acceptances = try await api.server.storedAccount(id).agreementAcceptances
                #expect(acceptances.map(\.version) == ["1.0", "2.0"])
                #expect(acceptances.last?.method == .byDefault)
                #expect(acceptances.last?.at == Timestamp(Moments.agreement2Effective))
            }
            #expect(try await api.server.storedAccount(terminated.id).agreementAcceptances.map(\.version) == ["1.0"])
            #expect(try await api.server.storedAccount(late.id).agreementAcceptances.map(\.method) == [.clicked])

            let shown = try await api.get("/v1/agreement", token: ada.key)["acceptances"] as? [[String: Any]]
            #expect(shown?.last?["method"] as? String == "byDefault")
            #expect(shown?.last?["version"] as? String == "2.0")
            #expect(try await api.get("/v1/account", token: ada.key).string("acceptedAgreementVersion") == "2.0")

            api.server.clock.advance(seconds: 86_400)
            #expect(try await jobs.run().deemedAcceptances == 0, "a second run records nothing twice")
            #expect(try await api.server.storedAccount(ada.id).agreementAcceptances.count == 2)
        }
    }

    @Test("PKG-1 an SMS package unused 6 months after purchase is forfeited in the ledger, once")
    func packageExpiry() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            _ = try await api.topUp(developer.id, amount: "100", reference: "r1")
            try await buyPackage(api.server, accountId: developer.id)
            let bought = Timestamp(api.server.clock.now)
            let jobs = Jobs(platform: api.server.platform)
            #expect(try await jobs.run().forfeitedPackages == 0)

            api.server.clock.set(bought.addingCalendarMonths(6).date)
            #expect(try await jobs.run().forfeitedPackages == 1)
            let balance = try await api.get("/v1/balance", token: developer.key)
            #expect((balance["packages"] as? [Any])?.isEmpty == true)
            #expect(balance.string("balance") == "62.0000", "forfeiting moves no money")
            let export = try await api.get("/v1/account/export", token: developer.key)
            let ledger = try #require(export["ledger"] as? [[String: Any]])
            #expect(ledger.contains { $0["kind"] as? String == "packageExpiry" })
            #expect(try await jobs.run().forfeitedPackages == 0)
        }
    }

    @Test("A run with nothing to do reports nothing")
    func emptyRun() async throws {
        try await withAPI { api in
            try await api.register(email: "ada@example.com")
            let report = try await Jobs(platform: api.server.platform).run()
            #expect(report == Jobs.Report())
            #expect(report.description.contains("recycled 0"))
        }
    }
}
