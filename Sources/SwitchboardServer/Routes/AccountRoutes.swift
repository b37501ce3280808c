import Foundation
import Hummingbird
import SwitchboardCore

/// `/v1/account`: the caller's own account, its profile and history (ACCT-2), reporting a
/// compromise (ACCT-4). Every route acts on the caller's account only; no route takes another
/// account's id.
struct AccountRoutes {
    let platform: Platform

    static let editableFields: Set<String> = [
        "name", "phone", "organizationName", "registrationNumber", "lowBalanceThreshold", "callbackUrl",
    ]

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("account", use: show)
        group.patch("account", use: update)
        group.get("account/history", use: history)
        group.post("account/compromised", use: reportCompromise)
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        try JSONResponse.response(.ok, AccountView(try context.developer()))
    }

    @Sendable func update(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developer()
        let body = try await RequestBody.read(request, limit: platform.settings.maxRequestBytes, allowed: Self.editableFields)
        if body.has("name"), try body.string("name", required: false) == nil {
            throw APIError.invalidField("name", "'name' cannot be cleared; send the new name.")
        }
        let update = ProfileUpdate(
            displayName: try body.string("name", required: false, maxLength: 100),
            contactPhone: try body.clearable("phone") { try body.string($0, maxLength: 32) },
            organizationName: try body.clearable("organizationName") { try body.string($0, maxLength: 200) },
            registrationNumber: try body.clearable("registrationNumber") { try body.string($0, maxLength: 64) },
            lowBalanceThreshold: try body.clearable("lowBalanceThreshold") { try body.money($0) },
            callbackURL: try body.clearable("callbackUrl") { try body.string($0, maxLength: ProfileUpdate.callbackURLMaximumLength) })
        let reservedNames = ReservedNames(platform.settings.reservedNames)
        let now = platform.now()
        let updated = try await platform.store.updateAccount(id: account.id) { account in
            if var problem = update.validate(for: account, reservedNames: reservedNames).first {
                problem.field = Self.apiName(of: problem.field)
                throw APIError(problem)
            }
            account = account.applyingProfileChange(update, at: now)
        }
        return try JSONResponse.response(.ok, AccountView(updated))
    }

    /// The request field that sets a profile field, where the API's name differs from the record's.
    static func apiName(of recordField: String) -> String {
        ["displayName": "name", "contactPhone": "phone", "callbackURL": "callbackUrl"][recordField] ?? recordField
    }

    struct HistoryView: Encodable {
        let at: Timestamp
        let field: String
        let oldValue: String?
        let newValue: String?
    }

    @Sendable func history(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developer()
        let changes = account.profileHistory.reversed().map {
            HistoryView(at: $0.at, field: Self.apiName(of: $0.field), oldValue: $0.oldValue, newValue: $0.newValue)
        }
        return try JSONResponse.response(.ok, ListView(changes))
    }

    struct CompromiseView: Encodable {
        let revokedApiKeys: Int
        let revokedSessions: Int
    }

    /// Revokes every API key and every session of the account at once, this one included.
    @Sendable func reportCompromise(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developer()
        _ = try await RequestBody.read(request, limit: platform.settings.maxRequestBytes, allowed: [])
        let now = platform.now()
        let before = account
        let updated = try await platform.store.updateAccount(id: account.id) { $0 = $0.revokingCredentials(at: now) }
        return try JSONResponse.response(
            .ok,
            CompromiseView(
                revokedApiKeys: before.activeKeyHashes.count - updated.activeKeyHashes.count,
                revokedSessions: before.sessions.filter { $0.revokedAt == nil }.count
                    - updated.sessions.filter { $0.revokedAt == nil }.count))
    }
}
