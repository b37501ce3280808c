import Foundation
import SwitchboardCore

/// The server's settings, from the optional `operator.yaml` at the top of the site folder:
/// limits, caps, the content policy, reserved names and the carrier simulator. Every key is
/// optional; holidays stay in `site.yaml`. See docs/operator.md.
public struct OperatorConfig: Sendable, Hashable {
    /// The token of the admin API. `SWITCHBOARD_ADMIN_TOKEN` wins over it; see `resolvedAdminToken`.
    public var adminToken: String?
    public var sessionLifetimeHours = 720
    /// bcrypt's work factor for passwords (ACCT-4).
    public var bcryptCost = 12
    /// Requests with a larger body are refused.
    public var maxRequestBytes = 1_048_576
    public var loginAttempts = LoginAttempts()
    public var frequencyCaps = FrequencyCaps()
    /// Names no account may take (ACCT-3); compared by the server.
    public var reservedNames: [String]
    public var contentPolicy = ContentPolicy()
    /// Refund sends that end `undelivered` (those that end `failed` are always refunded).
    public var refundUndelivered = false
    /// An account's balance below this is reported as low, unless the account sets its own.
    public var lowBalanceThreshold = Money(microUnits: 10 * Money.scale)
    public var carrier = Carrier()
    /// Free units every account may use per price-sheet service before normal prices apply,
    /// e.g. `["sms-cn": 20]` (PRICE-3). None by default.
    public var trialAllowance: [String: Int] = [:]

    public static let fileName = "operator.yaml"
    /// The environment variable whose value wins over `adminToken`.
    public static let adminTokenVariable = "SWITCHBOARD_ADMIN_TOKEN"
    public static let minimumAdminTokenLength = 24

    /// The settings of a site without `operator.yaml`: reserved names are the site's title and
    /// company and a few names that suggest the operator.
    public init(siteConfig: SiteConfig) {
        var names: [String] = []
        for name in [siteConfig.title, siteConfig.company, "admin", "administrator", "support", "official", "system", "operator"]
        where !names.contains(name) {
            names.append(name)
        }
        reservedNames = names
    }

    /// The admin token in force: `SWITCHBOARD_ADMIN_TOKEN` when set and not empty, else `adminToken`.
    public func resolvedAdminToken(environment: [String: String]) -> String? {
        if let token = environment[Self.adminTokenVariable], !token.isEmpty { return token }
        return adminToken
    }

    /// Reads `<site>/operator.yaml` (the defaults when there is none); a file with any error
    /// throws the report, each problem as `operator.yaml:7: error: …`.
    public static func load(site: URL, siteConfig: SiteConfig) throws(CheckReport) -> OperatorConfig {
        let (config, diagnostics) = read(site: site, siteConfig: siteConfig)
        let report = CheckReport(diagnostics)
        if report.hasErrors { throw report }
        return config
    }

    /// Reads `<site>/operator.yaml`, returning the best settings and every problem found.
    static func read(site: URL, siteConfig: SiteConfig) -> (OperatorConfig, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: site.appendingPathComponent(fileName).path) else {
            return (OperatorConfig(siteConfig: siteConfig), [])
        }
        guard let text = String(validatingUTF8Data: data) else {
            return (OperatorConfig(siteConfig: siteConfig), [Diagnostic(path: fileName, line: 0, "file is not valid UTF-8")])
        }
        return parse(text, siteConfig: siteConfig)
    }

    /// Reads `operator.yaml` text; unknown keys are errors.
    static func parse(_ yaml: String, siteConfig: SiteConfig) -> (OperatorConfig, [Diagnostic]) {
        var config = OperatorConfig(siteConfig: siteConfig)
        let blank = yaml.split(whereSeparator: \.isNewline).allSatisfy { line in
            line.allSatisfy(\.isWhitespace) || line.drop(while: \.isWhitespace).hasPrefix("#")
        }
        guard !blank else { return (config, []) }
        let reader: FrontMatter
        switch FrontMatter.parse(yaml, path: fileName, firstLine: 1, time: siteConfig.siteTime) {
        case .failure(let diagnostic): return (config, [diagnostic])
        case .success(let parsed): reader = parsed
        }
        if let token = reader.string("adminToken", required: false) {
            if token.count < minimumAdminTokenLength {
                reader.error(
                    "'adminToken' must be at least \(minimumAdminTokenLength) characters long, not \(token.count)",
                    line: reader.line(of: "adminToken"))
            } else {
                config.adminToken = token
            }
        }
        if let hours = reader.integer("sessionLifetimeHours", in: 1...Int.max) { config.sessionLifetimeHours = hours }
        if let cost = reader.integer("bcryptCost", in: 4...16) { config.bcryptCost = cost }
        if let bytes = reader.integer("maxRequestBytes", in: 1024...Int.max) { config.maxRequestBytes = bytes }
        if let attempts = reader.nested("loginAttempts", required: false) {
            if let value = attempts.integer("perAccount", in: 1...Int.max) { config.loginAttempts.perAccount = value }
            if let value = attempts.integer("perAddress", in: 1...Int.max) { config.loginAttempts.perAddress = value }
            if let value = attempts.integer("windowMinutes", in: 1...Int.max) { config.loginAttempts.windowMinutes = value }
            reader.absorb(attempts)
        }
        if let caps = reader.nested("frequencyCaps", required: false) {
            if let value = caps.integer("perMinute", in: 1...Int.max) { config.frequencyCaps.perMinute = value }
            if let value = caps.integer("perHour", in: 1...Int.max) { config.frequencyCaps.perHour = value }
            if let value = caps.integer("perDay", in: 1...Int.max) { config.frequencyCaps.perDay = value }
            reader.absorb(caps)
        }
        if let names = reader.stringList("reservedNames") {
            config.reservedNames = nonEmpty(names, key: "reservedNames", reader: reader)
        }
        if let policy = reader.nested("contentPolicy", required: false) {
            if let words = policy.stringList("words") {
                config.contentPolicy.words = nonEmpty(words, key: "words", reader: policy)
            }
            for (pattern, line) in policy.stringList("patterns") ?? [] {
                if (try? NSRegularExpression(pattern: pattern)) == nil {
                    policy.error("'patterns': '\(pattern)' is not a valid regular expression", line: line)
                } else {
                    config.contentPolicy.patterns.append(pattern)
                }
            }
            reader.absorb(policy)
        }
        if let refund = reader.bool("refundUndelivered") { config.refundUndelivered = refund }
        if reader.has("lowBalanceThreshold"), let threshold = reader.money("lowBalanceThreshold") {
            config.lowBalanceThreshold = threshold
        }
        for item in reader.list("trialAllowance", required: false) ?? [] {
            if let service = item.string("service"), let units = item.integer("units", in: 1...1_000_000) {
                if config.trialAllowance[service] != nil {
                    item.error("'trialAllowance' lists '\(service)' twice", line: item.line(of: "service"))
                }
                config.trialAllowance[service] = units
            }
            reader.absorb(item)
        }
        if let carrier = reader.nested("carrier", required: false) {
            readCarrier(carrier, into: &config.carrier)
            reader.absorb(carrier)
        }
        reader.finish()
        return (config, reader.diagnostics)
    }

    private static func readCarrier(_ reader: FrontMatter, into carrier: inout Carrier) {
        if let seed = reader.integer("seed", in: 0...Int.max) { carrier.seed = seed }
        if let delay = reader.integer("delayMilliseconds", in: 0...Int.max) { carrier.delayMilliseconds = delay }
        if let rate = reader.fraction("deliveryRate") { carrier.deliveryRate = rate }
        if let rate = reader.fraction("failureRate") { carrier.failureRate = rate }
        if let rate = reader.fraction("noAnswerRate") { carrier.noAnswerRate = rate }
        if carrier.deliveryRate + carrier.failureRate > 1 {
            let line = reader.has("failureRate") ? reader.line(of: "failureRate") : reader.line(of: "deliveryRate")
            reader.error(
                "'deliveryRate' and 'failureRate' add up to more than 1 (\(carrier.deliveryRate) + \(carrier.failureRate))", line: line)
        }
    }

    /// The items of a list of text, refusing empty ones.
    private static func nonEmpty(_ items: [(String, Int)], key: String, reader: FrontMatter) -> [String] {
        items.compactMap { text, line in
            guard !text.allSatisfy(\.isWhitespace) else {
                reader.error("an item of '\(key)' is empty", line: line)
                return nil
            }
            return text
        }
    }
}
