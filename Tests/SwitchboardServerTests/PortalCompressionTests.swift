import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SwitchboardSite
import Testing

@testable import SwitchboardServer

/// Gzip for the portal's text files: on when accepted, off otherwise, with its own ETag, correct
/// content types, and no way out of `public/`.
@Suite("Portal compression")
struct PortalCompressionTests {
    private static let page = String(repeating: "<p>Prices for SMS and calls, per segment and per minute.</p>\n", count: 50)

    private func withPortal(_ test: (URL) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-gzip-\(UUID().uuidString)")
        let portal = root.appendingPathComponent("public")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: portal.appendingPathComponent("prices"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: portal.appendingPathComponent("css"), withIntermediateDirectories: true)
        let files = [
            "index.html": "<!DOCTYPE html><title>Home</title>\(Self.page)</body>",
            "prices/index.html": "<!DOCTYPE html><title>Prices</title>\(Self.page)",
            "404.html": "<!DOCTYPE html><title>Page not found</title>",
            "css/site.css": "body { color: black; }\n",
            "api.json": "{\"prices\": []}\n",
            "feed.xml": "<?xml version=\"1.0\"?><feed/>\n",
            "logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
            "site.webmanifest": "{\"name\": \"Portal\"}\n",
            "robots.txt": "User-agent: *\n",
            "logo.png": "\u{89}PNG not really",
        ]
        for (path, text) in files { try Data(text.utf8).write(to: portal.appendingPathComponent(path)) }
        try Data("secret".utf8).write(to: root.appendingPathComponent("site.yaml"))
        try FileManager.default.createSymbolicLink(
            atPath: portal.appendingPathComponent("leak.txt").path, withDestinationPath: root.appendingPathComponent("site.yaml").path)
        try FileManager.default.createSymbolicLink(atPath: portal.appendingPathComponent("outside").path, withDestinationPath: root.path)
        try await test(portal)
    }

    private func app(_ portal: URL) async throws -> some ApplicationProtocol {
        var logger = Logger(label: "test")
        logger.logLevel = .error
        let facts = try await SiteFacts.load(site: PortalTestSite.source, now: Date())
        let platform = try await portalTestPlatform(in: portal.deletingLastPathComponent()) { facts }
        return buildApplication(ServerConfiguration(publicFolder: portal.path), platform: platform, logger: logger)
    }

    private static func gunzip(_ buffer: ByteBuffer) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(buffer: buffer))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("A client that accepts gzip gets the compressed page, which unpacks to the file")
    func gzipOn() async throws {
        try await withPortal { portal in
            try await app(portal).test(.router) { client in
                let body = try await client.execute(uri: "/prices/", method: .get, headers: [.acceptEncoding: "br, gzip;q=0.8"]) {
                    response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentEncoding] == "gzip")
                    #expect(response.headers[.vary] == "Accept-Encoding")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(response.headers[.contentLength] == String(response.body.readableBytes))
                    #expect(response.body.readableBytes < Self.page.utf8.count / 4)
                    return response.body
                }
                #expect(try Self.gunzip(body) == "<!DOCTYPE html><title>Prices</title>\(Self.page)")
                try await client.execute(uri: "/", method: .get, headers: [.acceptEncoding: "*"]) { response in
                    #expect(response.headers[.contentEncoding] == "gzip")
                }
            }
        }
    }

    @Test("Without gzip in Accept-Encoding (or with q=0) the file is sent as it is")
    func gzipOff() async throws {
        try await withPortal { portal in
            try await app(portal).test(.router) { client in
                for headers: HTTPFields in [[:], [.acceptEncoding: "gzip;q=0"], [.acceptEncoding: "br"], [.acceptEncoding: "*, gzip;q=0"]] {
                    try await client.execute(uri: "/prices/", method: .get, headers: headers) { response in
                        #expect(response.status == .ok)
                        #expect(response.headers[.contentEncoding] == nil, "\(headers)")
                        #expect(String(buffer: response.body) == "<!DOCTYPE html><title>Prices</title>\(Self.page)")
                    }
                }
            }
        }
    }

    @Test("Images, Range requests and other methods are left to FileMiddleware")
    func fallThrough() async throws {
        try await withPortal { portal in
            try await app(portal).test(.router) { client in
                try await client.execute(uri: "/logo.png", method: .get, headers: [.acceptEncoding: "gzip"]) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentEncoding] == nil)
                }
                try await client.execute(uri: "/css/site.css", method: .get, headers: [.acceptEncoding: "gzip", .range: "bytes=0-3"]) {
                    response in
                    #expect(response.status == .partialContent)
                    #expect(response.headers[.contentEncoding] == nil)
                    #expect(String(buffer: response.body) == "body")
                }
                try await client.execute(uri: "/css/site.css", method: .post, headers: [.acceptEncoding: "gzip"]) { response in
                    #expect(response.headers[.contentEncoding] == nil)
                    #expect(response.status != .ok)
                }
            }
        }
    }

    @Test("HEAD gets the compressed headers and no body")
    func head() async throws {
        try await withPortal { portal in
            try await app(portal).test(.router) { client in
                let length = try await client.execute(uri: "/", method: .get, headers: [.acceptEncoding: "gzip"]) {
                    $0.headers[.contentLength]
                }
                try await client.execute(uri: "/", method: .head, headers: [.acceptEncoding: "gzip"]) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentEncoding] == "gzip")
                    #expect(response.headers[.contentLength] == length)
                    #expect(response.body.readableBytes == 0)
                }
            }
        }
    }

    @Test("The gzip ETag differs from the plain one, and If-None-Match with it answers 304")
    func etags() async throws {
        try await withPortal { portal in
            try await app(portal).test(.router) { client in
                let plain = try #require(try await client.execute(uri: "/css/site.css", method: .get) { $0.headers[.eTag] })
                let gzip = try #require(
                    try await client.execute(uri: "/css/site.css", method: .get, headers: [.acceptEncoding: "gzip"]) { $0.headers[.eTag] })
                #expect(plain != gzip)
                #expect(gzip.hasPrefix("\"") && gzip.hasSuffix("\""), "a strong tag")
                try await client.execute(uri: "/css/site.css", method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: gzip]) {
                    response in
                    #expect(response.status == .notModified)
                    #expect(response.headers[.eTag] == gzip)
                    #expect(response.headers[.vary] == "Accept-Encoding")
                    #expect(response.body.readableBytes == 0)
                }
                // The plain bytes' tag does not validate the compressed ones.
                try await client.execute(uri: "/css/site.css", method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: plain]) {
                    response in
                    #expect(response.status == .ok)
                }
                try await client.execute(
                    uri: "/css/site.css", method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: "\"other\", W/\(gzip)"]
                ) { response in
                    #expect(response.status == .notModified)
                }
            }
        }
    }

    @Test("A changed file gets a new ETag and new bytes, not the cached ones, once the check interval has passed")
    func changedFile() async throws {
        try await withPortal { portal in
            try await app(portal).test(.router) { client in
                let before = try await client.execute(uri: "/robots.txt", method: .get, headers: [.acceptEncoding: "gzip"]) {
                    $0.headers[.eTag]
                }
                try Data("User-agent: *\nDisallow: /private/\n".utf8).write(to: portal.appendingPathComponent("robots.txt"))
                // Files are checked again at most every 100 ms.
                try await Task.sleep(for: .milliseconds(150))
                let (etag, body) = try await client.execute(uri: "/robots.txt", method: .get, headers: [.acceptEncoding: "gzip"]) {
                    ($0.headers[.eTag], $0.body)
                }
                #expect(etag != before)
                #expect(try Self.gunzip(body) == "User-agent: *\nDisallow: /private/\n")
            }
        }
    }

    @Test(
        "Content types are the same compressed or not",
        arguments: [
            ("/api.json", "application/json"),
            ("/feed.xml", "application/xml"),
            ("/logo.svg", "image/svg+xml"),
            ("/site.webmanifest", "application/manifest+json"),
            ("/robots.txt", "text/plain; charset=utf-8"),
            ("/css/site.css", "text/css; charset=utf-8"),
            ("/", "text/html; charset=utf-8"),
        ])
    func contentTypes(path: String, type: String) async throws {
        try await withPortal { portal in
            try await app(portal).test(.router) { client in
                for encoding in ["gzip", "identity"] {
                    try await client.execute(uri: path, method: .get, headers: [.acceptEncoding: encoding]) { response in
                        #expect(response.status == .ok)
                        #expect(response.headers[.contentType] == type, "\(path) \(encoding)")
                    }
                }
            }
        }
    }

    @Test("Paths that climb out of public/, encoded or through links, never reach the site folder")
    func noEscape() async throws {
        try await withPortal { portal in
            try await app(portal).test(.router) { client in
                let uris = [
                    "/../site.yaml", "/%2e%2e/site.yaml", "/%2E%2E/site.yaml", "/css/../../site.yaml", "/css/%2e%2e/%2e%2e/site.yaml",
                    "/.%2e/site.yaml", "/leak.txt", "/outside/site.yaml",
                ]
                for uri in uris {
                    for encoding in ["gzip", "identity"] {
                        try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: encoding]) { response in
                            #expect(response.status != .ok, "\(uri) \(encoding)")
                            #expect(response.headers[.contentEncoding] == nil, "\(uri) \(encoding)")
                            #expect(!String(buffer: response.body).contains("secret"), "\(uri) \(encoding)")
                        }
                    }
                }
            }
        }
    }

    @Test("The cache stays within its bound and serves a file from memory while it is unchanged")
    func cacheBound() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = PortalFileCache(folder: PublicFolder(root: folder.path), limit: 2_000, largestFile: 500)
        for index in 0..<20 {
            // Random bytes do not compress, and .bin is not compressed: 300 bytes each.
            let bytes = (0..<300).map { _ in UInt8.random(in: 0...255) }
            try Data(bytes).write(to: folder.appendingPathComponent("\(index).bin"))
            let entry = try #require(try await cache.lookup("/\(index).bin").entry)
            #expect(Data(buffer: entry.identity.bytes) == Data(bytes))
            #expect(cache.size <= 2_000)
        }
        try Data(count: 501).write(to: folder.appendingPathComponent("large.bin"))
        #expect(try await cache.lookup("/large.bin").entry == nil, "a file over largestFile is left to FileMiddleware")
        #expect(cache.size <= 2_000)
    }

    @Test("Within the check interval a file is answered from memory without looking at the disk; after it, the new file")
    func recheckInterval() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = PortalFileCache(folder: PublicFolder(root: folder.path), recheckAfter: .seconds(30))
        let page = folder.appendingPathComponent("page.html")
        try Data("<p>one</p>".utf8).write(to: page)
        let first = try #require(try await cache.lookup("/page.html").entry)
        try FileManager.default.removeItem(at: page)
        let again = try #require(try await cache.lookup("/page.html").entry, "served from memory within the interval")
        #expect(again.identity.bytes == first.identity.bytes)

        let checking = PortalFileCache(folder: PublicFolder(root: folder.path), recheckAfter: .milliseconds(20))
        try Data("<p>one</p>".utf8).write(to: page)
        _ = try #require(try await checking.lookup("/page.html").entry)
        try FileManager.default.removeItem(at: page)
        try await Task.sleep(for: .milliseconds(40))
        #expect(try await checking.lookup("/page.html").entry == nil, "checked again after the interval: gone")
    }

    @Test("A file replaced by a build (renamed over) or removed is never answered from the old copy")
    func replacedFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = PortalFileCache(folder: PublicFolder(root: folder.path), recheckAfter: .zero)
        let page = folder.appendingPathComponent("page.html")
        try Data("<p>one</p>".utf8).write(to: page)
        let first = try #require(try await cache.lookup("/page.html").entry)
        // Same size, written beside and renamed over, as a build does.
        let staged = folder.appendingPathComponent(".page.html.new")
        try Data("<p>two</p>".utf8).write(to: staged)
        #expect(rename(staged.path, page.path) == 0)
        let second = try #require(try await cache.lookup("/page.html").entry)
        #expect(String(buffer: first.identity.bytes) == "<p>one</p>")
        #expect(String(buffer: second.identity.bytes) == "<p>two</p>")
        #expect(first.identity.etag != second.identity.etag)
        try FileManager.default.removeItem(at: page)
        #expect(try await cache.lookup("/page.html").entry == nil, "a removed file is not answered from memory")
    }
}

extension PortalFileCache.Lookup {
    fileprivate var entry: PortalFileCache.Entry? {
        if case .file(let entry) = self { entry } else { nil }
    }
}
