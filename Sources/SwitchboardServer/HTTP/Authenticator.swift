import Hummingbird
import SwitchboardCore

/// Reads `Authorization: Bearer …` and sets the caller: an API key (`sk_…`) or a login session
/// (`sess_…`) names a developer, the admin token names the operator. Only hashes of keys and
/// tokens are looked up; the admin token is compared in constant time. A request without the
/// header goes on anonymous; one with a token that matches nothing is 401.
struct Authenticator: RouterMiddleware {
    let platform: Platform

    func handle(
        _ request: Request, context: APIRequestContext, next: (Request, APIRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        guard header.count <= 512, header.lowercased().hasPrefix("bearer ") else { throw APIError.authenticationRequired }
        let token = header.dropFirst(7).trimmingWhitespace()
        var context = context
        context.caller = try await caller(for: token)
        return try await next(request, context)
    }

    private func caller(for token: String) async throws -> Caller {
        let now = platform.now()
        if token.hasPrefix("sk_") {
            let hash = Secrets.hash(token)
            if let account = try await platform.store.account(apiKeyHash: hash), account.status.maySignIn,
                let key = account.apiKeys.first(where: { $0.hash == hash && $0.revokedAt == nil })
            {
                return .developer(account, .apiKey(id: key.id))
            }
        } else if token.hasPrefix("sess_") {
            let hash = Secrets.hash(token)
            if let account = try await platform.store.account(sessionTokenHash: hash), account.status.maySignIn,
                let session = account.sessions.first(where: { $0.tokenHash == hash && $0.revokedAt == nil }),
                session.expiresAt > now
            {
                return .developer(account, .session(id: session.id))
            }
        } else if let admin = platform.adminToken, Secrets.constantTimeEqual(token, admin) {
            return .operator
        }
        throw APIError.invalidCredentials
    }
}

extension AccountStatus {
    /// Whether the developer may still sign in: a suspended or frozen account can read its bills
    /// and export its data; a terminated or recycled one is closed.
    var maySignIn: Bool { self == .active || self == .suspended || self == .frozen }
}

extension APIRequestContext {
    /// The developer calling, or 401.
    func developer() throws -> Account {
        guard case .developer(let account, _)? = caller else {
            if case .operator? = caller {
                throw APIError(.forbidden, "developer_only", "This route acts on a developer account; use its API key or session.")
            }
            throw APIError.authenticationRequired
        }
        return account
    }

    /// The developer calling through a login session (key management needs one), or 401/403.
    func developerInSession() throws -> (account: Account, sessionId: String) {
        let account = try developer()
        guard case .developer(_, .session(let id))? = caller else {
            throw APIError(.forbidden, "session_required", "Manage API keys from a login session (POST /v1/sessions), not with an API key.")
        }
        return (account, id)
    }

    /// Passes only for the operator's admin token.
    func requireOperator() throws {
        switch caller {
        case .operator?: return
        case .developer?: throw APIError(.forbidden, "operator_only", "This route is for the operator's admin token.")
        case nil: throw APIError.authenticationRequired
        }
    }
}
