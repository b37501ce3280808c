import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardSite

/// `GET /v1/prices`: the sheet in effect and the upcoming one, from the same parsed sheets the
/// portal is built from (PRICE-1, PRICE-2). Public.
struct PriceRoutes {
    let platform: Platform

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("prices", use: show)
    }

    struct PricesView: Encodable {
        let current: PublishedPriceSheet?
        let upcoming: PublishedPriceSheet?
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let site = await platform.site()
        let now = platform.now().date
        return try JSONResponse.response(
            .ok,
            PricesView(
                current: site.priceBook.sheet(at: now).map { site.published($0) },
                upcoming: site.upcomingPriceSheet(at: now).map { site.published($0) }))
    }
}
