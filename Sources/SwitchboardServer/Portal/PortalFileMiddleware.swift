import Hummingbird
import SwitchboardCore

/// Answers GET and HEAD for the portal's files from `PortalFileCache`: gzip-compressed for
/// text formats when the client accepts it, as they are otherwise, each with its own strong ETag
/// and `If-None-Match`. `Range` requests, large files and misses go on to `FileMiddleware`; the
/// API under `/v1` is never looked for on disk. Paths that lead outside `public/` through a
/// symbolic link are refused here.
struct PortalFileMiddleware<Context: RequestContext>: RouterMiddleware {
    let cache: PortalFileCache

    init(cache: PortalFileCache) { self.cache = cache }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard request.method == .get || request.method == .head, request.headers[.range] == nil, path != "/v1",
            !path.hasPrefix("/v1/")
        else { return try await next(request, context) }
        let entry: PortalFileCache.Entry
        switch try await cache.lookup(path) {
        case .outside: throw HTTPError(.notFound)
        case .other: return try await next(request, context)
        case .file(let found): entry = found
        }
        let chosen = entry.gzip.flatMap { AcceptEncoding.allowsGzip(request.headers[.acceptEncoding]) ? $0 : nil } ?? entry.identity
        if let tags = request.headers[.ifNoneMatch], Self.matches(tags, chosen.etag) {
            return Response(status: .notModified, headers: chosen.headers)
        }
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: chosen.bytes)
        return Response(status: .ok, headers: chosen.headersWithLength, body: body)
    }

    /// `If-None-Match` compares weakly: `W/` is ignored, and `*` matches anything.
    static func matches(_ header: String, _ etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingWhitespace()
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }
}
