import Foundation
import Hummingbird
import Logging

/// Where and what the server serves.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The rendered portal (`public/`).
    public var publicFolder: String

    public init(host: String = "127.0.0.1", port: Int = 8080, publicFolder: String) {
        self.host = host
        self.port = port
        self.publicFolder = publicFolder
    }
}

/// Builds the application; `serve` runs it and tests drive the same builder.
public func buildApplication(
    _ configuration: ServerConfiguration, platform: Platform, logger: Logger = Logger(label: "switchboard")
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(configuration, platform: platform, logger: logger),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "switchboard"),
        logger: logger
    )
}

/// The JSON API under `/v1`, then the portal's static files (ETag, If-None-Match, Range,
/// index.html) with `404.html` for misses.
public func buildRouter(_ configuration: ServerConfiguration, platform: Platform, logger: Logger) -> Router<APIRequestContext> {
    let router = Router(context: APIRequestContext.self)
    router.addMiddleware {
        RequestLogMiddleware()
        NotFoundPageMiddleware(publicFolder: configuration.publicFolder)
        APIErrorMiddleware()
        FileMiddleware(configuration.publicFolder, searchForIndexHtml: true, logger: logger)
    }
    let api = router.group("v1").add(middleware: Authenticator(platform: platform))
    RegistrationRoutes(platform: platform).add(to: api)
    SessionRoutes(platform: platform).add(to: api)
    AccountRoutes(platform: platform).add(to: api)
    APIKeyRoutes(platform: platform).add(to: api)
    CapabilityRoutes(platform: platform).add(to: api)
    BalanceRoutes(platform: platform).add(to: api)
    PrivacyRoutes(platform: platform).add(to: api)
    AgreementRoutes(platform: platform).add(to: api)
    PriceRoutes(platform: platform).add(to: api)
    AdminRoutes(platform: platform).add(to: api)
    return router
}
