import Foundation
import Hummingbird

/// Answers requests that found nothing with the portal's own `404.html`.
struct NotFoundPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let publicFolder: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let page = FileManager.default.contents(atPath: publicFolder + "/404.html") else { throw error }
            return Response(
                status: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: page)))
        }
    }
}
