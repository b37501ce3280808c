import Foundation
import SwitchboardCore
import SwitchboardSite
import SwitchboardStore

/// What every request handler, the `admin` command and the jobs act on: the store, the site's
/// facts (prices, agreement versions, maintenance windows) as last built, the operator's
/// configuration and the clock. One instance per server or command run.
public final class Platform: Sendable {
    public let store: any Store
    let settings: OperatorConfig
    /// The operator's bearer token; `nil` turns the operator API off.
    let adminToken: String?
    let passwords: PasswordHasher
    let loginThrottle: LoginThrottle
    /// The operator's prohibited words and patterns (USE-1).
    let contentPolicy: ContentPolicy
    /// Where sends go: the built-in simulator unless another carrier is given.
    public let carrier: any Carrier
    let recentSends: RecentSends
    let packageLedger: PackageLedger
    let sendsInFlight = SendsInFlight()
    /// One change of an account's money or standing at a time where the store alone cannot
    /// tell (package segments, termination settlements, top-ups).
    let accountLock = KeyedLock()
    /// One request per idempotency key at a time.
    let idempotencyLock = KeyedLock()
    private let facts: @Sendable () async -> SiteFacts
    private let clock: @Sendable () -> Date

    /// - Parameters:
    ///   - site: the site's facts as currently published; the server passes its publisher's, which
    ///     rebuilds at each scheduled moment.
    ///   - clock: injected so tests can stand at any moment.
    ///   - carrier: where sends go; the simulator configured in `operator.yaml` by default.
    /// - Throws: a content policy pattern that does not compile (`OperatorConfig.load` refuses them first).
    public init(
        store: any Store, settings: OperatorConfig, adminToken: String?, site: @escaping @Sendable () async -> SiteFacts,
        clock: @escaping @Sendable () -> Date = Date.init, carrier: (any Carrier)? = nil
    ) throws(ContentPolicy.InvalidPattern) {
        self.store = store
        self.settings = settings
        self.adminToken = adminToken
        self.passwords = PasswordHasher(cost: UInt8(settings.bcryptCost))
        self.loginThrottle = LoginThrottle(
            perAccount: settings.loginAttempts.perAccount, perAddress: settings.loginAttempts.perAddress,
            window: .seconds(settings.loginAttempts.windowMinutes * 60))
        self.contentPolicy = try ContentPolicy(words: settings.contentPolicy.words, patterns: settings.contentPolicy.patterns)
        self.carrier =
            carrier
            ?? CarrierSimulator(
                seed: settings.carrier.seed, delay: .milliseconds(settings.carrier.delayMilliseconds),
                deliveryRate: settings.carrier.deliveryRate, failureRate: settings.carrier.failureRate,
                noAnswerRate: settings.carrier.noAnswerRate, clock: clock)
        self.recentSends = RecentSends(store: store)
        self.packageLedger = PackageLedger(store: store)
        self.facts = site
        self.clock = clock
    }

    /// Now, to the millisecond, as records carry it.
    func now() -> Timestamp { Timestamp(clock()) }

    /// The site's facts as currently published.
    func site() async -> SiteFacts { await facts() }
}
