import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import SwitchboardServer
import SwitchboardSite
import SwitchboardStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Render the portal, then serve it and the JSON API over HTTP.")

    @OptionGroup var options: SiteOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: ArgumentHelp("The data folder; created when missing. Default: <site>/data.", valueName: "DIR"))
    var data: String?

    @Flag(
        help:
            "Rebuild when content/, templates/, static/, site.yaml or operator.yaml change, and reload open pages; show build errors in the browser."
    )
    var watch = false

    func run() async throws {
        AllocatorTuning.returnLargeBlocksWhenFreed()
        // The data folder is opened (and locked) before anything is served: damage anywhere
        // but a torn last line refuses the start, saying where and how to repair.
        let store: FileStore
        do {
            store = try await FileStore.open(
                StoreConfiguration(directory: data ?? options.siteURL.appendingPathComponent("data").path, createIfMissing: true))
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        let output = options.siteURL.appendingPathComponent("public")
        // With --now the server starts at that moment and time runs on from there, so that
        // scheduled changes can be watched happening; the API's clock is the same.
        let clock: @Sendable () -> Date
        if let start = options.now?.date {
            let began = ContinuousClock.now
            clock = {
                let elapsed = began.duration(to: .now).components
                return start.addingTimeInterval(Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
            }
        } else {
            clock = Date.init
        }
        var logger = Logger(label: "switchboard")
        logger.logLevel = .info
        // The portal is built (only what is missing or stale) before anything is served, then
        // rebuilt at each moment it changes; the API reads the facts of the portal last built.
        let publisher: PortalPublisher
        let settings: OperatorConfig
        do {
            publisher = try await PortalPublisher(site: options.siteURL, output: output, clock: clock, logger: logger)
            settings = try OperatorConfig.load(site: options.siteURL, siteConfig: await publisher.facts.config)
        } catch {
            try? await store.close()
            printError("\(error)")
            throw ExitCode.failure
        }
        let adminToken = settings.resolvedAdminToken(environment: ProcessInfo.processInfo.environment)
        if adminToken == nil {
            print("note: no admin token (set \(OperatorConfig.adminTokenVariable)); the operator API is off")
        }
        let platform: Platform
        do {
            platform = try Platform(
                store: store, settings: settings, adminToken: adminToken, site: { await publisher.facts }, clock: clock)
        } catch {
            try? await store.close()
            printError("error: \(error)")
            throw ExitCode.failure
        }
        if watch { print("watching \(options.siteURL.path) for changes") }
        print("serving \(output.path) and the API on http://\(host):\(port)/")
        let app = buildApplication(
            ServerConfiguration(host: host, port: port, publicFolder: output.path, publisher: publisher, watch: watch),
            platform: platform, logger: logger)
        // Stopped in reverse order on SIGTERM or SIGINT: the server (with the portal publisher
        // and watcher) finishes in-flight requests, then the store closes.
        let webhooks = WebhookDispatcher(platform: platform, logger: logger)
        let services = ServiceGroup(
            configuration: .init(
                services: [
                    StoreService(store: store), webhooks, CarrierDesk(platform: platform, logger: logger, webhooks: webhooks),
                    JobsService(platform: platform, logger: logger),
                    app,
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await services.run()
    }
}
