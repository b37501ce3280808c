import Testing

@testable import SwitchboardCore

@Suite("Account life cycle")
struct AccountLifeCycleTests {
    let now = Timestamp.utc("2026-12-01T00:00:00Z")

    @Test("ACCT-5 an account is idle exactly 12 calendar months after its last login, not a millisecond before")
    func idleAfterLastLogin() {
        let account = AccountFixtures.account(lastLoginAt: .utc("2025-12-01T08:30:00Z"))
        #expect(!account.isIdle(at: .utc("2026-12-01T08:29:59.999Z")))
        #expect(account.isIdle(at: .utc("2026-12-01T08:30:00Z")))
        #expect(account.isIdle(at: .utc("2027-06-01T00:00:00Z")))
    }

    @Test("ACCT-5 an account never logged into is idle 12 months after creation")
    func idleAfterCreation() {
        let account = AccountFixtures.account()
        #expect(!account.isIdle(at: .utc("2026-11-27T02:59:59.999Z")))
        #expect(account.isIdle(at: .utc("2026-11-27T03:00:00Z")))
    }

    @Test("ACCT-5 a leap-day login is idle from Feb 28 of the next year")
    func leapDay() {
        let account = AccountFixtures.account(lastLoginAt: .utc("2028-02-29T00:00:00Z"))
        #expect(!account.isIdle(at: .utc("2029-02-27T23:59:59Z")))
        #expect(account.isIdle(at: .utc("2029-02-28T00:00:00Z")))
    }

    @Test(
        "ACCT-5 only idle accounts that may still become recycled are due for recycling",
        arguments: [
            (AccountStatus.active, true), (.suspended, true), (.frozen, false), (.terminated, false), (.recycled, false),
        ])
    func dueForRecycling(status: AccountStatus, due: Bool) {
        var account = AccountFixtures.account()
        account.status = status
        #expect(account.isDueForRecycling(at: now) == due)
        #expect(!account.isDueForRecycling(at: .utc("2026-01-01T00:00:00Z")))
    }

    @Test("ACCT-4 reporting a compromise revokes every open key and session at that moment and keeps earlier revocations")
    func revokesCredentials() {
        let account = AccountFixtures.account().revokingCredentials(at: now)
        #expect(account.apiKeys.map(\.revokedAt) == [now, .utc("2026-01-01T00:00:00Z")])
        #expect(account.sessions.map(\.revokedAt) == [now])
        #expect(account.activeKeyHashes.isEmpty)
        #expect(account.status == .active)
        #expect(account.passwordHash == "$2b$12$hash")
    }

    @Test("ACCT-5 recycling revokes credentials and erases personal data, keeping financial settings and history dates")
    func recycles() {
        let original = AccountFixtures.account()
        let account = original.recycled(at: now)
        #expect(account.status == .recycled)
        #expect(account.email == "recycled+acc_1@invalid")
        #expect(account.profile == AccountProfile(displayName: "(erased)", organizationName: "(erased)", registrationNumber: "(erased)"))
        #expect(account.passwordHash == nil)
        #expect(account.callbackURL == nil)
        #expect(account.signingSecret == nil)
        #expect(account.activeKeyHashes.isEmpty)
        #expect(account.sessions.allSatisfy { $0.revokedAt != nil })
        #expect(account.profileHistory == [ProfileChange(at: AccountFixtures.created, field: "contactPhone", oldValue: nil, newValue: nil)])
        #expect(account.agreementAcceptances.map(\.sourceAddress) == [nil])
        #expect(account.agreementAcceptances.map(\.version) == ["2025-11-01"])
        #expect(account.id == original.id)
        #expect(account.lowBalanceThreshold == original.lowBalanceThreshold)
        #expect(account.capabilities == original.capabilities)
        #expect(account.createdAt == original.createdAt)
        #expect(account.problems() == [])
    }

    @Test("ACCT-5 an erased individual keeps no organisation placeholders, and each erased email is unique to its id")
    func erasedIndividual() {
        var other = AccountFixtures.account(entityType: .individual)
        other.id = "acc_2"
        let account = other.recycled(at: now)
        #expect(account.profile == AccountProfile(displayName: "(erased)"))
        #expect(account.email == "recycled+acc_2@invalid")
        #expect(account.email != AccountFixtures.account().recycled(at: now).email)
        #expect(account.problems() == [])
    }

    @Test("TERM-1 termination revokes keys and sessions and keeps data unless the operator asks to erase it")
    func terminatesKeepingData() {
        let original = AccountFixtures.account()
        let kept = original.terminated(at: now, eraseData: false)
        #expect(kept.status == .terminated)
        #expect(kept.activeKeyHashes.isEmpty)
        #expect(kept.sessions.allSatisfy { $0.revokedAt == now })
        #expect(kept.email == original.email)
        #expect(kept.profile == original.profile)
        #expect(kept.profileHistory == original.profileHistory)
        let erased = original.terminated(at: now, eraseData: true)
        #expect(erased.status == .terminated)
        #expect(erased.email == "terminated+acc_1@invalid")
        #expect(erased.profile.displayName == "(erased)")
        #expect(erased.passwordHash == nil)
        #expect(erased.lowBalanceThreshold == original.lowBalanceThreshold)
    }
}
