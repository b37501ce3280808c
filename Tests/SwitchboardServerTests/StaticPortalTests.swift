import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import SwitchboardServer

/// `switchboard serve` serves the rendered portal: content types, ETags, `404.html`, no escapes.
@Suite("Serving the portal")
struct StaticPortalTests {
    /// A test server whose `public/` holds a small portal, with a secret file beside it.
    private func withPortal(_ test: @escaping @Sendable (API) async throws -> Void) async throws {
        try await TestServer.run { server in
            let portal = server.publicFolder
            try FileManager.default.createDirectory(at: portal.appendingPathComponent("prices"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: portal.appendingPathComponent("css"), withIntermediateDirectories: true)
            try Data("<!DOCTYPE html><title>Home</title>".utf8).write(to: portal.appendingPathComponent("index.html"))
            try Data("<!DOCTYPE html><title>Prices</title>".utf8).write(to: portal.appendingPathComponent("prices/index.html"))
            try Data("body { color: black; }".utf8).write(to: portal.appendingPathComponent("css/site.css"))
            try Data("secret".utf8).write(to: server.root.appendingPathComponent("site.yaml"))
            try await server.test(.router, test)
        }
    }

    @Test("Pages are served as HTML, folders by their index.html, styles as CSS")
    func contentTypes() async throws {
        try await withPortal { api in
            let client = api.client
            do {
                try await client.execute(uri: "/prices/", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                    #expect(String(buffer: response.body).contains("<title>Prices</title>"))
                }
                try await client.execute(uri: "/css/site.css", method: .get) { response in
                    #expect(response.headers[.contentType]?.hasPrefix("text/css") == true)
                }
            }
        }
    }

    @Test("A miss gets the portal's own 404 page with status 404")
    func notFound() async throws {
        try await withPortal { api in
            let client = api.client
            do {
                try await client.execute(uri: "/announcements/nothing-here/", method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(String(buffer: response.body).contains("Page not found"))
                }
            }
        }
    }

    @Test("Paths that climb out of public/ never reach the site folder")
    func noPathEscape() async throws {
        try await withPortal { api in
            let client = api.client
            do {
                for uri in ["/../site.yaml", "/%2e%2e/site.yaml", "/css/../../site.yaml"] {
                    try await client.execute(uri: uri, method: .get) { response in
                        #expect(response.status != .ok, "\(uri)")
                        #expect(!String(buffer: response.body).contains("secret"), "\(uri)")
                    }
                }
            }
        }
    }

    @Test("An unchanged page answers If-None-Match with 304")
    func etags() async throws {
        try await withPortal { api in
            let client = api.client
            do {
                let etag = try await client.execute(uri: "/", method: .get) { $0.headers[.eTag] }
                let tag = try #require(etag)
                try await client.execute(uri: "/", method: .get, headers: [.ifNoneMatch: tag]) { response in
                    #expect(response.status == .notModified)
                }
            }
        }
    }
}
