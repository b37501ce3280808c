import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStore

/// `/v1/packages`: buy an SMS package offered by the price sheet in effect, paid from the
/// balance; its segments are used before the balance and expire six months later (PKG-1).
struct PackageRoutes {
    let platform: Platform

    func add(to group: RouterGroup<APIRequestContext>) {
        group.post("packages", use: buy)
        group.get("packages", use: list)
    }

    @Sendable func buy(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developer()
        let body = try await RequestBody.read(request, limit: platform.settings.maxRequestBytes, allowed: ["name"])
        let name = try body.requiredString("name", maxLength: 64)
        return try await Idempotency(platform: platform).run(request, context: context, accountId: account.id, body: body) {
            guard account.status.maySend else {
                throw APIError(
                    .forbidden, "account_\(account.status.rawValue)", "A \(account.status.rawValue) account cannot buy packages.")
            }
            let now = platform.now()
            guard let sheet = await platform.site().priceBook.sheet(at: now.date),
                let offer = sheet.packages.first(where: { $0.name == name })
            else {
                let offered = await platform.site().priceBook.sheet(at: now.date)?.packages.map(\.name).joined(separator: ", ") ?? ""
                throw APIError(
                    .unprocessableContent, "package_unavailable", "No package '\(name)' is offered now; offered: \(offered).", field: "name"
                )
            }
            let entry = LedgerEntry(
                id: Secrets.id("txn"), accountId: account.id, at: now, kind: .packagePurchase,
                amount: Money(microUnits: -offer.price.microUnits),
                currency: sheet.currency, service: offer.service, reference: Secrets.id("pkg"), quantity: offer.segments,
                description: offer.name)
            try await platform.accountLock.withLock(account.id) {
                do {
                    try await platform.store.appendLedger([entry])
                } catch StoreError.insufficientBalance(_, let balance, let short) {
                    throw APIError(
                        HTTPStatus.paymentRequired, "insufficient_balance",
                        "The package costs \(offer.price) \(sheet.currency); the balance of \(balance) is short by \(short). Nothing was charged."
                    )
                }
                await platform.packageLedger.record([entry])
            }
            let holdings = PackageHoldings(accountId: account.id, entries: [entry])
            guard let holding = holdings.all.first else { throw APIError.notFound("Package") }
            return (.created, try JSONResponse.data(PackageView(holding, at: now)))
        }
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developer()
        let now = platform.now()
        let holdings = try await platform.packageHoldings(of: account)
        return try JSONResponse.response(.ok, ListView(holdings.all.reversed().map { PackageView($0, at: now) }))
    }
}
