import Testing

@testable import SwitchboardCore

@Suite("Account deemed acceptances")
struct AccountAgreementsTests {
    let versions: [(version: String, effective: Timestamp)] = [
        ("2025-06-01", .utc("2025-06-01T00:00:00Z")),
        ("2025-11-01", .utc("2025-11-01T00:00:00Z")),
        ("2026-12-01", .utc("2026-12-01T00:00:00Z")),
        ("2026-03-01", .utc("2026-03-01T00:00:00Z")),
        ("2027-01-01", .utc("2027-01-01T00:00:00Z")),
    ]

    @Test("AGR-2 versions taking effect after the account opened are accepted by default, dated when they took effect")
    func deemsLaterVersions() {
        let deemed = AccountFixtures.account().deemedAcceptances(of: versions, at: .utc("2026-12-01T00:00:00Z"))
        #expect(
            deemed == [
                AgreementAcceptance(version: "2026-03-01", at: .utc("2026-03-01T00:00:00Z"), method: .byDefault),
                AgreementAcceptance(version: "2026-12-01", at: .utc("2026-12-01T00:00:00Z"), method: .byDefault),
            ])
    }

    @Test("AGR-2 recording the result makes the next run find nothing: deemed acceptance is idempotent")
    func idempotent() {
        var account = AccountFixtures.account()
        let now = Timestamp.utc("2026-12-15T00:00:00Z")
        account.agreementAcceptances += account.deemedAcceptances(of: versions, at: now)
        #expect(account.agreementAcceptances.count == 3)
        #expect(account.deemedAcceptances(of: versions, at: now).isEmpty)
        #expect(account.deemedAcceptances(of: versions + versions, at: now).isEmpty)
    }

    @Test("AGR-2 a version clicked already, not yet in effect, or effective at the very moment the account opened is not deemed")
    func skips() {
        var account = AccountFixtures.account()
        account.agreementAcceptances.append(AgreementAcceptance(version: "2026-03-01", at: .utc("2026-02-20T00:00:00Z"), method: .clicked))
        let atCreation: [(version: String, effective: Timestamp)] = [("same", AccountFixtures.created)]
        #expect(account.deemedAcceptances(of: versions, at: .utc("2026-11-30T23:59:59.999Z")).isEmpty)
        #expect(account.deemedAcceptances(of: atCreation, at: .utc("2026-12-01T00:00:00Z")).isEmpty)
    }

    @Test("AGR-2 a version listed twice is deemed once")
    func duplicates() {
        let twice: [(version: String, effective: Timestamp)] = [("v2", .utc("2026-03-01T00:00:00Z")), ("v2", .utc("2026-03-01T00:00:00Z"))]
        #expect(AccountFixtures.account().deemedAcceptances(of: twice, at: .utc("2026-12-01T00:00:00Z")).count == 1)
    }

    @Test(
        "AGR-2 accounts that left or were put out are not deemed to accept; suspended ones are",
        arguments: [
            (AccountStatus.active, 2), (.suspended, 2), (.frozen, 0), (.terminated, 0), (.recycled, 0),
        ])
    func byStatus(status: AccountStatus, count: Int) {
        var account = AccountFixtures.account()
        account.status = status
        #expect(account.deemedAcceptances(of: versions, at: .utc("2026-12-01T00:00:00Z")).count == count)
    }
}
