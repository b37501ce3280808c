import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Where and what the server serves.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The rendered portal (`public/`).
    public var publicFolder: String
    /// Keeps `public/` current and knows the site's facts; the application runs it as a service.
    public var publisher: PortalPublisher?
    /// `serve --watch` (with a publisher): rebuild on saves, reload open pages, show build errors.
    public var watch: Bool

    public init(
        host: String = "127.0.0.1", port: Int = 8080, publicFolder: String, publisher: PortalPublisher? = nil, watch: Bool = false
    ) {
        self.host = host
        self.port = port
        self.publicFolder = publicFolder
        self.publisher = publisher
        self.watch = watch
    }

    /// The live reload of watch mode, if on.
    var liveReload: LiveReload? { watch ? publisher.map { LiveReload(publisher: $0) } : nil }

    /// Run with the server and stopped with it: the publisher, and in watch mode the watcher.
    var services: [any Service] {
        guard let publisher else { return [] }
        guard watch else { return [publisher] }
        return [publisher, SiteWatcher(site: publisher.site) { await publisher.rebuild() }]
    }
}

/// Builds the application; `serve` runs it and tests drive the same builder.
public func buildApplication(
    _ configuration: ServerConfiguration, platform: Platform, logger: Logger = Logger(label: "switchboard")
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(configuration, platform: platform, logger: logger),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "switchboard"),
        services: configuration.services,
        logger: logger
    )
}

/// The JSON API under `/v1`, then the portal's static files (gzip, ETag, If-None-Match, Range,
/// index.html) with `404.html` for misses; in watch mode, live reload.
public func buildRouter(_ configuration: ServerConfiguration, platform: Platform, logger: Logger) -> Router<APIRequestContext> {
    let router = Router(context: APIRequestContext.self)
    router.addMiddleware {
        RequestLogMiddleware()
        NotFoundPageMiddleware(publicFolder: configuration.publicFolder)
        APIErrorMiddleware()
    }
    router.addPortal(publicFolder: configuration.publicFolder, liveReload: configuration.liveReload, logger: logger)
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
    SendRoutes(platform: platform).add(to: api)
    WebhookRoutes(platform: platform).add(to: api)
    PackageRoutes(platform: platform).add(to: api)
    BillRoutes(platform: platform).add(to: api)
    StatsRoutes(platform: platform).add(to: api)
    AdminRoutes(platform: platform).add(to: api)
    return router
}
