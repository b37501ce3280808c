import Foundation
import Hummingbird
import SwitchboardCore

/// While a published maintenance window is under way, the routes it guards (the sends, which
/// hand work to the carriers) answer 503 with `Retry-After` until the window's end (PLAT-1);
/// every other route goes on. It is attached to those routes, so it sees every spelling of
/// their paths the router accepts.
struct MaintenanceMiddleware: RouterMiddleware {
    let platform: Platform

    func handle(
        _ request: Request, context: APIRequestContext, next: (Request, APIRequestContext) async throws -> Response
    ) async throws -> Response {
        let now = platform.now().date
        if let window = await platform.site().maintenance(at: now) {
            let seconds = Int(window.end.timeIntervalSince(now).rounded(.up))
            throw APIError(
                .serviceUnavailable, "maintenance",
                "Sending is paused for scheduled maintenance until \(Timestamp(window.end)); see \(window.url).",
                headers: [.retryAfter: String(max(1, seconds))])
        }
        return try await next(request, context)
    }
}
