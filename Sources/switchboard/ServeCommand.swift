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

    func run() async throws {
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
        let facts: SiteFacts
        let settings: OperatorConfig
        do {
            let summary = try await SiteBuilder.build(.init(site: options.siteURL, output: output, now: options.moment))
            print(summary.description)
            facts = try await SiteFacts.load(site: options.siteURL, now: options.moment)
            settings = try OperatorConfig.load(site: options.siteURL, siteConfig: facts.config)
        } catch {
            try? await store.close()
            printError("\(error)")
            throw ExitCode.failure
        }
        let adminToken = settings.resolvedAdminToken(environment: ProcessInfo.processInfo.environment)
        if adminToken == nil {
            print("note: no admin token (set \(OperatorConfig.adminTokenVariable)); the operator API is off")
        }
        let platform = Platform(store: store, settings: settings, adminToken: adminToken, site: { facts })
        print("serving \(output.path) and the API on http://\(host):\(port)/")
        var logger = Logger(label: "switchboard")
        logger.logLevel = .info
        let app = buildApplication(
            ServerConfiguration(host: host, port: port, publicFolder: output.path), platform: platform, logger: logger)
        // Stopped in reverse order on SIGTERM or SIGINT: the server finishes in-flight requests,
        // then the store closes.
        let services = ServiceGroup(
            configuration: .init(
                services: [StoreService(store: store), JobsService(platform: platform, logger: logger), app],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await services.run()
    }
}
