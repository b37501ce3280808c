import Foundation
import Hummingbird
import SwitchboardCore

/// `GET /v1/balance`: the prepaid balance (BILL-2), the low-balance threshold and the SMS
/// packages still usable (PKG-1).
struct BalanceRoutes {
    let platform: Platform

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("balance", use: show)
    }

    struct BalanceView: Encodable {
        let balance: Money
        let currency: String
        let lowBalanceThreshold: Money?
        /// Whether the balance is below the threshold: time to top up.
        let low: Bool
        let packages: [PackageView]
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developer()
        let balance = try await platform.store.balance(accountId: account.id)
        let holdings = try await platform.packageHoldings(of: account)
        let now = platform.now()
        return try JSONResponse.response(
            .ok,
            BalanceView(
                balance: balance, currency: await platform.currency(), lowBalanceThreshold: account.lowBalanceThreshold,
                low: account.lowBalanceThreshold.map { balance < $0 } ?? false,
                packages: holdings.active(at: now).filter { $0.remaining > 0 }.map { PackageView($0, at: now) }))
    }
}
