import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchboardCore
import SwitchboardSite
import Testing

@testable import SwitchboardServer

/// SPEC "Messages and calls": a developer's callback URL receives each status change as a
/// signed POST. A real HTTP receiver on 127.0.0.1 records what arrives.
@Suite("Carrier: status callbacks")
struct CallbackTests {
    struct Received: Sendable {
        let headers: HTTPFields
        let body: String
    }

    @Test("PLAT-2 each status change of an SMS with a callbackUrl is POSTed to it, with a signature header")
    func statusChangesArePosted() async throws {
        let received = TestLocked<[Received]>([])
        let router = Router()
        router.post("hook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            received.withLock { $0.append(Received(headers: request.headers, body: String(buffer: body))) }
            return .ok
        }
        let receiver = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await receiver.test(.live) { hook in
            let port = try #require(hook.port)
            // The receiver answers over real HTTP on that port.
            try await hook.execute(uri: "/hook", method: .post, body: ByteBuffer(string: "probe")) { response in
                #expect(response.status == .ok)
            }
            #expect(received.withLock { $0.map(\.body) } == ["probe"])
            received.withLock { $0.removeAll() }
            try await withDeskAPI(configure: TestServer.fastCarrier(deliveryRate: 1)) { api in
                let developer = try await api.sender("hook@example.com")
                let sent = try await api.post(
                    "/v1/sms", ["to": "+8613900000900", "body": "call me back", "callbackUrl": "http://127.0.0.1:\(port)/hook"],
                    token: developer.key)
                #expect(sent.status == .created, "\(sent)")
                let id = try #require(sent.string("id"))
                _ = try await api.waitForFinal("/v1/sms/\(id)", developer)
                let arrived = try? await api.waitUntil("two callbacks arrived", timeout: .seconds(3)) {
                    received.withLock { $0.count } >= 2
                }
                let posts = received.withLock { $0 }
                #expect(arrived != nil, "no callback arrived for \(id) (got \(posts.count))")
                #expect(posts.allSatisfy { $0.body.contains(id) })
                #expect(posts.contains { $0.body.contains("delivered") })
                let headerNames = posts.first.map { $0.headers.map(\.name.rawName.localizedLowercase) } ?? []
                #expect(headerNames.contains { $0.contains("signature") }, "signed: \(headerNames)")
            }
        }
    }
}
