import Foundation
import SwitchboardCore

/// The build tool's front door: `check` reports every problem in the site, `build` renders the
/// portal into its output folder, replacing it whole.
public enum SiteBuilder {
    public struct Options: Sendable {
        public var site: URL
        public var output: URL
        /// The moment the portal is rendered for; never read from the clock inside the pipeline.
        public var now: Date
        public var includeDrafts: Bool
        /// Overrides `baseURL` from `site.yaml`.
        public var baseURL: String?

        public init(site: URL, output: URL? = nil, now: Date, includeDrafts: Bool = false, baseURL: String? = nil) {
            self.site = site
            self.output = output ?? site.appendingPathComponent("public")
            self.now = now
            self.includeDrafts = includeDrafts
            self.baseURL = baseURL
        }
    }

    /// What a build did, for the one-line summary.
    public struct Summary: Sendable, CustomStringConvertible {
        public let sourceFiles: Int
        public let pages: Int
        public let otherFiles: Int
        public let seconds: Double
        public let output: String
        public let warnings: [Diagnostic]

        public var description: String {
            String(format: "built %d pages and %d other files from %d Markdown files in %.2f s into %@", pages, otherFiles, sourceFiles, seconds, output)
        }
    }

    /// A build that stopped: the problems found, or the step and path that failed.
    public enum Failure: Error, CustomStringConvertible {
        case invalidSite(CheckReport)
        case output(step: String, String)

        public var description: String {
            switch self {
            case .invalidSite(let report): report.description
            case .output(let step, let message): "error: [\(step)] \(message)"
            }
        }
    }

    /// Reads all of the site and reports every problem (`switchboard check`).
    public static func check(site: URL, now: Date, includeDrafts: Bool = false) async -> CheckReport {
        let content = await SiteContent.load(site: site)
        var diagnostics = analyse(content, now: now, includeDrafts: includeDrafts, staticFiles: []).diagnostics
        if case .failure(let themeReport) = Theme.load(site: site) { diagnostics += themeReport.diagnostics }
        return CheckReport(diagnostics)
    }

    /// Checks, renders and swaps in the portal. `log` receives one line per step.
    public static func build(_ options: Options, log: @escaping @Sendable (String) -> Void = { _ in }) async throws(Failure) -> Summary {
        let clock = ContinuousClock()
        let started = clock.now
        var steps = BuildSteps(total: 5, log: log)

        steps.begin("read content")
        var content = await SiteContent.load(site: options.site)
        if let baseURL = options.baseURL { content.overrideBaseURL(baseURL) }

        steps.begin("check")
        let theme: Theme
        switch Theme.load(site: options.site) {
        case .success(let loaded): theme = loaded
        case .failure(let report): throw .invalidSite(CheckReport(report.diagnostics + content.diagnostics))
        }
        let staticPaths = theme.staticFiles.keys.map { "/" + $0 }
        let analysis = analyse(content, now: options.now, includeDrafts: options.includeDrafts, staticFiles: staticPaths)
        let report = CheckReport(analysis.diagnostics)
        if report.hasErrors { throw .invalidSite(report) }

        steps.begin("render pages")
        let folder: OutputFolder
        do {
            folder = try OutputFolder(output: options.output, site: options.site)
        } catch {
            throw .output(step: "render pages", error.description)
        }
        let renderer = PortalRenderer(portal: analysis.portal, theme: theme, routes: analysis.routes)
        let jobs = renderer.jobs
        do {
            try await render(jobs, with: renderer, into: folder)
        } catch {
            folder.discard()
            throw .output(step: "render pages", error.description)
        }

        steps.begin("write feeds, sitemap, search index and static files")
        let machineFiles = MachineFiles(portal: analysis.portal, routes: analysis.routes).files
        do {
            for file in machineFiles { try folder.write(file.data, to: file.path) }
            for (path, source) in theme.staticFiles { try folder.copy(source, to: path) }
        } catch {
            folder.discard()
            throw .output(step: "write files", error.description)
        }

        steps.begin("replace \(options.output.lastPathComponent)/")
        do {
            try folder.commit()
        } catch {
            throw .output(step: "replace output", error.description)
        }
        let elapsed = started.duration(to: clock.now)
        return Summary(
            sourceFiles: content.fileCount, pages: jobs.count, otherFiles: machineFiles.count + theme.staticFiles.count,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            output: options.output.path, warnings: report.diagnostics.filter { $0.severity == .warning })
    }

    // MARK: Internals

    struct Analysis {
        let portal: Portal
        let routes: Routes
        let diagnostics: [Diagnostic]
    }

    static func analyse(_ content: SiteContent, now: Date, includeDrafts: Bool, staticFiles: [String]) -> Analysis {
        let portal = Portal(content: content, now: now, includeDrafts: includeDrafts)
        let routes = Routes(portal: portal, staticFiles: staticFiles)
        let everything = Routes(portal: Portal(content: content, now: .distantFuture, includeDrafts: true), staticFiles: staticFiles)
        let rules = SiteRules(content: content, portal: portal, routes: routes, allRoutes: everything)
        return Analysis(portal: portal, routes: routes, diagnostics: content.diagnostics + rules.check())
    }

    /// Renders pages in parallel chunks, writing each file as soon as it is made.
    private static func render(_ jobs: [PortalRenderer.PageJob], with renderer: PortalRenderer, into folder: OutputFolder) async throws(OutputFolder.Failure) {
        let chunks = jobs.chunked(into: ProcessInfo.processInfo.activeProcessorCount * 4)
        let failure: OutputFolder.Failure? = await withTaskGroup(of: OutputFolder.Failure?.self) { group in
            for chunk in chunks {
                group.addTask {
                    do throws(OutputFolder.Failure) {
                        for job in chunk {
                            let page = renderer.render(job)
                            try folder.write(Data(page.html.utf8), to: page.path)
                        }
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            for await result in group where result != nil {
                group.cancelAll()
                return result
            }
            return nil
        }
        if let failure { throw failure }
    }
}

/// Logs the pipeline's steps as `[i/n] name`.
struct BuildSteps {
    let total: Int
    let log: @Sendable (String) -> Void
    private var index = 0

    init(total: Int, log: @escaping @Sendable (String) -> Void) {
        self.total = total
        self.log = log
    }

    mutating func begin(_ name: String) {
        index += 1
        log("[\(index)/\(total)] \(name)")
    }
}

extension SiteContent {
    mutating func overrideBaseURL(_ url: String) {
        config.baseURL = url.hasSuffix("/") ? url : url + "/"
    }
}
