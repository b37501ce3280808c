import Testing

@testable import SwitchboardCore

@Suite("ProfileUpdate")
struct ProfileUpdateTests {
    let reserved = ReservedNames(["Northwind Connect"])
    let now = Timestamp.utc("2026-12-01T00:00:00Z")

    @Test("ACCT-2 each changed field is applied and recorded with its old and new value and the moment")
    func recordsChanges() {
        let original = AccountFixtures.account()
        let update = ProfileUpdate(
            displayName: "  Acme Cloud ", contactPhone: .some(nil), organizationName: "Acme Cloud Ltd", registrationNumber: "9131",
            lowBalanceThreshold: .some(Money("25.5")), callbackURL: .some("https://acme.example/v2"))
        #expect(update.validate(for: original, reservedNames: reserved) == [])
        let account = original.applyingProfileChange(update, at: now)
        #expect(
            account.profile == AccountProfile(displayName: "Acme Cloud", organizationName: "Acme Cloud Ltd", registrationNumber: "9131"))
        #expect(account.lowBalanceThreshold == Money("25.5"))
        #expect(account.callbackURL == "https://acme.example/v2")
        #expect(
            Array(account.profileHistory.dropFirst()) == [
                ProfileChange(at: now, field: "displayName", oldValue: "Acme", newValue: "Acme Cloud"),
                ProfileChange(at: now, field: "contactPhone", oldValue: "+8613800138000", newValue: nil),
                ProfileChange(at: now, field: "organizationName", oldValue: "Acme Ltd", newValue: "Acme Cloud Ltd"),
                ProfileChange(at: now, field: "lowBalanceThreshold", oldValue: "10.0000", newValue: "25.5000"),
                ProfileChange(at: now, field: "callbackURL", oldValue: "https://acme.example/hook", newValue: "https://acme.example/v2"),
            ])
        #expect(account.profileHistory.first == original.profileHistory.first)
    }

    @Test("ACCT-2 an empty update or one repeating current values changes nothing and records nothing")
    func noChange() {
        let original = AccountFixtures.account()
        #expect(original.applyingProfileChange(ProfileUpdate(), at: now) == original)
        let same = ProfileUpdate(
            displayName: "Acme ", contactPhone: "+8613800138000", organizationName: "Acme Ltd", lowBalanceThreshold: .some(Money("10.00")),
            callbackURL: "https://acme.example/hook")
        #expect(original.applyingProfileChange(same, at: now) == original)
    }

    @Test("ACCT-2 clearing the threshold and callback records them as cleared")
    func clears() {
        let account = AccountFixtures.account().applyingProfileChange(
            ProfileUpdate(lowBalanceThreshold: .some(nil), callbackURL: .some(nil)), at: now)
        #expect(account.lowBalanceThreshold == nil)
        #expect(account.callbackURL == nil)
        #expect(account.profileHistory.suffix(2).map(\.newValue) == [nil, nil])
        #expect(account.profileHistory.suffix(2).map(\.field) == ["lowBalanceThreshold", "callbackURL"])
    }

    @Test("ACCT-2 bad values are refused, each on its own field")
    func refusesBadValues() {
        let update = ProfileUpdate(
            displayName: " ", contactPhone: "138", organizationName: .some(nil), registrationNumber: "",
            lowBalanceThreshold: .some(Money("-1")),
            callbackURL: "ftp://acme.example")
        let found = update.validate(for: AccountFixtures.account(), reservedNames: reserved)
        #expect(
            found.map(\.field) == [
                "displayName", "contactPhone", "organizationName", "registrationNumber", "lowBalanceThreshold", "callbackURL",
            ])
        #expect(
            found.map(\.code) == ["invalid_field", "invalid_number", "invalid_field", "invalid_field", "invalid_field", "invalid_field"])
    }

    @Test("ACCT-3 a new display or organisation name imitating a reserved one is name_reserved")
    func reservedNames() {
        let found = ProfileUpdate(displayName: "N0rthwind Connect", organizationName: "Northwind-Connect Ltd")
            .validate(for: AccountFixtures.account(), reservedNames: reserved)
        #expect(found.map { "\($0.field) \($0.code)" } == ["displayName name_reserved", "organizationName name_reserved"])
    }

    @Test("ACCT-1 an individual may not set organisation fields but may leave them cleared")
    func individual() {
        let account = AccountFixtures.account(entityType: .individual)
        let setting = ProfileUpdate(organizationName: "Acme Ltd", registrationNumber: "9131").validate(
            for: account, reservedNames: reserved)
        #expect(setting.map(\.field) == ["organizationName", "registrationNumber"])
        #expect(ProfileUpdate(organizationName: .some(nil)).validate(for: account, reservedNames: reserved) == [])
    }

    @Test(
        "Callback URLs must be http or https with a host and no spaces",
        arguments: [
            ("https://acme.example/hook", true), ("http://localhost:8080/cb", true), ("HTTPS://ACME.EXAMPLE", true),
            ("acme.example/hook", false), ("https://", false), ("https:///path", false), ("https://:443/x", false),
            ("javascript:alert(1)", false), ("https://acme.example/a b", false), ("https://acme.example/\n", false),
            ("https://" + String(repeating: "a", count: 2041), false), ("https://" + String(repeating: "a", count: 2040), true),
        ])
    func callbackURLs(url: String, valid: Bool) {
        let found = ProfileUpdate(callbackURL: .some(url)).validate(for: AccountFixtures.account(), reservedNames: reserved)
        #expect(found.isEmpty == valid, "\(url.prefix(40)): \(found)")
    }
}
