import Foundation
import Hummingbird
import SwitchboardCore

/// `/v1/admin/…`: the operator's API, behind the admin token. The same actions as
/// `switchboard admin`, through the same `Backoffice`.
struct AdminRoutes {
    let platform: Platform
    private var backoffice: Backoffice { Backoffice(platform: platform) }

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("admin/accounts", use: list)
        group.get("admin/accounts/:id", use: show)
        group.post("admin/accounts/:id/capabilities/:capability/:decision", use: decide)
        group.post("admin/accounts/:id/top-ups", use: topUp)
        group.post("admin/accounts/:id/:action", use: changeStatus)
        group.post("admin/jobs/run", use: runJobs)
        group.post("admin/carrier/replies", use: injectReply)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireOperator()
        let query = request.uri.queryParameters
        let status = try query.get("status").map { (text: String) -> AccountStatus in
            guard let status = AccountStatus(rawValue: text) else {
                throw APIError.invalidField(
                    "status", "'status' must be one of \(AccountStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return status
        }
        let limit = try Pagination.limit(query.get("limit"))
        let found = try await backoffice.accounts(
            matching: query.get("query"), status: status, pendingOnly: query.get("pending") == "true",
            startingAfter: query.get("startingAfter"), limit: limit)
        var views: [OperatorAccountView] = []
        for account in found.accounts { views.append(try await backoffice.view(account)) }
        return try JSONResponse.response(.ok, ListView(views, hasMore: found.hasMore))
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireOperator()
        return try JSONResponse.response(.ok, try await backoffice.view(try await backoffice.account(try context.parameters.require("id"))))
    }

    @Sendable func decide(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireOperator()
        let body = try await RequestBody.read(request, limit: platform.settings.maxRequestBytes, allowed: ["note"])
        let id = try context.parameters.require("id")
        guard let capability = Capability(rawValue: try context.parameters.require("capability")) else {
            throw APIError.notFound("Capability \(try context.parameters.require("capability"))")
        }
        let approve: Bool
        switch try context.parameters.require("decision") {
        case "approve": approve = true
        case "reject": approve = false
        default: throw APIError.notFound("Route \(request.uri.path)")
        }
        let account = try await backoffice.decide(
            accountId: id, capability: capability, approve: approve, note: try body.string("note", required: false, maxLength: 500))
        return try JSONResponse.response(.ok, try await backoffice.view(account))
    }

    @Sendable func topUp(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireOperator()
        let body = try await RequestBody.read(
            request, limit: platform.settings.maxRequestBytes, allowed: ["amount", "method", "reference"])
        let amount = try body.money("amount", maxDecimals: 2) ?? .zero
        let topUp = try await backoffice.topUp(
            accountId: try context.parameters.require("id"), amount: amount, method: try body.requiredString("method", maxLength: 40),
            reference: try body.requiredString("reference", maxLength: 128))
        return try JSONResponse.response(topUp.created ? .created : .ok, TopUpView(topUp))
    }

    @Sendable func changeStatus(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireOperator()
        let body = try await RequestBody.read(request, limit: platform.settings.maxRequestBytes, allowed: ["reason", "eraseData"])
        guard let action = Backoffice.StatusAction(rawValue: try context.parameters.require("action")) else {
            throw APIError.notFound("Route \(request.uri.path)")
        }
        let eraseData = try body.bool("eraseData") ?? false
        if eraseData, action != .terminate {
            throw APIError.invalidField("eraseData", "'eraseData' applies to terminate only.")
        }
        let account = try await backoffice.apply(
            action, accountId: try context.parameters.require("id"), reason: try body.string("reason", required: false, maxLength: 500),
            eraseData: eraseData)
        return try JSONResponse.response(.ok, try await backoffice.view(account))
    }

    struct JobsView: Encodable {
        let recycledAccounts: [String]
        let deemedAcceptances: Int
        let forfeitedPackages: Int
        let closedBills: Int
    }

    /// Runs the jobs now (the server also runs them every hour), for cron with curl.
    @Sendable func runJobs(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireOperator()
        _ = try await RequestBody.read(request, limit: platform.settings.maxRequestBytes, allowed: [])
        let report = try await Jobs(platform: platform).run()
        return try JSONResponse.response(
            .ok,
            JobsView(
                recycledAccounts: report.recycledAccounts, deemedAcceptances: report.deemedAcceptances,
                forfeitedPackages: report.forfeitedPackages, closedBills: report.closedBills))
    }

    /// Makes the built-in simulator report a reply from a recipient, as a carrier would (STOP,
    /// 退订, START…): how to try opt-outs without a phone (USE-2).
    @Sendable func injectReply(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireOperator()
        let body = try await RequestBody.read(request, limit: platform.settings.maxRequestBytes, allowed: ["from", "text"])
        let from = try body.requiredString("from", maxLength: 32)
        let text = try body.requiredString("text", maxLength: 700)
        let number: PhoneNumber
        do {
            number = try PhoneNumber(validating: from, field: "from")
        } catch {
            throw APIError(.unprocessableContent, "invalid_number", error.message, field: "from")
        }
        guard let simulator = platform.carrier as? CarrierSimulator else {
            throw APIError(.conflict, "not_simulated", "Replies can be injected only into the built-in carrier simulator.")
        }
        simulator.injectReply(from: number.e164, text: text)
        return Response(status: .accepted)
    }
}
