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
        do {
            let summary = try await SiteBuilder.build(.init(site: options.siteURL, output: output, now: options.moment))
            print(summary.description)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        print("serving \(output.path) on http://\(host):\(port)/")
        let app = buildApplication(ServerConfiguration(host: host, port: port, publicFolder: output.path))
        do {
            try await app.runService()
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
    }
}
