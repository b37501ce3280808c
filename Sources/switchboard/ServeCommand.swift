import ArgumentParser
import Foundation
import Hummingbird
import SwitchboardServer
import SwitchboardSite

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Render the portal, then serve it over HTTP.")

    @OptionGroup var options: SiteOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    func run() async throws {
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
        try await app.runService()
    }
}
