import Foundation
import Hummingbird
import SwitchboardCore

/// `GET /v1/account/export` and `POST /v1/account/erase` (PRIV-1): a developer takes its data
/// away, and erases the text and recipients of its past sends; amounts stay for the bills.
struct PrivacyRoutes {
    let platform: Platform

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("account/export", use: export)
        group.post("account/erase", use: erase)
    }

    struct ExportView: Encodable {
        let exportedAt: Timestamp
        let account: AccountView
        let profileHistory: [ProfileChange]
        let agreementAcceptances: [AgreementAcceptance]
        let apiKeys: [APIKeyView]
        let ledger: [LedgerEntry]
        let sends: [Send]
    }

    @Sendable func export(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developer()
        let now = platform.now()
        let ledger = try await platform.ledgerEntries(of: account)
        let sends = try await platform.sends(of: account)
        let view = ExportView(
            exportedAt: now, account: AccountView(account), profileHistory: account.profileHistory,
            agreementAcceptances: account.agreementAcceptances, apiKeys: account.apiKeys.map { APIKeyView($0) }, ledger: ledger,
            sends: sends)
        return try JSONResponse.response(
            .ok, view, headers: [.contentDisposition: "attachment; filename=\"switchboard-export-\(account.id).json\""])
    }

    struct ErasureView: Encodable {
        let erasedRecords: Int
        let erasedBefore: Timestamp
    }

    @Sendable func erase(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developer()
        _ = try await RequestBody.read(request, limit: platform.settings.maxRequestBytes, allowed: [])
        let now = platform.now()
        let erased = try await platform.store.eraseMessageData(accountId: account.id, createdBefore: now)
        return try JSONResponse.response(.ok, ErasureView(erasedRecords: erased, erasedBefore: now))
    }
}
