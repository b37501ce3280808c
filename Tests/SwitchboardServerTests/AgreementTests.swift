import Foundation
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import Testing

@testable import SwitchboardServer

/// `GET /v1/agreement`: the published versions, the one in effect, the upcoming one, and a
/// developer's own acceptances (AGR-1, AGR-2).
@Suite("Agreement")
struct AgreementTests {
    @Test("AGR-2 anyone sees every published version with its dates and page, and which one is in effect")
    func anonymous() async throws {
        try await withAPI { api in
            let answer = try await api.get("/v1/agreement")
            #expect(answer.status == .ok)
            let versions = try #require(answer["versions"] as? [[String: Any]])
            #expect(versions.map { $0["version"] as? String } == ["1.0", "2.0"])
            #expect(versions.last?["url"] as? String == "/agreement/2.0/")
            #expect(versions.last?["title"] as? String == "Service Agreement")
            #expect(versions.last?["published"] as? String == "2026-11-20T02:00:00.000Z")
            #expect(versions.last?["effective"] as? String == "2026-11-30T16:00:00.000Z")
            #expect(answer.string("inEffect") == "2.0")
            #expect(answer["upcoming"] == nil || answer["upcoming"] is NSNull)
            #expect(answer["acceptances"] == nil || answer["acceptances"] is NSNull, "no acceptances without a developer")
        }
    }

    @Test("AGR-2 between publication and effect, the new version is upcoming and the old one in effect")
    func upcoming() async throws {
        try await withAPI(at: Moments.beforeAgreement2) { api in
            let answer = try await api.get("/v1/agreement")
            #expect(answer.string("inEffect") == "1.0")
            #expect(answer.string("upcoming") == "2.0")
        }
    }

    @Test("AGR-2 a version not yet published is not shown")
    func unpublished() async throws {
        try await withAPI(at: Moments.parse("2026-11-15T00:00:00+08:00")) { api in
            let answer = try await api.get("/v1/agreement")
            let versions = try #require(answer["versions"] as? [[String: Any]])
            #expect(versions.map { $0["version"] as? String } == ["1.0"])
            #expect(answer.string("inEffect") == "1.0")
            #expect(answer["upcoming"] == nil || answer["upcoming"] is NSNull)
            #expect(!answer.text.contains("2.0"))
        }
    }

    @Test("AGR-1 a developer sees its own acceptances: the version clicked, when, how")
    func developerAcceptances() async throws {
        try await withAPI { api in
            let developer = try await api.developer("ada@example.com")
            let answer = try await api.get("/v1/agreement", token: developer.key)
            let acceptances = try #require(answer["acceptances"] as? [[String: Any]])
            #expect(acceptances.count == 1)
            #expect(acceptances.first?["version"] as? String == "2.0")
            #expect(acceptances.first?["method"] as? String == "clicked")
            #expect(acceptances.first?["acceptedAt"] as? String == Timestamp(api.server.clock.now).description)
        }
    }

    @Test("GET /v1/agreement with an unknown token is 401, not an anonymous answer")
    func badToken() async throws {
        try await withAPI { api in
            let answer = try await api.get("/v1/agreement", token: "sess_unknown")
            #expect(answer.status == .unauthorized)
            #expect(answer.errorCode == "invalid_credentials")
        }
    }
}
