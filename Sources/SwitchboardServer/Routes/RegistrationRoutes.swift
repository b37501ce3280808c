import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `POST /v1/accounts`: registration opens the account at once (CAP-1), for a person or an
/// organisation (ACCT-1), under a name that impersonates no one (ACCT-3), accepting the
/// agreement version in effect, recorded with the time and source address (AGR-1).
struct RegistrationRoutes {
    let platform: Platform

    static let fields: Set<String> = [
        "name", "email", "password", "phone", "entityType", "organizationName", "registrationNumber", "acceptAgreement",
    ]

    func add(to group: RouterGroup<APIRequestContext>) {
        group.post("accounts", use: register)
    }

    @Sendable func register(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await RequestBody.read(request, limit: platform.settings.maxRequestBytes, allowed: Self.fields)
        let registration = Registration(
            name: try body.requiredString("name", maxLength: 100),
            email: try body.requiredString("email", maxLength: 254),
            password: try body.requiredString("password", maxLength: 200),
            phone: try body.requiredString("phone", maxLength: 32),
            entityType: try body.requiredString("entityType", maxLength: 32),
            organizationName: try body.string("organizationName", required: false, maxLength: 200),
            registrationNumber: try body.string("registrationNumber", required: false, maxLength: 64),
            acceptAgreement: try body.string("acceptAgreement", required: false, maxLength: 64))
        let now = platform.now()
        let inEffect = await platform.site().agreementInEffect(at: now.date)?.version
        if let problem = registration.validate(reservedNames: ReservedNames(platform.settings.reservedNames), agreementInEffect: inEffect)
            .first
        {
            throw APIError(problem)
        }
        let passwordHash = try await platform.passwords.hash(registration.password)
        guard
            var account = registration.account(
                id: Secrets.id("acc"), passwordHash: passwordHash, sourceAddress: context.peerAddress, at: now)
        else { throw APIError.invalidField("entityType", "'entityType' must be 'individual' or 'organization'.") }
        account.lowBalanceThreshold = platform.settings.lowBalanceThreshold
        account.signingSecret = "whsec_" + Secrets.random(40)
        let created: Account
        do {
            created = try await platform.store.createAccount(account)
        } catch StoreError.conflict {
            throw APIError(.conflict, "email_taken", "An account with this e-mail address exists; log in instead.", field: "email")
        }
        return try JSONResponse.response(.created, AccountView(created), headers: [.location: "/v1/account"])
    }
}

extension APIError {
    /// A rule broken by a request's field: 422 for what the rules refuse (a reserved name, the
    /// agreement not accepted, a number that is not E.164), 400 for a malformed value.
    init(_ problem: FieldError) {
        let refused: Set<String> = [FieldError.agreementNotAccepted, FieldError.nameReserved, FieldError.invalidNumber]
        self.init(refused.contains(problem.code) ? .unprocessableContent : .badRequest, problem.code, problem.message, field: problem.field)
    }
}
