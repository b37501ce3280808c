import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SwitchboardCore
import SwitchboardSite
import SwitchboardStore
import Testing

@testable import SwitchboardServer

/// A callback receiver on a free loopback port: answers each POST with the next scripted
/// status (200 once the script runs out) and keeps what it received.
actor CallbackReceiver {
    struct Received: Sendable {
        let headers: [String: String]
        let body: Data
        let arrivedAt: ContinuousClock.Instant
    }

    private var script: [HTTPResponse.Status]
    private(set) var received: [Received] = []

    init(script: [HTTPResponse.Status] = []) { self.script = script }

    func take(_ request: Received) -> HTTPResponse.Status {
        received.append(request)
        return script.isEmpty ? .ok : script.removeFirst()
    }

    /// Runs the receiver; `body` gets the URL to POST to. Header names are kept lowercased.
    func serve(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let status = await self.take(Received(headers: headers, body: Data(buffer: bytes), arrivedAt: .now))
            return Response(status: status)
        }
        var logger = Logger(label: "receiver")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        try await app.test(.live) { client in
            guard let port = client.port else { throw HarnessError("the receiver has no port") }
            try await body("http://127.0.0.1:\(port)/hook")
        }
    }
}

/// A platform over a data folder that outlives it (to restart on the same data).
struct WebhookWorld {
    let directory: URL
    let secret = "whsec_testsecret0123456789"
    let clock = TestClock(Moments.standard)

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-webhooks-\(UUID().uuidString)")
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    func open() async throws -> (FileStore, Platform) {
        let clock = self.clock
        let facts = try await SiteFacts.load(site: TestServer.fixtureSite, now: clock.now)
        var settings = OperatorConfig(siteConfig: facts.config)
        settings.bcryptCost = 4
        let store = try await FileStore.open(
            StoreConfiguration(directory: directory.path, createIfMissing: true, clock: { Timestamp(clock.now) }))
        let platform = try Platform(store: store, settings: settings, adminToken: nil, site: { facts }, clock: { clock.now })
        return (store, platform)
    }

    /// An account with the secret and `url` as its callback URL, and one SMS of it, queued.
    func seed(_ store: FileStore, url: String) async throws -> Send {
        let now = Timestamp(clock.now)
        _ = try await store.createAccount(
            Account(
                id: "acc_hook", email: "hook@example.com", entityType: .individual, profile: AccountProfile(displayName: "Hook"),
                callbackURL: url, signingSecret: secret, createdAt: now))
        let send = Send(
            id: "sms_hook", accountId: "acc_hook", channel: .sms, to: "+8613800138000", body: "【Acme】hi", segments: 1,
            price: .zero, createdAt: now, statusHistory: [StatusChange(status: .queued, at: now)])
        try await store.commit(StoreTransaction(sends: [send]))
        return send
    }
}

private let webhookTestLogger: Logger = {
    var logger = Logger(label: "webhook-test")
    logger.logLevel = .critical
    return logger
}()

/// Waits (up to 10 s) until `condition` holds.
private func untilDelivered(_ condition: @Sendable () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw HarnessError("timed out waiting")
}

/// Runs the dispatcher while `body` runs.
private func withDispatcher(
    _ platform: Platform, settings: WebhookSettings, _ body: @Sendable (WebhookDispatcher) async throws -> Void
) async throws {
    let dispatcher = WebhookDispatcher(platform: platform, settings: settings, logger: webhookTestLogger)
    let task = Task { try await dispatcher.run() }
    defer { task.cancel() }
    try await body(dispatcher)
    task.cancel()
    _ = await task.result
}

@Suite("Webhooks")
struct WebhookTests {
    static let fast = WebhookSettings(backoffBase: .milliseconds(40), timeout: .seconds(2), sweepInterval: .milliseconds(100))

    @Test("A status change is POSTed as signed JSON and the attempt recorded")
    func signedPost() async throws {
        let world = WebhookWorld()
        defer { world.remove() }
        let receiver = CallbackReceiver()
        try await receiver.serve { url in
            let (store, platform) = try await world.open()
            let send = try await world.seed(store, url: url)
            try await withDispatcher(platform, settings: Self.fast) { dispatcher in
                let desk = CarrierDesk(platform: platform, logger: webhookTestLogger, webhooks: dispatcher)
                let sentAt = Timestamp(world.clock.now).adding(seconds: 1)
                try await desk.handle(.status(sendId: send.id, change: StatusChange(status: .sent, at: sentAt)))
                try await untilDelivered { try await store.webhookAttempts(sendId: send.id).contains { $0.delivered } }

                let received = await receiver.received
                #expect(received.count == 1)
                let request = try #require(received.first)
                let expected = HMAC<SHA256>.authenticationCode(for: request.body, using: SymmetricKey(data: Data(world.secret.utf8)))
                #expect(request.headers["switchboard-signature"] == "sha256=" + expected.map { String(format: "%02x", $0) }.joined())
                #expect(request.headers["content-type"] == "application/json")
                let json = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
                let data = try #require(json["data"] as? [String: Any])
                #expect(json["type"] as? String == "sms.status")
                #expect((json["id"] as? String)?.hasPrefix("evt_") == true)
                #expect(request.headers["switchboard-event-id"] == json["id"] as? String)
                #expect(data["id"] as? String == send.id)
                #expect(data["status"] as? String == "sent")
                #expect(data["at"] as? String == sentAt.description)
                #expect(data["to"] as? String == "+8613800138000")
                #expect(data["currency"] as? String == "CNY")
                #expect(data["price"] != nil)

                let attempts = try await store.webhookAttempts(sendId: send.id)
                #expect(attempts.map(\.attempt) == [0, 1])
                #expect(attempts.last?.statusCode == 200)
                #expect(try await store.pendingWebhooks().isEmpty)
            }
            try await store.close()
        }
    }

    @Test("500, 500, then 200: three attempts recorded, waiting longer each time")
    func retriesWithBackoff() async throws {
        let world = WebhookWorld()
        defer { world.remove() }
        let receiver = CallbackReceiver(script: [.internalServerError, .internalServerError])
        try await receiver.serve { url in
            let (store, platform) = try await world.open()
            let send = try await world.seed(store, url: url)
            try await withDispatcher(platform, settings: Self.fast) { dispatcher in
                let desk = CarrierDesk(platform: platform, logger: webhookTestLogger, webhooks: dispatcher)
                try await desk.handle(.status(sendId: send.id, change: StatusChange(status: .sent, at: Timestamp(world.clock.now))))
                try await untilDelivered { try await store.webhookAttempts(sendId: send.id).contains { $0.delivered } }
            }
            let attempts = try await store.webhookAttempts(sendId: send.id)
            #expect(attempts.map(\.attempt) == [0, 1, 2, 3])
            #expect(attempts.map(\.statusCode) == [nil, 500, 500, 200])
            #expect(attempts.map(\.delivered) == [false, false, false, true])
            #expect(Set(attempts.map(\.eventId)).count == 1)
            // The recorded waits double: 40 ms, then 80 ms.
            let waits = attempts[1...2].compactMap { record in
                record.nextAttemptAt.map { $0.millisecondsSince1970 - record.at.millisecondsSince1970 }
            }
            #expect(waits == [40, 80])
            let arrivals = await receiver.received.map(\.arrivedAt)
            #expect(arrivals.count == 3)
            if arrivals.count == 3 {
                let first = arrivals[0].duration(to: arrivals[1])
                let second = arrivals[1].duration(to: arrivals[2])
                #expect(first >= .milliseconds(40))
                // At least the recorded waits (more under load, so their order is not compared).
                #expect(second >= .milliseconds(80))
            }
            let bodies = Set(await receiver.received.map(\.body))
            #expect(bodies.count == 1, "every attempt sends the same event")
            try await store.close()
        }
    }

    @Test("A delivery pending when the server stopped is resumed after a restart")
    func resumesAfterRestart() async throws {
        let world = WebhookWorld()
        defer { world.remove() }
        let receiver = CallbackReceiver()
        try await receiver.serve { url in
            // First run: the change is recorded, but no dispatcher runs (the server stopped).
            let (store, platform) = try await world.open()
            let send = try await world.seed(store, url: url)
            try await CarrierDesk(platform: platform, logger: webhookTestLogger).handle(
                .status(sendId: send.id, change: StatusChange(status: .sent, at: Timestamp(world.clock.now))))
            #expect(try await store.pendingWebhooks().count == 1)
            try await store.close()
            #expect(await receiver.received.isEmpty)

            // Second run: the dispatcher finds the event in the store and delivers it.
            let (reopened, restarted) = try await world.open()
            #expect(try await reopened.pendingWebhooks().count == 1)
            try await withDispatcher(restarted, settings: Self.fast) { _ in
                try await untilDelivered { try await reopened.webhookAttempts(sendId: send.id).contains { $0.delivered } }
            }
            #expect(await receiver.received.count == 1)
            #expect(try await reopened.pendingWebhooks().isEmpty)
            try await reopened.close()
            #expect(DataChecker.check(directory: world.directory.path).problems.isEmpty)
        }
    }

    @Test("An event is given up after the last attempt, and a URL that is not http(s) at once")
    func givesUp() async throws {
        let world = WebhookWorld()
        defer { world.remove() }
        let receiver = CallbackReceiver(script: Array(repeating: .serviceUnavailable, count: 10))
        try await receiver.serve { url in
            let (store, platform) = try await world.open()
            let send = try await world.seed(store, url: url)
            let settings = WebhookSettings(maximumAttempts: 3, backoffBase: .milliseconds(10), sweepInterval: .milliseconds(100))
            try await withDispatcher(platform, settings: settings) { dispatcher in
                let desk = CarrierDesk(platform: platform, logger: webhookTestLogger, webhooks: dispatcher)
                try await desk.handle(.status(sendId: send.id, change: StatusChange(status: .sent, at: Timestamp(world.clock.now))))
                try await untilDelivered { try await store.webhookAttempts(sendId: send.id).count == 4 }
                try await Task.sleep(for: .milliseconds(100))
            }
            let attempts = try await store.webhookAttempts(sendId: send.id)
            #expect(attempts.count == 4)
            #expect(attempts.last?.nextAttemptAt == nil && attempts.last?.delivered == false)
            #expect(try await store.pendingWebhooks().isEmpty)
            #expect(await receiver.received.count == 3)
            #expect(!WebhookEvent.isDeliverable("ftp://example.com/hook") && !WebhookEvent.isDeliverable("http:///nohost"))
            #expect(WebhookEvent.isDeliverable("https://example.com/hook"))
            try await store.close()
        }
    }

    @Test("An SMS sent through the API with a callbackUrl has each carrier status POSTed, signed with the account's secret")
    func endToEnd() async throws {
        let receiver = CallbackReceiver()
        try await receiver.serve { url in
            try await TestServer.run(configure: {
                $0.carrier.delayMilliseconds = 5
                $0.carrier.deliveryRate = 1
                $0.carrier.failureRate = 0
            }) { server in
                let dispatcher = WebhookDispatcher(platform: server.platform, settings: Self.fast, logger: webhookTestLogger)
                let desk = CarrierDesk(platform: server.platform, logger: webhookTestLogger, webhooks: dispatcher)
                let tasks = [Task { try await dispatcher.run() }, Task { try await desk.run() }]
                defer { for task in tasks { task.cancel() } }
                try await server.test { api in
                    let ada = try await api.developer("ada@example.com")
                    try await api.grant("sms", to: ada)
                    try await api.topUp(ada.id, amount: "10.00", reference: "pay_hook")
                    let sent = try await api.post(
                        "/v1/sms", ["to": "+8613800138000", "body": "hello", "callbackUrl": url], token: ada.key)
                    #expect(sent.status == .created, "\(sent)")
                    let id = try #require(sent.string("id"))
                    try await untilDelivered { await receiver.received.count >= 2 }
                    let secret = try #require(try await api.get("/v1/webhooks/secret", token: ada.session).string("signingSecret"))
                    var statuses: [String] = []
                    for request in await receiver.received {
                        let code = HMAC<SHA256>.authenticationCode(for: request.body, using: SymmetricKey(data: Data(secret.utf8)))
                        #expect(request.headers["switchboard-signature"] == "sha256=" + code.map { String(format: "%02x", $0) }.joined())
                        let json = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
                        let data = try #require(json["data"] as? [String: Any])
                        #expect(data["id"] as? String == id)
                        statuses.append(data["status"] as? String ?? "")
                    }
                    #expect(Set(statuses) == ["sent", "delivered"])
                    try await untilDelivered {
                        try await api.get("/v1/sms/\(id)/callbacks", token: ada.key).list.filter { $0["state"] as? String == "delivered" }
                            .count == 2
                    }
                }
                for task in tasks { task.cancel() }
                for task in tasks { _ = await task.result }
            }
        }
    }

    @Test("The callbacks of a send are listed to its account only; the secret needs a session")
    func routes() async throws {
        try await withAPI { api in
            let ada = try await api.developer("ada@example.com")
            let bob = try await api.developer("bob@example.com", name: "Bob Brown")
            let store = api.server.store
            let now = Timestamp(api.server.clock.now)
            let send = Send(
                id: "sms_ada", accountId: ada.id, channel: .sms, to: "+8613800138000", body: "hi", segments: 1, price: .zero,
                createdAt: now, statusHistory: [StatusChange(status: .queued, at: now)])
            try await store.commit(StoreTransaction(sends: [send]))
            let event = WebhookAttempt(
                eventId: "evt_ada", sendId: send.id, accountId: ada.id, url: "https://example.com/hook", attempt: 0, at: now,
                createdAt: now, status: .sent, statusAt: now, nextAttemptAt: now)
            try await store.recordStatus(sendId: send.id, StatusChange(status: .sent, at: now), webhooks: [event])
            try await store.recordWebhookAttempt(
                event.next(at: now, statusCode: 503, delivered: false, nextAttemptAt: now.adding(seconds: 2)))

            let listed = try await api.get("/v1/sms/sms_ada/callbacks", token: ada.key)
            #expect(listed.status == .ok)
            #expect(listed.list.map { $0["state"] as? String } == ["queued", "retrying"])
            #expect(listed.list.last?["statusCode"] as? Int == 503)
            #expect(try await api.get("/v1/sms/sms_ada/callbacks", token: bob.key).status == .notFound)
            #expect(try await api.get("/v1/calls/sms_ada/callbacks", token: ada.key).status == .notFound)
            #expect(try await api.get("/v1/sms/sms_ada/callbacks").status == .unauthorized)

            let secret = try await api.get("/v1/webhooks/secret", token: ada.session)
            #expect(secret.status == .ok)
            let first = try #require(secret.string("signingSecret"))
            #expect(first.hasPrefix("whsec_"))
            #expect(try await api.get("/v1/webhooks/secret", token: ada.key).status == .forbidden)
            let rotated = try await api.post("/v1/webhooks/secret/rotate", token: ada.session)
            #expect(rotated.status == .ok)
            #expect(rotated.string("signingSecret")?.hasPrefix("whsec_") == true && rotated.string("signingSecret") != first)
            #expect(try await api.get("/v1/webhooks/secret", token: ada.session).string("signingSecret") == rotated.string("signingSecret"))
            #expect(try await api.post("/v1/webhooks/secret/rotate", token: ada.key).status == .forbidden)
        }
    }
}
