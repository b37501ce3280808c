import ArgumentParser
import Foundation
import SwitchboardServer
import SwitchboardSite
import SwitchboardStore

/// Options of the commands that act on the data folder (`admin`, `jobs`): the site (for prices,
/// agreement versions and operator.yaml) and the data folder, locked while the command runs.
struct PlatformOptions: ParsableArguments {
    @OptionGroup var site: SiteOptions

    @Option(help: ArgumentHelp("The data folder. Default: <site>/data.", valueName: "DIR"))
    var data: String?

    @Option(help: ArgumentHelp("How long to wait for a running server or command to release the data folder.", valueName: "SECONDS"))
    var wait = 5

    var dataPath: String { data ?? site.siteURL.appendingPathComponent("data").path }

    /// Opens the data folder (waiting for its lock) and the site, runs `body`, then closes the
    /// store whatever happened. Problems are printed as `error: …` and exit with status 1.
    func withPlatform<T>(_ body: (Platform) async throws -> T) async throws -> T {
        let facts: SiteFacts
        let settings: OperatorConfig
        let store: FileStore
        do {
            facts = try await SiteFacts.load(site: site.siteURL, now: site.moment)
            settings = try OperatorConfig.load(site: site.siteURL, siteConfig: facts.config)
            store = try await FileStore.open(StoreConfiguration(directory: dataPath, lockTimeout: .seconds(wait)))
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        let moment = site.moment
        do {
            let platform = try Platform(store: store, settings: settings, adminToken: nil, site: { facts }, clock: { moment })
            let result = try await body(platform)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            printError("error: \(error)")
            throw ExitCode.failure
        }
    }
}
