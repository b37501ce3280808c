import Hummingbird
import Logging

/// One log line per request once it is answered: method, path, status and time taken. Errors
/// are logged with the status they will be answered with; query strings are left out, since
/// they may carry search terms about people.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context: context, status: response.status.code, since: started)
            return response
        } catch let error as HTTPResponseError {
            log(request, context: context, status: error.status.code, since: started)
            throw error
        } catch {
            log(request, context: context, status: 500, since: started)
            throw error
        }
    }

    private func log(_ request: Request, context: Context, status: Int, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.log(
            level: status >= 500 ? .error : .info,
            "\(request.method) \(request.uri.path) \(status) \((milliseconds * 10).rounded() / 10) ms")
    }
}
