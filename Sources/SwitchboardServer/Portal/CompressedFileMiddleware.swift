import Foundation
import Hummingbird

/// Answers GET and HEAD for the portal's text files with their gzip-compressed bytes when the
/// client accepts gzip, with a strong ETag of its own and `Vary: Accept-Encoding`; everything
/// else (other methods, `Range`, files not worth compressing, clients without gzip) goes on to
/// `FileMiddleware`. Paths that lead outside `public/` through a symbolic link are refused here.
struct CompressedFileMiddleware<Context: RequestContext>: RouterMiddleware {
    let folder: PublicFolder
    let cache: CompressedFileCache

    init(publicFolder: String, cache: CompressedFileCache = CompressedFileCache()) {
        folder = PublicFolder(root: publicFolder)
        self.cache = cache
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else { return try await next(request, context) }
        let file: PublicFolder.File
        switch folder.lookup(request.uri.path) {
        case .outside: throw HTTPError(.notFound)
        case .other: return try await next(request, context)
        case .file(let found): file = found
        }
        guard PortalMediaTypes.compressible.contains(file.fileExtension), request.headers[.range] == nil,
            AcceptEncoding.allowsGzip(request.headers[.acceptEncoding])
        else { return try await next(request, context) }
        let entry = try await cache.compressed(file)
        let etag = Self.etag(of: entry.file)
        var headers: HTTPFields = [
            .contentEncoding: "gzip",
            .vary: "Accept-Encoding",
            .eTag: etag,
            .lastModified: HTTPDate.format(Date(timeIntervalSince1970: entry.file.modified)),
        ]
        if let type = PortalMediaTypes.byExtension[file.fileExtension] { headers[.contentType] = type }
        if let tags = request.headers[.ifNoneMatch], Self.matches(tags, etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(entry.bytes.readableBytes)
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: entry.bytes)
        return Response(status: .ok, headers: headers, body: body)
    }

    /// A strong tag of the compressed representation: the file's size and time, marked gzip so it
    /// never equals `FileMiddleware`'s tag of the identity bytes.
    static func etag(of file: PublicFolder.File) -> String {
        let nanoseconds = Int64((file.modified * 1_000_000_000).rounded())
        return "\"\(String(file.size, radix: 16))-\(String(nanoseconds, radix: 16))-gzip\""
    }

    /// `If-None-Match` compares weakly: `W/` is ignored, and `*` matches anything.
    static func matches(_ header: String, _ etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }
}
