import HummingbirdBcrypt
import NIOPosix

/// bcrypt (ACCT-4), run on NIO's thread pool so a slow hash never blocks an event loop.
struct PasswordHasher: Sendable {
    /// bcrypt's work factor: 12 in production; tests use the minimum, 4.
    let cost: UInt8
    /// A hash of nothing anyone knows, at the same cost, for `verifyNothing`.
    private let decoy: String

    init(cost: UInt8) {
        self.cost = cost
        self.decoy = Bcrypt.hash(Secrets.random(24), cost: cost)
    }

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Spends the time of a real check when there is no account, so that a login's timing does
    /// not tell whether an e-mail address is registered.
    func verifyNothing(_ password: String) async throws {
        _ = try await verify(password, hash: decoy)
    }
}
