import Foundation
import Hummingbird
import SwitchboardCore

/// `POST /v1/sessions`: log in with e-mail and password for a bearer session token (ACCT-4).
/// Failed attempts are throttled per account and per address; the answer never tells whether
/// the e-mail address is registered.
struct SessionRoutes {
    let platform: Platform

    func add(to group: RouterGroup<APIRequestContext>) {
        group.post("sessions", use: create)
        group.delete("sessions/current", use: logOut)
    }

    struct SessionView: Encodable {
        let token: String
        let expiresAt: Timestamp
        let account: AccountView
    }

    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await RequestBody.read(request, limit: platform.settings.maxRequestBytes, allowed: ["email", "password"])
        let email = try body.requiredString("email", maxLength: 254)
        let password = try body.requiredString("password", maxLength: 200)
        let address = context.peerAddress
        try await platform.loginThrottle.begin(email: email, address: address)
        guard let account = try await platform.store.account(email: email), let hash = account.passwordHash,
            account.status.maySignIn
        else {
            try await platform.passwords.verifyNothing(password)
            throw Self.wrongCredentials
        }
        guard try await platform.passwords.verify(password, hash: hash) else { throw Self.wrongCredentials }
        await platform.loginThrottle.succeeded(email: email, address: address)
        let token = Secrets.sessionToken()
        let now = platform.now()
        let session = SessionRecord(
            id: Secrets.id("sess"), tokenHash: Secrets.hash(token), createdAt: now,
            expiresAt: now.adding(seconds: Int64(platform.settings.sessionLifetimeHours) * 3600))
        let updated = try await platform.store.updateAccount(id: account.id) { account in
            account.sessions.removeAll { $0.expiresAt < now || $0.revokedAt != nil }
            account.sessions.append(session)
            account.lastLoginAt = now
        }
        return try JSONResponse.response(.created, SessionView(token: token, expiresAt: session.expiresAt, account: AccountView(updated)))
    }

    /// Ends the session the request is made with.
    @Sendable func logOut(_ request: Request, context: APIRequestContext) async throws -> Response {
        let (account, sessionId) = try context.developerInSession()
        let now = platform.now()
        _ = try await platform.store.updateAccount(id: account.id) { account in
            if let index = account.sessions.firstIndex(where: { $0.id == sessionId }) { account.sessions[index].revokedAt = now }
        }
        return Response(status: .noContent)
    }

    private static let wrongCredentials = APIError(.unauthorized, "invalid_login", "The e-mail address or password is wrong.")
}
