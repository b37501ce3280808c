import Hummingbird
import Logging
import SwitchboardStore

/// Turns every failure under `/v1` into the API's one error shape, so a client never sees an
/// HTML page or an empty 500: unknown routes, refusals from the store and unexpected errors
/// (logged with the request, answered as `internal_error`).
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path == "/v1" || request.uri.path.hasPrefix("/v1/") else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw Self.translate(error, path: request.uri.path)
        } catch let error as StoreError {
            throw Self.translate(error, logger: context.logger)
        } catch let error as HTTPResponseError where error.status == .contentTooLarge {
            throw APIError(.contentTooLarge, "payload_too_large", "The request body is too large.")
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            throw APIError(.internalServerError, "internal_error", "Something went wrong on our side; nothing was changed.")
        }
    }

    static func translate(_ error: HTTPError, path: String) -> APIError {
        switch error.status {
        case .notFound: APIError.notFound("Route \(path)")
        case .methodNotAllowed: APIError(.methodNotAllowed, "method_not_allowed", "This route does not take that method.")
        default:
            APIError(
                error.status, error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_"),
                error.body ?? error.status.reasonPhrase)
        }
    }

    static func translate(_ error: StoreError, logger: Logger) -> APIError {
        switch error {
        case .insufficientBalance(_, let balance, let short):
            return APIError(
                HTTPResponse.Status(code: 402, reasonPhrase: "Payment Required"), "insufficient_balance",
                "The balance of \(balance) is short by \(short); top up first.")
        case .conflict(let message):
            return APIError(.conflict, "conflict", message)
        case .notFound(let message):
            return APIError(.notFound, "not_found", message)
        case .invalidRecord(let message):
            return APIError(.unprocessableContent, "invalid_record", message)
        case .idempotencyKeyUsed:
            return APIError(.conflict, "idempotency_key_reused", "This Idempotency-Key was used before.")
        case .topUpRecorded(let entry):
            return APIError(.conflict, "top_up_recorded", "This top-up reference is recorded already as \(entry.id).")
        case .locked, .damaged, .wrongSchemaVersion, .notADataDirectory, .io, .fatal, .closed:
            logger.error("store unavailable", metadata: ["error": "\(error)"])
            return APIError(
                .serviceUnavailable, "service_unavailable",
                "The service cannot store anything right now; nothing was changed. Try again shortly.",
                headers: [.retryAfter: "30"])
        }
    }
}
