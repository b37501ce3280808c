import Foundation
import Testing

@testable import SwitchboardCore

@Suite("Registration")
struct RegistrationTests {
    let reserved = ReservedNames(["Northwind Connect"])
    let agreement = "2026-11-01"

    func registration(
        name: String = "Acme Messaging", email: String = "Dev@Example.com", password: String = "correct horse",
        phone: String = "+8613800138000", entityType: String = "individual", organizationName: String? = nil,
        registrationNumber: String? = nil, acceptAgreement: String? = "2026-11-01"
    ) -> Registration {
        Registration(
            name: name, email: email, password: password, phone: phone, entityType: entityType,
            organizationName: organizationName, registrationNumber: registrationNumber, acceptAgreement: acceptAgreement)
    }

    func problems(_ registration: Registration) -> [FieldError] {
        registration.validate(reservedNames: reserved, agreementInEffect: agreement)
    }

    @Test("ACCT-1 a complete individual registration has no problems")
    func validIndividual() {
        #expect(problems(registration()) == [])
    }

    @Test("ACCT-1 an organisation with its name and registration number has no problems")
    func validOrganization() {
        let organization = registration(entityType: "organization", organizationName: "Acme Ltd", registrationNumber: "91310000MA1FL0000X")
        #expect(problems(organization) == [])
    }

    @Test(
        "ACCT-1 an organisation without its name or registration number is refused, naming each field",
        arguments: [(String?.none, String?.none), ("Acme Ltd", nil), (nil, "9131"), ("  ", "9131"), ("Acme Ltd", "")])
    func organizationNeedsDetails(organizationName: String?, registrationNumber: String?) {
        let found = problems(
            registration(entityType: "organization", organizationName: organizationName, registrationNumber: registrationNumber))
        let expected = [
            organizationName?.trimmingWhitespace().isEmpty == false ? nil : "organizationName",
            registrationNumber?.trimmingWhitespace().isEmpty == false ? nil : "registrationNumber",
        ].compactMap { $0 }
        #expect(found.map(\.field) == expected)
        #expect(found.allSatisfy { $0.code == "invalid_field" && $0.message.contains($0.field) })
    }

    @Test("ACCT-1 an individual sending organisation details is refused; blank values count as absent")
    func individualWithoutOrganization() {
        let found = problems(registration(organizationName: "Acme Ltd", registrationNumber: "9131"))
        #expect(found.map(\.field) == ["organizationName", "registrationNumber"])
        #expect(problems(registration(organizationName: " ", registrationNumber: "")) == [])
    }

    @Test("ACCT-1 an unknown entity type is refused", arguments: ["", "company", "Individual", "person"])
    func unknownEntityType(entityType: String) {
        #expect(problems(registration(entityType: entityType)).map(\.field) == ["entityType"])
    }

    @Test(
        "Names must be 1 to 100 characters, not blank, without control characters",
        arguments: [
            ("A", true), (String(repeating: "名", count: 100), true), ("  Acme  ", true), ("Zoë & Co.", true),
            ("", false), ("   ", false), ("\t\n", false), (String(repeating: "a", count: 101), false),
            ("Acme\u{0}", false), ("Acme\nLtd", false), ("Acme\u{7F}", false), ("Acme\u{202E}dtL", false),
            ("\u{2066}Acme\u{2069}", false),
        ])
    func names(name: String, valid: Bool) {
        let found = problems(registration(name: name))
        #expect(found.isEmpty == valid, "\(name.debugDescription): \(found)")
        #expect(found.allSatisfy { $0.field == "name" && $0.code == "invalid_field" })
    }

    @Test("ACCT-3 a name imitating a reserved one is name_reserved, naming the entry")
    func reservedName() {
        let found = problems(registration(name: "N0rthwind-Connect Support"))
        #expect(found.map(\.code) == ["name_reserved"])
        #expect(found.first?.field == "name")
        #expect(found.first?.message.contains("Northwind Connect") == true)
    }

    @Test("ACCT-3 an organisation name imitating a reserved one is name_reserved too")
    func reservedOrganizationName() {
        let found = problems(
            registration(entityType: "organization", organizationName: "NORTHWIND CONNECT Ltd", registrationNumber: "9131"))
        #expect(found.map { "\($0.field) \($0.code)" } == ["organizationName name_reserved"])
    }

    @Test(
        "Emails must be plausible addresses",
        arguments: [
            ("dev@example.com", true), ("a.b+tag@mail.example.co.uk", true), ("用户@例子.中国", true),
            ("", false), ("dev", false), ("@example.com", false), ("dev@", false), ("dev@example", false),
            ("dev@@example.com", false), ("dev@ex@ample.com", false), ("dev@example..com", false), ("dev@.example.com", false),
            ("dev@example.com.", false), ("d ev@example.com", false), ("dev@example.com\n", false), ("dev@-example.com", false),
        ])
    func emails(email: String, valid: Bool) {
        let found = problems(registration(email: email))
        #expect(found.isEmpty == valid, "\(email.debugDescription): \(found)")
        #expect(found.allSatisfy { $0.field == "email" })
    }

    @Test("Emails longer than 254 bytes are refused; exactly 254 is accepted")
    func emailLength() {
        let domain = "@" + String(repeating: "d", count: 60) + ".example.com"
        let exact = String(repeating: "a", count: 254 - domain.utf8.count) + domain
        #expect(exact.utf8.count == 254)
        #expect(problems(registration(email: exact)) == [])
        #expect(problems(registration(email: "a" + exact)).map(\.field) == ["email"])
    }

    @Test("Emails are stored lowercased")
    func emailLowercased() {
        #expect(registration(email: "Dev@Example.COM").normalizedEmail == "dev@example.com")
    }

    @Test(
        "Passwords are 10 to 72 UTF-8 bytes, counting multibyte characters by their bytes",
        arguments: [
            (String(repeating: "a", count: 10), true), (String(repeating: "a", count: 9), false),
            (String(repeating: "a", count: 72), true), (String(repeating: "a", count: 73), false),
            (String(repeating: "密", count: 24), true), (String(repeating: "密", count: 25), false),
            (String(repeating: "é", count: 36), true), (String(repeating: "é", count: 36) + "a", false),
            (String(repeating: "😀", count: 18), true), (String(repeating: "😀", count: 18) + "a", false),
            ("密码密码", true), ("密码密", false), ("", false), ("correct\u{0}horse", false),
        ])
    func passwords(password: String, valid: Bool) {
        let found = problems(registration(password: password))
        #expect(found.isEmpty == valid, "\(password.utf8.count) bytes: \(found)")
        #expect(found.allSatisfy { $0.field == "password" && !$0.message.contains(password.isEmpty ? "\u{1}" : password) })
    }

    @Test("The phone must be E.164, answered as invalid_number on field phone")
    func phone() {
        let found = problems(registration(phone: "138 0013 8000"))
        #expect(found.map { "\($0.field) \($0.code)" } == ["phone invalid_number"])
    }

    @Test(
        "AGR-1 registration needs the agreement version in effect accepted",
        arguments: [(String?.none, String?("2026-11-01")), ("2026-10-01", "2026-11-01"), ("", "2026-11-01"), ("2026-11-01", nil)])
    func agreement(accepted: String?, inEffect: String?) {
        let found = registration(acceptAgreement: accepted).validate(reservedNames: reserved, agreementInEffect: inEffect)
        #expect(found.map { "\($0.field) \($0.code)" } == ["acceptAgreement agreement_not_accepted"])
    }

    @Test("Every problem is reported at once, in field order")
    func everyProblem() {
        let found = problems(
            Registration(name: "", email: "x", password: "short", phone: "1", entityType: "robot", acceptAgreement: nil))
        #expect(found.map(\.field) == ["name", "email", "password", "phone", "entityType", "acceptAgreement"])
    }

    @Test("AGR-1 the opened account keeps the normalised fields and records the click with its address")
    func opensAccount() throws {
        let now = Timestamp.utc("2026-11-27T03:00:00Z")
        let account = try #require(
            registration(name: " Acme ", entityType: "organization", organizationName: " Acme Ltd ", registrationNumber: "9131")
                .account(id: "acc_1", passwordHash: "$2b$12$hash", sourceAddress: "203.0.113.9", at: now))
        #expect(account.email == "dev@example.com")
        #expect(
            account.profile
                == AccountProfile(
                    displayName: "Acme", organizationName: "Acme Ltd", registrationNumber: "9131", contactPhone: "+8613800138000"))
        #expect(
            account.agreementAcceptances == [
                AgreementAcceptance(version: "2026-11-01", at: now, method: .clicked, sourceAddress: "203.0.113.9")
            ])
        #expect(account.createdAt == now)
        #expect(account.passwordHash == "$2b$12$hash")
        #expect(account.problems() == [])
        #expect(registration(entityType: "robot").account(id: "a", passwordHash: "h", sourceAddress: nil, at: now) == nil)
        #expect(registration(acceptAgreement: nil).account(id: "a", passwordHash: "h", sourceAddress: nil, at: now) == nil)
    }

    @Test("An individual's account drops blank organisation fields")
    func individualAccount() throws {
        let account = try #require(
            registration(organizationName: " ", registrationNumber: "").account(
                id: "acc_2", passwordHash: "h", sourceAddress: nil, at: .utc("2026-11-27T03:00:00Z")))
        #expect(account.entityType == .individual)
        #expect(account.profile.organizationName == nil)
        #expect(account.profile.registrationNumber == nil)
    }

    @Test("A request body missing fields decodes, and validation names every missing one")
    func decodesMissingFields() throws {
        let registration = try JSONDecoder().decode(Registration.self, from: Data(#"{"name":"Acme","entityType":"individual"}"#.utf8))
        #expect(registration.email == "")
        #expect(registration.acceptAgreement == nil)
        #expect(problems(registration).map(\.field) == ["email", "password", "phone", "acceptAgreement"])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Registration.self, from: Data(#"{"name":7}"#.utf8)) }
    }
}
