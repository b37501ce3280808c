import Hummingbird

/// Content types of the portal's files, shared by `PortalFileCache` and `FileMiddleware`
/// so that a file has one type whether or not it is compressed.
enum PortalMediaTypes {
    /// Extension → `Content-Type`; text is UTF-8, as the build writes it.
    static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "json": "application/json",
        "xml": "application/xml",
        "svg": "image/svg+xml",
        "txt": "text/plain; charset=utf-8",
        "webmanifest": "application/manifest+json",
    ]

    /// Text formats worth compressing; images and fonts are compressed already.
    static let compressible: Set<String> = ["html", "css", "js", "json", "xml", "svg", "txt", "webmanifest"]

    /// The same table for `FileMiddleware.withAdditionalMediaTypes`.
    static var mediaTypes: [String: MediaType] {
        byExtension.compactMapValues { MediaType(from: $0) }
    }
}
