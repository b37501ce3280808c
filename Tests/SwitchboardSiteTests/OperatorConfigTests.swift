import Foundation
import SwitchboardCore
import Testing

@testable import SwitchboardSite

/// `operator.yaml`: every key optional with its default, every problem reported with its line.
@Suite("Operator configuration")
struct OperatorConfigTests {
    private let siteConfig: SiteConfig = {
        var config = SiteConfig.defaults()
        config.title = "Fixture Telecom"
        config.company = "Fixture Telecom Ltd."
        return config
    }()

    private func parse(_ yaml: String) -> (OperatorConfig, [String]) {
        let (config, diagnostics) = OperatorConfig.parse(yaml, siteConfig: siteConfig)
        return (config, diagnostics.map(\.description))
    }

    @Test("Without operator.yaml every key has its default")
    func defaults() throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        let config = try OperatorConfig.load(site: site.root, siteConfig: siteConfig)
        #expect(config.adminToken == nil)
        #expect(config.sessionLifetimeHours == 720)
        #expect(config.bcryptCost == 12)
        #expect(config.maxRequestBytes == 1_048_576)
        #expect(config.loginAttempts == .init(perAccount: 5, perAddress: 20, windowMinutes: 15))
        #expect(config.frequencyCaps == .init(perMinute: 1, perHour: 5, perDay: 10))
        #expect(config.contentPolicy == .init())
        #expect(config.refundUndelivered == false)
        #expect(config.lowBalanceThreshold == Money("10.00"))
        #expect(config.carrier == .init(seed: 1, delayMilliseconds: 400, deliveryRate: 0.95, failureRate: 0.02, noAnswerRate: 0.1))
    }

    @Test("ACCT-3 Reserved names default to the site's title and company and names that suggest the operator")
    func reservedNameDefaults() {
        let (config, problems) = parse("# nothing set\n\n")
        #expect(problems.isEmpty)
        #expect(
            config.reservedNames == [
                "Fixture Telecom", "Fixture Telecom Ltd.", "admin", "administrator", "support", "official", "system", "operator",
            ])
    }

    @Test("USE-1 USE-2 ACCT-3 Every key is read")
    func everyKey() {
        let (config, problems) = parse(
            """
            adminToken: abcdefghijklmnopqrstuvwxyz012345
            sessionLifetimeHours: 24
            bcryptCost: 10
            maxRequestBytes: 65536
            loginAttempts:
              perAccount: 3
              perAddress: 10
              windowMinutes: 30
            frequencyCaps:
              perMinute: 2
              perHour: 6
              perDay: 20
            reservedNames: [root, Fixture]
            contentPolicy:
              words: [casino, lottery]
              patterns:
                - "\\\\bfree money\\\\b"
            refundUndelivered: true
            lowBalanceThreshold: "25.50"
            carrier:
              seed: 7
              delayMilliseconds: 0
              deliveryRate: 0.9
              failureRate: 0.1
              noAnswerRate: 0
            """)
        #expect(problems.isEmpty, "\(problems)")
        #expect(config.adminToken == "abcdefghijklmnopqrstuvwxyz012345")
        #expect(config.sessionLifetimeHours == 24)
        #expect(config.bcryptCost == 10)
        #expect(config.maxRequestBytes == 65536)
        #expect(config.loginAttempts == .init(perAccount: 3, perAddress: 10, windowMinutes: 30))
        #expect(config.frequencyCaps == .init(perMinute: 2, perHour: 6, perDay: 20))
        #expect(config.reservedNames == ["root", "Fixture"])
        #expect(config.contentPolicy == .init(words: ["casino", "lottery"], patterns: ["\\bfree money\\b"]))
        #expect(config.refundUndelivered)
        #expect(config.lowBalanceThreshold == Money("25.50"))
        #expect(config.carrier == .init(seed: 7, delayMilliseconds: 0, deliveryRate: 0.9, failureRate: 0.1, noAnswerRate: 0))
    }

    @Test("SWITCHBOARD_ADMIN_TOKEN wins over the file's token")
    func environmentTokenWins() {
        var config = OperatorConfig(siteConfig: siteConfig)
        #expect(config.resolvedAdminToken(environment: [:]) == nil)
        config.adminToken = "from-the-file-0123456789ab"
        #expect(config.resolvedAdminToken(environment: [:]) == "from-the-file-0123456789ab")
        #expect(config.resolvedAdminToken(environment: ["SWITCHBOARD_ADMIN_TOKEN": ""]) == "from-the-file-0123456789ab")
        #expect(
            config.resolvedAdminToken(environment: ["SWITCHBOARD_ADMIN_TOKEN": "from-the-environment-0123"]) == "from-the-environment-0123")
    }

    @Test(
        "Bad values are reported with their line",
        arguments: [
            ("bcryptCost: 12\nsessionLifetime: 5\n", "operator.yaml:2: error: unknown key 'sessionLifetime'; allowed here:"),
            ("adminToken: short\n", "operator.yaml:1: error: 'adminToken' must be at least 24 characters long, not 5"),
            ("\nbcryptCost: 3\n", "operator.yaml:2: error: 'bcryptCost' must be a whole number from 4 to 16, not '3'"),
            ("maxRequestBytes: lots\n", "operator.yaml:1: error: 'maxRequestBytes' must be a whole number at least 1024, not 'lots'"),
            ("frequencyCaps:\n  perMinute: 0\n", "operator.yaml:2: error: 'perMinute' must be a whole number at least 1, not '0'"),
            (
                "loginAttempts:\n  perAccount: 5\n  perHost: 3\n",
                "operator.yaml:3: error: unknown key 'perHost'; allowed here: perAccount, perAddress, windowMinutes"
            ),
            (
                "contentPolicy:\n  words: [spam]\n  patterns:\n    - \"ok\"\n    - \"(unclosed\"\n",
                "operator.yaml:5: error: 'patterns': '(unclosed' is not a valid regular expression"
            ),
            ("contentPolicy:\n  words: [spam, \"\"]\n", "operator.yaml:2: error: an item of 'words' is empty"),
            ("refundUndelivered: maybe\n", "operator.yaml:1: error: 'refundUndelivered' must be true or false"),
            ("lowBalanceThreshold: 10.00\n", "operator.yaml:1: error: 'lowBalanceThreshold': write the price as a quoted string"),
            ("lowBalanceThreshold: \"ten\"\n", "operator.yaml:1: error: 'lowBalanceThreshold' must be an exact decimal"),
            (
                "carrier:\n  seed: 1\n  deliveryRate: 1.5\n",
                "operator.yaml:3: error: 'deliveryRate' must be a number from 0 to 1, such as 0.95, not '1.5'"
            ),
            ("carrier:\n  noAnswerRate: -0.1\n", "operator.yaml:2: error: 'noAnswerRate' must be a number from 0 to 1"),
            (
                "carrier:\n  deliveryRate: 0.9\n  failureRate: 0.2\n",
                "operator.yaml:3: error: 'deliveryRate' and 'failureRate' add up to more than 1 (0.9 + 0.2)"
            ),
            ("reservedNames: admin\n", "operator.yaml:1: error: 'reservedNames' must be a list"),
            ("bcryptCost: [12\n", "operator.yaml:2: error: front matter is not valid YAML"),
        ])
    func badValues(yaml: String, expected: String) {
        let (_, problems) = parse(yaml)
        #expect(problems.contains { $0.hasPrefix(expected) }, "\(problems)")
    }

    @Test("A broken operator.yaml is refused by load and reported by check")
    func checkReportsOperatorProblems() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("operator.yaml", "# limits\nbcryptCost: 40\n")
        #expect(throws: CheckReport.self) { try OperatorConfig.load(site: site.root, siteConfig: siteConfig) }
        let report = await site.check()
        #expect(report.has("operator.yaml:2: error:", "'bcryptCost' must be a whole number from 4 to 16, not '40'"), "\(report.lines)")
    }

    @Test("operator.yaml is neither content nor copied into public/")
    func notPublished() async throws {
        let site = try FixtureSite()
        defer { site.cleanUp() }
        try site.write("operator.yaml", "adminToken: a-secret-that-must-stay-home-0123\n")
        let summary = try await site.build()
        #expect(summary.warnings.isEmpty, "\(summary.warnings)")
        #expect(!site.exists("operator.yaml"))
        let outputs = try FileManager.default.subpathsOfDirectory(atPath: site.output.path)
        for path in outputs where !path.hasSuffix(".gz") {
            let text = (try? String(contentsOf: site.output.appendingPathComponent(path), encoding: .utf8)) ?? ""
            #expect(!text.contains("a-secret-that-must-stay-home"), "\(path)")
        }
        #expect(await site.check().diagnostics.isEmpty)
    }

    @Test("The repository's sample operator.yaml is clean, holds no admin token and spells out the defaults")
    func sampleFile() throws {
        let repository = FixtureSite.source.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: repository.appendingPathComponent("operator.yaml"), encoding: .utf8)
        let (config, problems) = parse(text)
        #expect(problems.isEmpty, "\(problems)")
        #expect(config.adminToken == nil)
        #expect(!text.contains("adminToken:"))
        var defaults = OperatorConfig(siteConfig: siteConfig)
        defaults.reservedNames = config.reservedNames
        #expect(config == defaults)
    }
}

@Suite("operator.yaml trial allowance")
struct OperatorTrialAllowanceTests {
    private let siteConfig = SiteConfig.defaults()

    @Test("PRICE-3 the trial allowance lists free units per service")
    func readsAllowance() {
        let (config, diagnostics) = OperatorConfig.parse(
            "trialAllowance:\n  - {service: sms-cn, units: 20}\n  - {service: voice-cn, units: 2}\n", siteConfig: siteConfig)
        #expect(diagnostics.isEmpty)
        #expect(config.trialAllowance == ["sms-cn": 20, "voice-cn": 2])
    }

    @Test("PRICE-3 a service listed twice, a missing or non-positive units and unknown keys are errors with their lines")
    func refusesBadAllowance() {
        let yaml =
            "trialAllowance:\n  - {service: sms-cn, units: 20}\n  - {service: sms-cn, units: 5}\n  - {service: voice-cn, units: 0}\n  - {units: 3, extra: 1}\n"
        let (_, diagnostics) = OperatorConfig.parse(yaml, siteConfig: siteConfig)
        let lines = diagnostics.map(\.line)
        #expect(lines.contains(3))
        #expect(lines.contains(4))
        #expect(lines.contains(5))
        #expect(OperatorConfig.parse("", siteConfig: siteConfig).0.trialAllowance.isEmpty)
    }
}
