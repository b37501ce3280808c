import Foundation
import Hummingbird
import SwitchboardCore

/// `/v1/api-keys`: create (the key is shown once and only its hash kept), list, revoke (ACCT-4).
/// Managed from a login session, so a leaked key cannot mint more keys.
struct APIKeyRoutes {
    let platform: Platform

    /// At most this many unrevoked keys per account.
    static let maximumActiveKeys = 20

    func add(to group: RouterGroup<APIRequestContext>) {
        group.post("api-keys", use: create)
        group.get("api-keys", use: list)
        group.delete("api-keys/:id", use: revoke)
    }

    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let (account, _) = try context.developerInSession()
        _ = try await RequestBody.read(request, limit: platform.settings.maxRequestBytes, allowed: [])
        let key = Secrets.apiKey()
        let record = APIKeyRecord(id: Secrets.id("key"), hash: Secrets.hash(key), prefix: String(key.prefix(12)), createdAt: platform.now())
        _ = try await platform.store.updateAccount(id: account.id) { account in
            guard account.activeKeyHashes.count < Self.maximumActiveKeys else {
                throw APIError(
                    .conflict, "too_many_keys", "An account holds at most \(Self.maximumActiveKeys) active keys; revoke one first.")
            }
            account.apiKeys.append(record)
        }
        return try JSONResponse.response(.created, APIKeyView(record, key: key))
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let (account, _) = try context.developerInSession()
        return try JSONResponse.response(.ok, ListView(account.apiKeys.map { APIKeyView($0) }))
    }

    @Sendable func revoke(_ request: Request, context: APIRequestContext) async throws -> Response {
        let (account, _) = try context.developerInSession()
        let id = try context.parameters.require("id")
        guard account.apiKeys.contains(where: { $0.id == id }) else { throw APIError.notFound("API key \(id)") }
        let now = platform.now()
        let updated = try await platform.store.updateAccount(id: account.id) { account in
            if let index = account.apiKeys.firstIndex(where: { $0.id == id }), account.apiKeys[index].revokedAt == nil {
                account.apiKeys[index].revokedAt = now
            }
        }
        let record = updated.apiKeys.first { $0.id == id }
        return try JSONResponse.response(.ok, record.map { APIKeyView($0) })
    }
}
