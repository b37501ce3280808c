import Foundation
import Hummingbird
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real `switchboard serve` over real HTTP: a developer's first day, then a clean shutdown.
@Suite("End to end: switchboard serve")
struct EndToEndTests {
    /// The built `switchboard` binary: next to the test bundle, else in the package's `.build/debug`.
    static let binary: URL? = {
        var candidates: [URL] = []
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        candidates.append(exe.deletingLastPathComponent().appendingPathComponent("switchboard"))
        if let main = Bundle.main.executableURL {
            candidates.append(main.deletingLastPathComponent().appendingPathComponent("switchboard"))
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("switchboard"))
        candidates.append(TestServer.packageRoot.appendingPathComponent(".build/debug/switchboard"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    @Test(
        "Registration → login → API key → capability application → operator approval → top-up over real HTTP; SIGTERM exits 0",
        .enabled(if: binary != nil, "the switchboard binary is not built (swift build); nothing to start"),
        .timeLimit(.minutes(3)))
    func developerFirstDay() async throws {
        let binary = try #require(Self.binary)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let data = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestServer.fixtureSite, to: site)
        try Data("bcryptCost: 4\n".utf8).write(to: site.appendingPathComponent("operator.yaml"))
        let port = try Self.freePort()
        let adminToken = "e2e-admin-token-0123456789abcdefghij"

        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "serve", "--site", site.path, "--data", data.path, "--host", "127.0.0.1", "--port", "\(port)",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["SWITCHBOARD_ADMIN_TOKEN"] = adminToken
        process.environment = environment
        let log = root.appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let http = HTTP(base: "http://127.0.0.1:\(port)")
        var ready = false
        for _ in 0..<600 where process.isRunning {
            if let answer = try? await http.request("GET", "/v1/prices"), answer.status == 200 {
                ready = true
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let serveLog = { String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self) }
        try #require(ready, "switchboard serve did not answer: \(serveLog())")

        let portal = try await http.request("GET", "/")
        #expect(portal.status == 200, "the portal is built and served")
        #expect(portal.headers["content-type"]?.hasPrefix("text/html") == true)

        let agreement = try await http.request("GET", "/v1/agreement")
        let version = try #require(agreement.json["inEffect"] as? String)

        let registered = try await http.request(
            "POST", "/v1/accounts",
            json: [
                "name": "Grace Hopper", "email": "grace@example.com", "password": "correct horse battery", "phone": "+8613800138000",
                "entityType": "individual", "acceptAgreement": version,
            ])
        #expect(registered.status == 201, "\(registered.text)")
        let accountId = try #require(registered.json["id"] as? String)

        let login = try await http.request(
            "POST", "/v1/sessions", json: ["email": "grace@example.com", "password": "correct horse battery"])
        #expect(login.status == 201)
        let session = try #require(login.json["token"] as? String)

        let created = try await http.request("POST", "/v1/api-keys", token: session)
        #expect(created.status == 201)
        let key = try #require(created.json["key"] as? String)

        let me = try await http.request("GET", "/v1/account", token: key)
        #expect(me.json["id"] as? String == accountId)

        let applied = try await http.request(
            "POST", "/v1/account/capabilities", json: ["capability": "sms", "acceptTerms": version], token: key)
        #expect(applied.status == 201)
        #expect(applied.json["status"] as? String == "pending")

        let approved = try await http.request("POST", "/v1/admin/accounts/\(accountId)/capabilities/sms/approve", token: adminToken)
        #expect(approved.status == 200)
        let capabilities = try await http.request("GET", "/v1/account/capabilities", token: key)
        #expect((capabilities.json["data"] as? [[String: Any]])?.first?["status"] as? String == "approved")

        let topUp = try await http.request(
            "POST", "/v1/admin/accounts/\(accountId)/top-ups", json: ["amount": "100.00", "method": "alipay", "reference": "e2e-1"],
            token: adminToken)
        #expect(topUp.status == 201)
        let replay = try await http.request(
            "POST", "/v1/admin/accounts/\(accountId)/top-ups", json: ["amount": "100.00", "method": "alipay", "reference": "e2e-1"],
            token: adminToken)
        #expect(replay.status == 200)

        let balance = try await http.request("GET", "/v1/balance", token: key)
        #expect(balance.status == 200)
        #expect(balance.json["balance"] as? String == "100.0000")
        #expect(balance.json["currency"] as? String == "CNY")

        let unknown = try await http.request("GET", "/v1/nothing-here")
        #expect(unknown.status == 404)
        #expect((unknown.json["error"] as? [String: Any])?["code"] as? String == "not_found")

        // SIGTERM: a graceful shutdown that exits 0 within a few seconds.
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning, "switchboard serve is still running 10 s after SIGTERM")
        if !process.isRunning {
            #expect(process.terminationReason == .exit, "\(serveLog())")
            #expect(process.terminationStatus == 0, "\(serveLog())")
        }
        try? logHandle.close()
        // The data folder is left consistent and unlocked: the top-up is on disk once.
        let journal = try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent("journal").path)
        #expect(!journal.isEmpty)
    }

    /// A TCP port nothing listens on now, from the kernel.
    static func freePort() throws -> Int {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw HarnessError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw HarnessError("bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw HarnessError("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A small HTTP client over URLSession for the end-to-end test.
struct HTTP: Sendable {
    let base: String

    struct Answer: Sendable {
        let status: Int
        /// Header names in lowercase.
        let headers: [String: String]
        let body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    func request(_ method: String, _ path: String, json: [String: Any]? = nil, token: String? = nil) async throws -> Answer {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.timeoutInterval = 10
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let sendable = request
        return try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: sendable) { data, response, error in
                if let error { return continuation.resume(throwing: error) }
                guard let response = response as? HTTPURLResponse else {
                    return continuation.resume(throwing: HarnessError("no HTTP response"))
                }
                var headers: [String: String] = [:]
                for (name, value) in response.allHeaderFields {
                    if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
                }
                continuation.resume(returning: Answer(status: response.statusCode, headers: headers, body: data ?? Data()))
            }.resume()
        }
    }
}
