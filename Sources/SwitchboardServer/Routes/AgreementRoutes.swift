import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardSite

/// `GET /v1/agreement`: every published version, the one in effect, the upcoming one and, for
/// a signed-in developer, the account's acceptances, clicked and by default (AGR-1, AGR-2).
struct AgreementRoutes {
    let platform: Platform

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("agreement", use: show)
    }

    struct VersionView: Encodable {
        let version: String
        let title: String
        let published: Timestamp
        let effective: Timestamp
        let url: String

        init(_ terms: AgreementTerms) {
            version = terms.version
            title = terms.title
            published = Timestamp(terms.published)
            effective = Timestamp(terms.effective)
            url = terms.url
        }
    }

    struct AcceptanceView: Encodable {
        let version: String
        let acceptedAt: Timestamp
        let method: AgreementAcceptance.Method
        let sourceAddress: String?
    }

    struct AgreementView: Encodable {
        let versions: [VersionView]
        let inEffect: String?
        let upcoming: String?
        let acceptances: [AcceptanceView]?
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let site = await platform.site()
        let now = platform.now().date
        var acceptances: [AcceptanceView]?
        if case .developer(let account, _)? = context.caller {
            acceptances = account.agreementAcceptances.map {
                AcceptanceView(version: $0.version, acceptedAt: $0.at, method: $0.method, sourceAddress: $0.sourceAddress)
            }
        }
        let published = site.agreementVersions.filter { $0.published <= now }
        return try JSONResponse.response(
            .ok,
            AgreementView(
                versions: published.map(VersionView.init), inEffect: site.agreementInEffect(at: now)?.version,
                upcoming: site.upcomingAgreement(after: now).flatMap { $0.published <= now ? $0.version : nil }, acceptances: acceptances))
    }
}
