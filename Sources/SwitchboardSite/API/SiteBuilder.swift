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
        /// Reuse what the previous build left in `<site>/.switchboard-cache/`.
        public var useCache: Bool

        public init(site: URL, output: URL? = nil, now: Date, includeDrafts: Bool = false, baseURL: String? = nil, useCache: Bool = true) {
            self.site = site
            self.output = output ?? site.appendingPathComponent("public")
            self.now = now
            self.includeDrafts = includeDrafts
            self.baseURL = baseURL
            self.useCache = useCache
        }
    }

    /// What a build did, for the one-line summary.
    public struct Summary: Sendable, CustomStringConvertible {
        public let sourceFiles: Int
        public let pages: Int
        /// Pages rendered by this build; the rest were unchanged since the previous build.
        public let renderedPages: Int
        public let otherFiles: Int
        public let seconds: Double
        public let output: String
        public let warnings: [Diagnostic]
        /// What the server needs to know of the site just built, from the same parsed content.
        public let facts: SiteFacts

        public var description: String {
            let unchanged = pages - renderedPages
            let reuse = unchanged > 0 ? " (\(renderedPages) rendered, \(unchanged) unchanged)" : ""
            let time = (seconds * 100).rounded() / 100
            return
                "built \(pages) pages\(reuse) and \(otherFiles) other files from \(sourceFiles) Markdown files in \(time) s into \(output)"
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
        let report = checkReport(content, site: site, now: now, includeDrafts: includeDrafts)
        return CheckReport(report.diagnostics + OperatorConfig.read(site: site, siteConfig: content.config).1)
    }

    /// The content's own problems, its rules checked at `now`, and the theme's problems: what
    /// `check` reports and `SiteFacts.load` refuses, one code path for both.
    static func checkReport(_ content: SiteContent, site: URL, now: Date, includeDrafts: Bool) -> CheckReport {
        let theme = Theme.load(site: site)
        let staticPaths = (try? theme.get())?.staticFiles.keys.map { "/" + $0 } ?? []
        var diagnostics = analyse(
            content, now: now, includeDrafts: includeDrafts, staticFiles: staticPaths, apiReference: (try? theme.get())?.apiReference
        ).diagnostics
        if case .failure(let themeReport) = theme { diagnostics += themeReport.diagnostics }
        return CheckReport(diagnostics)
    }

    /// Checks, renders and swaps in the portal. `log` receives one line per step.
    ///
    /// With a build cache from the previous build into the same output (and nothing shared
    /// changed), unchanged announcements are not read again and unchanged pages are neither
    /// rendered nor written: only the changed files are moved into the output.
    public static func build(
        _ options: Options, log: @escaping @Sendable (String) -> Void = { _ in },
        progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws(Failure) -> Summary {
        let clock = ContinuousClock()
        let started = clock.now
        var steps = BuildSteps(total: 5, log: log)

        steps.begin("read content")
        let outputPath = options.output.standardizedFileURL.path
        let cache = options.useCache ? await BuildCache.load(site: options.site).flatMap { $0.output == outputPath ? $0 : nil } : nil
        var content = await SiteContent.load(site: options.site, cache: cache)
        if let baseURL = options.baseURL { content.overrideBaseURL(baseURL) }

        steps.begin("check")
        let theme: Theme
        switch Theme.load(site: options.site) {
        case .success(let loaded): theme = loaded
        case .failure(let report): throw .invalidSite(CheckReport(report.diagnostics + content.diagnostics))
        }
        let staticPaths = theme.staticFiles.keys.map { "/" + $0 }
        var analysis = analyse(
            content, now: options.now, includeDrafts: options.includeDrafts, staticFiles: staticPaths, apiReference: theme.apiReference,
            checkedRoutes: cache?.routes)
        let report = CheckReport(analysis.diagnostics)
        if report.hasErrors { throw .invalidSite(report) }

        steps.begin("render pages")
        var fingerprints = PageFingerprints(portal: analysis.portal, theme: theme, includeDrafts: options.includeDrafts)
        let incremental = cache?.global == fingerprints.global && FileManager.default.fileExists(atPath: outputPath)
        if !incremental, content.reusedCount > 0 {
            // Every page is rendered: announcements restored from the cache need their bodies.
            content.completeAnnouncements()
            analysis = analyse(
                content, now: options.now, includeDrafts: options.includeDrafts, staticFiles: staticPaths, apiReference: theme.apiReference)
            fingerprints = PageFingerprints(portal: analysis.portal, theme: theme, includeDrafts: options.includeDrafts)
        }
        let folder: OutputFolder
        do {
            folder = try OutputFolder(output: options.output, site: options.site)
        } catch {
            throw .output(step: "render pages", error.description)
        }
        let renderer = PortalRenderer(portal: analysis.portal, theme: theme, routes: analysis.routes)
        var outputs: [String: UInt64] = [:]
        var jobs: [PortalRenderer.PageJob] = []
        var jobPaths: [String] = []
        for job in renderer.jobs {
            let path = renderer.path(job)
            let fingerprint = fingerprints.of(job)
            outputs[path] = fingerprint ?? 0
            if !incremental || fingerprint == nil || cache?.outputs[path] != fingerprint {
                jobs.append(job)
                jobPaths.append(path)
            }
        }
        let pageRenderer = jobs.count >= 100 ? renderer.withLayoutFrames() : renderer
        do {
            try await render(jobs, with: pageRenderer, into: folder, progress: progress)
        } catch {
            folder.discard()
            throw .output(step: "render pages", error.description)
        }

        steps.begin("write feeds, sitemap, search index and static files")
        let machineFiles = MachineFiles(portal: analysis.portal, routes: analysis.routes).files
        for file in machineFiles { outputs[file.path] = file.fingerprint }
        for path in theme.staticFiles.keys { outputs[path] = 0 }
        let changedMachineFiles = machineFiles.filter { file in
            !incremental || file.fingerprint == 0 || cache?.outputs[file.path] != file.fingerprint
        }
        // The next build's cache is encoded while the files are written; it is saved only
        // once the output is in place.
        let cacheText: Task<[UInt8], Never>? =
            options.useCache
            ? Task {
                [
                    announcements = content.announcements, outputs, global = fingerprints.global, lines = cache?.lines ?? [:],
                    routes = analysis.routesFingerprint
                ] in
                let byPath = Dictionary(announcements.map { ($0.file.path, $0) }, uniquingKeysWith: { first, _ in first })
                return BuildCache(output: outputPath, global: global, routes: routes, announcements: byPath, outputs: outputs)
                    .encoded(reusing: lines)
            } : nil
        do {
            for file in changedMachineFiles { try folder.write(file.make(), to: file.path) }
            for (path, source) in theme.staticFiles { try folder.copy(source, to: path) }
        } catch {
            folder.discard()
            throw .output(step: "write files", error.description)
        }

        steps.begin(incremental ? "update \(options.output.lastPathComponent)/" : "replace \(options.output.lastPathComponent)/")
        do {
            if incremental, let cache {
                let written = jobPaths + changedMachineFiles.map(\.path) + theme.staticFiles.keys
                try folder.commitChanges(written, removing: cache.outputs.keys.filter { outputs[$0] == nil })
            } else {
                try folder.commit()
            }
        } catch {
            throw .output(step: "replace output", error.description)
        }
        steps.finish()
        var warnings = report.diagnostics.filter { $0.severity == .warning }
        if let cacheText {
            do {
                try BuildCache.write(await cacheText.value, site: options.site)
            } catch {
                warnings.append(
                    Diagnostic(
                        path: BuildCache.folderName, line: 0, severity: .warning,
                        "cannot save the build cache: \(error.localizedDescription); the next build will be a full one"))
            }
        }
        let elapsed = started.duration(to: clock.now)
        // Freeing ten thousand notices takes longer than a one-file rebuild's writing: hand the
        // last references to a background task, so the caller (and a command about to exit)
        // need not wait for it.
        let sourceFiles = content.fileCount
        let facts = SiteFacts(content: content, warnings: warnings)
        let everything = (content, analysis, cache, renderer, fingerprints)
        Task.detached(priority: .background) { withExtendedLifetime(everything) {} }
        return Summary(
            sourceFiles: sourceFiles, pages: outputs.count - machineFiles.count - theme.staticFiles.count,
            renderedPages: jobs.count, otherFiles: machineFiles.count + theme.staticFiles.count,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            output: options.output.path, warnings: warnings, facts: facts)
    }

    // MARK: Internals

    struct Analysis {
        let portal: Portal
        let routes: Routes
        let routesFingerprint: UInt64
        let diagnostics: [Diagnostic]
    }

    /// Checks the site at `now`. With `checkedRoutes`, the route table of the previous
    /// successful build: when it is unchanged, announcements restored unchanged from the cache
    /// had their links checked against this very table already and are not checked again.
    static func analyse(
        _ content: SiteContent, now: Date, includeDrafts: Bool, staticFiles: [String], apiReference: APIReference? = nil,
        checkedRoutes: UInt64? = nil
    ) -> Analysis {
        let portal = Portal(content: content, now: now, includeDrafts: includeDrafts)
        let routes = Routes(portal: portal, staticFiles: staticFiles, apiReference: apiReference)
        let routesFingerprint = routes.fingerprint
        let linksKnownGood = checkedRoutes == routesFingerprint
        // When everything is public already, "as if everything were published" is the same.
        let everythingPublic =
            portal.announcements.count == content.announcements.count && portal.agreements.count == content.agreements.count
            && portal.sheets.count == content.sheets.count && portal.pages.count == content.pages.count
        let everything =
            everythingPublic
            ? routes
            : Routes(
                portal: Portal(content: content, now: .distantFuture, includeDrafts: true), staticFiles: staticFiles,
                apiReference: apiReference)
        let rules = SiteRules(
            content: content, portal: portal, routes: routes, allRoutes: everything,
            linksKnownGood: { linksKnownGood && !$0.complete })
        return Analysis(
            portal: portal, routes: routes, routesFingerprint: routesFingerprint, diagnostics: content.diagnostics + rules.check())
    }

    /// Renders pages in parallel chunks, writing each file as soon as it is made; `progress`
    /// hears (pages done, pages in all) as chunks finish.
    private static func render(
        _ jobs: [PortalRenderer.PageJob], with renderer: PortalRenderer, into folder: OutputFolder,
        progress: @Sendable (Int, Int) -> Void
    ) async throws(OutputFolder.Failure) {
        let chunks = jobs.chunked(into: ProcessInfo.processInfo.activeProcessorCount * 4)
        let failure: OutputFolder.Failure? = await withTaskGroup(of: (Int, OutputFolder.Failure?).self) { group in
            for chunk in chunks {
                group.addTask {
                    do throws(OutputFolder.Failure) {
                        for job in chunk {
                            let page = renderer.render(job)
                            try folder.write(Data(page.html.utf8), to: page.path)
                        }
                        return (chunk.count, nil)
                    } catch {
                        return (0, error)
                    }
                }
            }
            var done = 0
            for await (count, failure) in group {
                if let failure {
                    group.cancelAll()
                    return failure
                }
                done += count
                progress(done, jobs.count)
            }
            return nil
        }
        if let failure { throw failure }
    }
}

/// Logs the pipeline's steps as `[i/n] name … 0.42 s` when each one ends, so a long build
/// shows where it is and where the time went.
struct BuildSteps {
    let total: Int
    let log: @Sendable (String) -> Void
    private var index = 0
    private var current: (name: String, started: ContinuousClock.Instant)?
    private let clock = ContinuousClock()

    init(total: Int, log: @escaping @Sendable (String) -> Void) {
        self.total = total
        self.log = log
    }

    mutating func begin(_ name: String) {
        finish()
        index += 1
        current = (name, clock.now)
    }

    /// Logs the step under way, if any, with its duration.
    mutating func finish() {
        guard let current else { return }
        let elapsed = current.started.duration(to: clock.now)
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        log("[\(index)/\(total)] \(current.name) … \(Double(milliseconds) / 1000) s")
        self.current = nil
    }
}
