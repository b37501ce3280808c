import Foundation
import Testing

@testable import SwitchboardSite

@Suite("Layout frames")
struct LayoutFramesTests {
    private func renderers(_ site: FixtureSite) async throws -> (direct: PortalRenderer, framed: PortalRenderer) {
        let content = await SiteContent.load(site: site.root)
        let theme = try Theme.load(site: site.root).get()
        let analysis = SiteBuilder.analyse(
            content, now: FixtureSite.now, includeDrafts: false, staticFiles: theme.staticFiles.keys.map { "/" + $0 })
        let direct = PortalRenderer(portal: analysis.portal, theme: theme, routes: analysis.routes)
        return (direct, direct.withLayoutFrames())
    }

    @Test("Every page spliced into a frame is byte for byte the page rendered directly")
    func splicedEqualsRendered() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let (direct, framed) = try await renderers(site)
        #expect(framed.frames.count > 0)
        for job in direct.jobs {
            #expect(framed.render(job).html == direct.render(job).html, "\(direct.path(job))")
        }
    }

    @Test("A layout that leaves the title unescaped gets no frames for titled pages, and they still render as written")
    func unverifiableLayoutFallsBack() async throws {
        let plain = try FixtureSite()
        defer { plain.cleanUp() }
        let everyState = try await renderers(plain).framed.frames.count
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("templates/layout.mustache", "<title>{{{pageTitle}}}</title>{{{content}}}\n")
        let (direct, framed) = try await renderers(site)
        // Only the menu states without a page title (the home page's) pass the probe.
        #expect(framed.frames.count * 2 == everyState)
        for job in direct.jobs {
            #expect(framed.render(job).html == direct.render(job).html, "\(direct.path(job))")
        }
    }
}
