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
public func buildApplication(_ configuration: ServerConfiguration, logger: Logger = Logger(label: "switchboard"))
    -> some ApplicationProtocol
{
    Application(
        router: buildRouter(configuration, logger: logger),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "switchboard"),
        logger: logger
    )
}

/// The portal's static files (ETag, If-None-Match, Range, index.html), with `404.html` for misses.
public func buildRouter(_ configuration: ServerConfiguration, logger: Logger) -> Router<BasicRequestContext> {
    let router = Router()
    router.addMiddleware {
        LogRequestsMiddleware(.info)
        NotFoundPageMiddleware(publicFolder: configuration.publicFolder)
        FileMiddleware(configuration.publicFolder, searchForIndexHtml: true, logger: logger)
    }
    return router
}
