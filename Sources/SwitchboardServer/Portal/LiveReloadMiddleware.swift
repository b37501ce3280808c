import Foundation
import Hummingbird

/// In watch mode, serves the portal's pages with the reload script before `</body>` (never
/// cached, never compressed), and the build's diagnostics instead of any page while the site
/// does not build. The API under `/v1` is left alone.
struct LiveReloadMiddleware<Context: RequestContext>: RouterMiddleware {
    let liveReload: LiveReload
    let folder: PublicFolder

    init(liveReload: LiveReload, publicFolder: String) {
        self.liveReload = liveReload
        folder = PublicFolder(root: publicFolder)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard request.method == .get || request.method == .head, !path.hasPrefix("/_switchboard/"), path != "/v1",
            !path.hasPrefix("/v1/")
        else {
            return try await next(request, context)
        }
        let lookup = folder.lookup(request.uri.path)
        let page: PublicFolder.File?
        if case .file(let file) = lookup, file.fileExtension == "html" { page = file } else { page = nil }
        if let failure = await liveReload.publisher.failure, page != nil || Self.wantsHTML(request) {
            return Self.html(BuildErrorPage.html(failure), status: .internalServerError, head: request.method == .head)
        }
        guard let page, let data = FileManager.default.contents(atPath: page.path) else {
            return try await next(request, context)
        }
        return Self.html(Self.inject(String(decoding: data, as: UTF8.self)), status: .ok, head: request.method == .head)
    }

    /// The page with the reload script before its last `</body>`, or at its end.
    static func inject(_ page: String) -> String {
        guard let end = page.range(of: "</body>", options: [.backwards, .caseInsensitive]) else { return page + LiveReload.script }
        return page.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: LiveReload.script)
    }

    /// A browser asking for a page: `Accept` names HTML, or the path is a folder or `.html`.
    private static func wantsHTML(_ request: Request) -> Bool {
        let path = request.uri.path
        return request.headers[.accept]?.contains("text/html") == true || path.hasSuffix("/") || path.hasSuffix(".html")
    }

    private static func html(_ text: String, status: HTTPResponse.Status, head: Bool) -> Response {
        let bytes = ByteBuffer(string: text)
        let headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-store", .contentLength: String(bytes.readableBytes),
        ]
        return Response(status: status, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: bytes))
    }
}
