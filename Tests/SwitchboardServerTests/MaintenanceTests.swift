import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardSite
import Testing

@testable import SwitchboardServer

/// During the fixture's maintenance window (2026-12-08 01:00–03:00 in Shanghai) sends answer 503
/// with `Retry-After` until the window's end and charge nothing; reads go on (PLAT-1).
@Suite("Maintenance window")
struct MaintenanceTests {
    static let start = Moments.parse("2026-12-08T01:00:00+08:00")
    static let end = Moments.parse("2026-12-08T03:00:00+08:00")

    @Test("PLAT-1 inside the window POST /v1/sms and /v1/calls are 503 with Retry-After to its end; nothing is charged; reads still work")
    func sendsPausedReadsGoOn() async throws {
        try await withAPI(at: Moments.duringMaintenance) { api in
            let developer = try await api.sender("maint@example.com", capabilities: ["sms", "voice"])
            let sms = try await api.sms(developer)
            #expect(sms.status == .serviceUnavailable, "\(sms)")
            #expect(sms.errorCode == "maintenance")
            #expect(sms.isErrorShape)
            #expect(sms.headers[.retryAfter] == "3600", "02:00 → 03:00")
            let call = try await api.call(developer)
            #expect(call.status == .serviceUnavailable)
            #expect(call.headers[.retryAfter] == "3600")
            let keyed = try await api.sms(developer, key: "during-maintenance")
            #expect(keyed.status == .serviceUnavailable)

            #expect(try await api.balance(developer) == "10.0000")
            #expect(try await api.ledger(developer).map(\.kind) == [.topUp])
            #expect(try await api.storedSends(developer).isEmpty)

            #expect(try await api.get("/v1/sms", token: developer.key).status == .ok)
            #expect(try await api.get("/v1/calls", token: developer.key).status == .ok)
            #expect(try await api.get("/v1/bills", token: developer.key).status == .ok)
            #expect(try await api.get("/v1/stats", token: developer.key).status == .ok)
            #expect(try await api.get("/v1/prices").status == .ok)

            api.server.clock.set(Self.end)
            let after = try await api.sms(developer, key: "during-maintenance")
            #expect(after.status == .created, "the window is over; the refused request was not stored under its key: \(after)")
        }
    }

    @Test("PLAT-1 the window's edges: a second before it sends, at its start 503 with Retry-After 7200, at its end sends again")
    func edges() async throws {
        try await withAPI(at: Self.start.addingTimeInterval(-1)) { api in
            let developer = try await api.sender("edges@example.com")
            #expect(try await api.sms(developer, to: "+8613900000900").status == .created)
            api.server.clock.set(Self.start)
            let paused = try await api.sms(developer, to: "+8613900000901")
            #expect(paused.status == .serviceUnavailable)
            #expect(paused.headers[.retryAfter] == "7200")
            api.server.clock.set(Self.end.addingTimeInterval(-0.5))
            #expect(try await api.sms(developer, to: "+8613900000902").headers[.retryAfter] == "1", "never 0")
            api.server.clock.set(Self.end)
            #expect(try await api.sms(developer, to: "+8613900000903").status == .created)
            #expect(try await api.balance(developer) == "9.9100")
        }
    }

    @Test(
        "PLAT-1 another spelling of a send path that the router accepts (a trailing or doubled slash) is paused too",
        arguments: [
            "/v1/sms/", "/v1//sms", "/v1/calls/", "//v1/calls", "/v1/%73ms", "/V1/SMS", "/v1/sms?x=1",
        ])
    func otherSpellings(_ path: String) async throws {
        try await withAPI(at: Moments.duringMaintenance) { api in
            let developer = try await api.sender("spelling@example.com", capabilities: ["sms", "voice"])
            let body: [String: Any] =
                path.contains("sms") ? ["to": "+8613900000920", "body": "x"] : ["to": "+8613900000920", "tts": "x"]
            let answer = try await api.post(path, body, token: developer.key)
            #expect(answer.status != .created, "a send got through the maintenance window by \(path): \(answer)")
            #expect([404, 503].contains(answer.status.code), "\(answer)")
            #expect(try await api.balance(developer) == "10.0000")
            #expect(try await api.storedSends(developer).isEmpty)
        }
    }

    @Test("PLAT-1 an unauthenticated send during the window is still refused (503 or 401) and nothing else is paused")
    func otherRoutes() async throws {
        try await withAPI(at: Moments.duringMaintenance) { api in
            let anonymous = try await api.post("/v1/sms", ["to": "+8613900000910", "body": "x"])
            #expect([401, 503].contains(anonymous.status.code))
            let registered = try await api.post("/v1/accounts", api.registration(email: "new@example.com"))
            #expect(registered.status == .created, "registration is not a send")
        }
    }
}
