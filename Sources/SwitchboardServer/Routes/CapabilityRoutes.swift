import Foundation
import Hummingbird
import SwitchboardCore

/// `/v1/account/capabilities`: apply for `sms` or `voice`, accepting the agreement version in
/// effect; the operator decides (CAP-1).
struct CapabilityRoutes {
    let platform: Platform

    func add(to group: RouterGroup<APIRequestContext>) {
        group.post("account/capabilities", use: apply)
        group.get("account/capabilities", use: list)
    }

    @Sendable func apply(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developer()
        let body = try await RequestBody.read(request, limit: platform.settings.maxRequestBytes, allowed: ["capability", "acceptTerms"])
        let capability = try body.requiredChoice("capability", Capability.self)
        let terms = try body.string("acceptTerms", required: false, maxLength: 64)
        return try await Idempotency(platform: platform).run(request, context: context, accountId: account.id, body: body) {
            let now = platform.now()
            guard let inEffect = await platform.site().agreementInEffect(at: now.date)?.version else {
                throw APIError(.serviceUnavailable, "no_agreement", "No agreement version is in effect yet.")
            }
            guard terms == inEffect else {
                throw APIError(
                    .unprocessableContent, "agreement_not_accepted",
                    "Accept the terms in effect by sending \"acceptTerms\": \"\(inEffect)\".", field: "acceptTerms")
            }
            guard account.status == .active else {
                throw APIError(
                    .forbidden, "account_\(account.status.rawValue)", "A \(account.status.rawValue) account cannot apply for capabilities.")
            }
            let application = CapabilityApplication(capability: capability, termsVersion: inEffect, appliedAt: now)
            let updated = try await platform.store.updateAccount(id: account.id) { account in
                if let existing = account.capabilities.last(where: { $0.capability == capability }), existing.decision != .rejected {
                    throw APIError(
                        .conflict, "capability_\(existing.decision.rawValue)",
                        "The \(capability.rawValue) capability is \(existing.decision.rawValue) already.", field: "capability")
                }
                account.capabilities.append(application)
            }
            let view = updated.capabilities.last(where: { $0.capability == capability }).map(AccountView.CapabilityView.init)
            return (.created, try JSONResponse.data(view))
        }
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.developer()
        return try JSONResponse.response(.ok, ListView(account.capabilities.map(AccountView.CapabilityView.init)))
    }
}
