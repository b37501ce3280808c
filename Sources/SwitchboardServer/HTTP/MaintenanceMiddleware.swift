import Foundation
import Hummingbird
import SwitchboardCore

/// While a published maintenance window is under way, requests that would send (`POST` to the
/// send routes) answer 503 with `Retry-After` until the window's end (PLAT-1); reads go on.
struct MaintenanceMiddleware: RouterMiddleware {
    let platform: Platform
    /// Paths under `/v1` whose POSTs hand work to the carriers.
    static let sendPaths: Set<String> = ["/v1/sms", "/v1/calls"]

    /// The path as the router reads it: empty components (doubled or trailing slashes) dropped.
    static func routePath(_ path: String) -> String {
        "/" + path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
    }

    func handle(
        _ request: Request, context: APIRequestContext, next: (Request, APIRequestContext) async throws -> Response
    ) async throws -> Response {
        guard request.method == .post, Self.sendPaths.contains(Self.routePath(request.uri.path)) else {
            return try await next(request, context)
        }
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
