import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import SwitchboardServer

/// `serve --watch`: saves coalesce into one rebuild, pages carry the reload script, the event
/// stream says when to reload, and a broken site shows its diagnostics instead of a stale page.
@Suite("Portal watch mode")
struct PortalWatchTests {
    private static var quiet: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    /// Counts calls, for the watcher's `onChange`.
    private actor Counter {
        var value = 0
        func increment() { value += 1 }
    }

    @Test("A burst of saves rebuilds once; a later save rebuilds again")
    func savesCoalesce() async throws {
        let site = try PortalTestSite()
        defer { site.cleanUp() }
        let counter = Counter()
        let watcher = SiteWatcher(site: site.root, interval: .milliseconds(50), quietPeriod: .milliseconds(400)) {
            await counter.increment()
        }
        let running = Task { try await watcher.run() }
        defer { running.cancel() }
        try await Task.sleep(for: .milliseconds(150))
        for index in 0..<6 {
            try site.write("content/announcements/welcome.md", try site.read("content/announcements/welcome.md") + "\nSave \(index).\n")
            try await Task.sleep(for: .milliseconds(60))
        }
        try site.write("templates/page.mustache", "{{{body}}}")
        #expect(await eventually(within: 10) { await counter.value >= 1 })
        try await Task.sleep(for: .milliseconds(900))
        #expect(await counter.value == 1)
        try site.write("site.yaml", try site.read("site.yaml") + "\n# touched\n")
        #expect(await eventually(within: 10) { await counter.value == 2 })
        try site.write("operator.yaml", "bcryptCost: 10\n")
        #expect(await eventually(within: 10) { await counter.value == 3 })
        try await Task.sleep(for: .milliseconds(400))
        #expect(await counter.value == 3, "no change, no rebuild")
    }

    private func watchApp(_ publisher: PortalPublisher, site: PortalTestSite, watch: Bool = true) async throws
        -> some ApplicationProtocol
    {
        let platform = try await portalTestPlatform(in: site.root.appendingPathComponent("run-\(UUID().uuidString)")) {
            await publisher.facts
        }
        return buildApplication(
            ServerConfiguration(publicFolder: site.output.path, publisher: publisher, watch: watch), platform: platform,
            logger: Self.quiet)
    }

    private func publisher(_ site: PortalTestSite) async throws -> PortalPublisher {
        try await PortalPublisher(
            site: site.root, clock: PortalTestSite.clock(from: PortalTestSite.moment("2026-12-02T00:00:00+08:00")), logger: Self.quiet)
    }

    @Test("In watch mode pages carry the reload script before </body> and are not cached; without it they are as built")
    func scriptInjected() async throws {
        let site = try PortalTestSite()
        defer { site.cleanUp() }
        let publisher = try await publisher(site)
        try await watchApp(publisher, site: site).test(.router) { client in
            try await client.execute(uri: "/prices/", method: .get, headers: [.acceptEncoding: "gzip"]) { response in
                let page = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(response.headers[.contentEncoding] == nil)
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(page.contains(LiveReload.script + "</body>"))
            }
            try await client.execute(uri: "/css/site.css", method: .get) { response in
                #expect(!String(buffer: response.body).contains("EventSource"))
            }
        }
        try await watchApp(publisher, site: site, watch: false).test(.router) { client in
            try await client.execute(uri: "/prices/", method: .get) { response in
                #expect(!String(buffer: response.body).contains("EventSource"))
            }
        }
    }

    @Test("A broken site shows its diagnostics, escaped, in place of every page, until it builds again")
    func errorPage() async throws {
        let site = try PortalTestSite()
        defer { site.cleanUp() }
        let publisher = try await publisher(site)
        try site.edit("content/announcements/welcome.md", replacing: "kind: general", with: "kind: <script>alert(1)</script>")
        await publisher.rebuild()
        try await watchApp(publisher, site: site).test(.router) { client in
            for uri in ["/", "/prices/", "/announcements/welcome/", "/no-such-page/"] {
                try await client.execute(uri: uri, method: .get, headers: [.accept: "text/html"]) { response in
                    let page = String(buffer: response.body)
                    #expect(response.status == .internalServerError, "\(uri)")
                    #expect(
                        page.contains(
                            "content/announcements/welcome.md:3: error: unknown kind &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;"))
                    #expect(!page.contains("<script>alert(1)"))
                    #expect(page.contains(LiveReload.script))
                }
            }
            try await client.execute(uri: "/css/site.css", method: .get, headers: [.accept: "text/css"]) { response in
                #expect(response.status == .ok)
            }
        }
        try site.edit("content/announcements/welcome.md", replacing: "kind: <script>alert(1)</script>", with: "kind: general")
        await publisher.rebuild()
        try await watchApp(publisher, site: site).test(.router) { client in
            try await client.execute(uri: "/", method: .get, headers: [.accept: "text/html"]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(LiveReload.script))
            }
        }
    }

    @Test("The event stream sends a reload event after a rebuild and ends when the publisher stops")
    func eventStream() async throws {
        let site = try PortalTestSite()
        defer { site.cleanUp() }
        let publisher = try await publisher(site)
        let running = Task { try await publisher.run() }
        try await watchApp(publisher, site: site).test(.router) { client in
            async let stream = client.execute(uri: LiveReload.eventsPath, method: .get) { response in
                (response.headers[.contentType], String(buffer: response.body))
            }
            try await Task.sleep(for: .milliseconds(300))
            await publisher.rebuild()
            try await Task.sleep(for: .milliseconds(100))
            running.cancel()
            let (type, body) = try await stream
            #expect(type == "text/event-stream")
            #expect(body.hasPrefix("retry: 1000\n: connected\n\n"))
            #expect(body.contains("event: reload\ndata: published\n\n"))
        }
    }

    @Test("The watcher rebuilds the portal through the publisher when content is saved")
    func watcherRebuildsThePortal() async throws {
        let site = try PortalTestSite()
        defer { site.cleanUp() }
        let publisher = try await publisher(site)
        let watcher = SiteWatcher(site: site.root, interval: .milliseconds(50), quietPeriod: .milliseconds(100)) {
            await publisher.rebuild()
        }
        let running = Task { try await watcher.run() }
        defer { running.cancel() }
        try await Task.sleep(for: .milliseconds(120))
        try site.edit("content/pages/index.md", replacing: "Read the", with: "Please read the")
        #expect(await eventually(within: 20) { (try? site.read("public/index.html").contains("Please read the")) == true })
    }
}
