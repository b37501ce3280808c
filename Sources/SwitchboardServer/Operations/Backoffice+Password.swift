import SwitchboardCore

extension Backoffice {
    /// Sets the account's password (for an account created without one, or a developer locked
    /// out) and ends its login sessions; API keys keep working.
    public func setPassword(accountId: String, password: String) async throws -> Account {
        _ = try await account(accountId)
        if let problem = Registration.passwordProblem(password) { throw APIError(problem) }
        let hash = try await platform.passwords.hash(password)
        let now = platform.now()
        return try await platform.store.updateAccount(id: accountId) { account in
            account.passwordHash = hash
            for index in account.sessions.indices where account.sessions[index].revokedAt == nil {
                account.sessions[index].revokedAt = now
            }
        }
    }
}
