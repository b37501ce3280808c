import ArgumentParser
import Foundation
import Hummingbird
import SwitchboardServer
import SwitchboardSite
import SwitchboardStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Render the portal, then serve it over HTTP.")

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
        // With --now the portal stands at that moment and time runs on from there, so that
        // scheduled changes can be watched happening.
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
        // The portal is built (only what is missing or stale) before anything is served, then
        // rebuilt at each moment it changes.
        let publisher: PortalPublisher
        do {
            publisher = try await PortalPublisher(site: options.siteURL, output: output, clock: clock)
        } catch {
            printError(error.description)
            try await store.close()
            throw ExitCode.failure
        }
        if watch { print("watching \(options.siteURL.path) for changes") }
        print("serving \(output.path) on http://\(host):\(port)/")
        let app = buildApplication(
            ServerConfiguration(host: host, port: port, publicFolder: output.path, publisher: publisher, watch: watch))
        do {
            try await app.runService()
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
    }
}
