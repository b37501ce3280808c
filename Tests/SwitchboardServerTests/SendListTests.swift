import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
import SwitchboardSite
import Testing

@testable import SwitchboardServer

/// `GET /v1/sms` and `/v1/calls` (PLAT-2): newest first, filtered by status, recipient and
/// creation time (`from` inclusive, `until` exclusive), paged with `limit` and `startingAfter`.
@Suite("Sending: lists")
struct SendListTests {
    /// Five SMS a minute apart (to three numbers; the second delivered, the fourth failed) and
    /// one call; answers the developer, the SMS ids oldest first and their creation times.
    static func fiveSMS(_ api: API) async throws -> (Developer, [String], [String]) {
        let developer = try await api.sender("lists@example.com", capabilities: ["sms", "voice"])
        let desk = CarrierDesk(platform: api.server.platform, logger: TestServer.quietLogger)
        var ids: [String] = []
        var times: [String] = []
        for index in 0..<5 {
            let answer = try await api.sms(developer, to: "+861390000070\(index % 3)", body: "list \(index)")
            let id = try #require(answer.string("id"), "\(answer)")
            ids.append(id)
            times.append(try #require(answer.string("createdAt")))
            let now = Timestamp(api.server.clock.now)
            if index == 1 {
                try await desk.handle(.status(sendId: id, change: StatusChange(status: .sent, at: now)))
                try await desk.handle(.status(sendId: id, change: StatusChange(status: .delivered, at: now)))
            }
            if index == 3 { try await desk.handle(.status(sendId: id, change: StatusChange(status: .failed, at: now))) }
            api.server.clock.advance(seconds: 61)
        }
        _ = try await api.call(developer, to: "+8613900000710")
        return (developer, ids, times)
    }

    static func ids(_ answer: Answer) -> [String] { answer.list.compactMap { $0["id"] as? String } }

    @Test("PLAT-2 the list is newest first, SMS only, each with its status; filters by status and recipient")
    func filters() async throws {
        try await withAPI { api in
            let (developer, ids, _) = try await Self.fiveSMS(api)
            let all = try await api.get("/v1/sms", token: developer.key)
            #expect(all.status == .ok)
            #expect(Self.ids(all) == ids.reversed(), "newest first, no call")
            #expect(all["hasMore"] as? Bool == false)
            #expect(Self.ids(try await api.get("/v1/sms?status=delivered", token: developer.key)) == [ids[1]])
            #expect(Self.ids(try await api.get("/v1/sms?status=failed", token: developer.key)) == [ids[3]])
            #expect(Self.ids(try await api.get("/v1/sms?status=queued", token: developer.key)) == [ids[4], ids[2], ids[0]])
            #expect(Self.ids(try await api.get("/v1/sms?to=%2B8613900000700", token: developer.key)) == [ids[3], ids[0]])
            #expect(Self.ids(try await api.get("/v1/calls", token: developer.key)).count == 1)
        }
    }

    @Test("PLAT-2 'from' is inclusive and 'until' exclusive")
    func timeRange() async throws {
        try await withAPI { api in
            let (developer, ids, times) = try await Self.fiveSMS(api)
            let range = try await api.get("/v1/sms?from=\(times[1])&until=\(times[3])", token: developer.key)
            #expect(range.status == .ok, "\(range)")
            #expect(Self.ids(range) == [ids[2], ids[1]])
        }
    }

    @Test("PLAT-2 pages of 'limit' continue with 'startingAfter' without gaps or repeats")
    func paging() async throws {
        try await withAPI { api in
            let (developer, ids, _) = try await Self.fiveSMS(api)
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await api.get("/v1/sms?limit=2" + (cursor.map { "&startingAfter=\($0)" } ?? ""), token: developer.key)
                #expect(page.status == .ok)
                seen += Self.ids(page)
                pages += 1
                cursor = page["hasMore"] as? Bool == true ? Self.ids(page).last : nil
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(seen == ids.reversed())
            let filtered = try await api.get("/v1/sms?status=queued&limit=1&startingAfter=\(ids[4])", token: developer.key)
            #expect(Self.ids(filtered) == [ids[2]])
            #expect(filtered["hasMore"] as? Bool == true)
        }
    }

    @Test(
        "PLAT-2 a bad status, time or limit is 400",
        arguments: ["status=sending", "from=yesterday", "until=2026-13-01", "limit=0", "limit=abc", "limit=100000"])
    func badQuery(_ query: String) async throws {
        try await withAPI { api in
            let developer = try await api.sender("badlist@example.com")
            let answer = try await api.get("/v1/sms?\(query)", token: developer.key)
            #expect(answer.status == .badRequest, "\(answer)")
            #expect(answer.isErrorShape)
            #expect(try await api.get("/v1/calls?\(query)", token: developer.key).status == .badRequest)
        }
    }
}
