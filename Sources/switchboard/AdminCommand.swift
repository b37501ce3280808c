import ArgumentParser
import SwitchboardCore
import SwitchboardServer

/// `switchboard admin …`: the operator API's actions from the command line, on the same data
/// folder (which it locks; while a server holds it, use the operator API instead).
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "The operator's actions on accounts, without HTTP tooling.",
        subcommands: [
            Accounts.self, Show.self, Approve.self, Reject.self, TopUp.self, SetPassword.self, Suspend.self, Resume.self, Freeze.self,
            Terminate.self,
        ])

    struct Accounts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts, optionally searched and filtered.")

        @OptionGroup var options: PlatformOptions

        @Option(help: "Only accounts whose id, e-mail, name or organisation contains this text.")
        var query: String?

        @Option(help: "Only accounts in this status (active, suspended, frozen, terminated, recycled).")
        var status: AccountStatus?

        @Flag(help: "Only accounts with a pending capability application.")
        var pending = false

        func run() async throws {
            let lines = try await options.withPlatform { platform in
                let backoffice = Backoffice(platform: platform)
                var lines: [String] = []
                let found = try await backoffice.accounts(matching: query, status: status, pendingOnly: pending, limit: Int.max)
                for account in found.accounts {
                    let pendingCapabilities = account.capabilities.filter { $0.decision == .pending }.map(\.capability.rawValue)
                    let balance = try await backoffice.balance(of: account)
                    lines.append(
                        [
                            account.id, account.status.rawValue, account.email, account.profile.displayName, "\(balance)",
                            pendingCapabilities.isEmpty ? "-" : "pending: " + pendingCapabilities.joined(separator: ","),
                        ]
                        .joined(separator: "\t"))
                }
                return lines
            }
            print(lines.isEmpty ? "no accounts" : (["id\tstatus\temail\tname\tbalance\tapplications"] + lines).joined(separator: "\n"))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one account with its balance, as JSON.")

        @OptionGroup var options: PlatformOptions

        @Argument(help: "The account id.")
        var account: String

        func run() async throws {
            print(
                try await options.withPlatform { platform in
                    let backoffice = Backoffice(platform: platform)
                    return try await backoffice.describe(try await backoffice.account(account))
                })
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a pending capability application (CAP-1).")
        @OptionGroup var decision: Decision
        func run() async throws { try await decision.decide(approve: true) }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a pending capability application (CAP-1).")
        @OptionGroup var decision: Decision
        func run() async throws { try await decision.decide(approve: false) }
    }

    struct Decision: ParsableArguments {
        @OptionGroup var options: PlatformOptions

        @Argument(help: "The account id.")
        var account: String

        @Argument(help: "sms or voice.")
        var capability: Capability

        @Option(help: "A note for the developer.")
        var note: String?

        func decide(approve: Bool) async throws {
            print(
                try await options.withPlatform { platform in
                    let backoffice = Backoffice(platform: platform)
                    let updated = try await backoffice.decide(accountId: account, capability: capability, approve: approve, note: note)
                    return "\(updated.id): \(capability.rawValue) \(approve ? "approved" : "rejected")"
                })
        }
    }

    struct TopUp: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "top-up", abstract: "Record money paid in; a reference recorded before is not counted twice (BILL-2).")

        @OptionGroup var options: PlatformOptions

        @Argument(help: "The account id.")
        var account: String

        @Option(help: "The amount, e.g. 100.00.")
        var amount: Money

        @Option(help: "How it was paid, e.g. alipay or bank-transfer.")
        var method: String

        @Option(help: "The payment's external reference.")
        var reference: String

        func run() async throws {
            print(
                try await options.withPlatform { platform in
                    let topUp = try await Backoffice(platform: platform).topUp(
                        accountId: account, amount: amount, method: method, reference: reference)
                    let what = topUp.created ? "recorded" : "already recorded"
                    return "\(topUp.entry.id): \(what), \(topUp.entry.amount) \(topUp.entry.currency); balance \(topUp.balance)"
                })
        }
    }

    struct SetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-password",
            abstract: "Set an account's password, read from the first line of standard input; ends its sessions.")

        @OptionGroup var options: PlatformOptions

        @Argument(help: "The account id.")
        var account: String

        func run() async throws {
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                printError(
                    "error: give the new password on standard input, e.g. `printf '%s\\n' \"$PASSWORD\" | switchboard admin set-password ID`"
                )
                throw ExitCode.failure
            }
            print(
                try await options.withPlatform { platform in
                    let updated = try await Backoffice(platform: platform).setPassword(accountId: account, password: password)
                    return "\(updated.id): password set, sessions ended"
                })
        }
    }

    struct Suspend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the account's sends until it is resumed (PLAT-3).")
        @OptionGroup var change: StatusChange
        func run() async throws { try await change.apply(.suspend) }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lift a suspension (PLAT-3).")
        @OptionGroup var change: StatusChange
        func run() async throws { try await change.apply(.resume) }
    }

    struct Freeze: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the account's sends for good (PLAT-3).")
        @OptionGroup var change: StatusChange
        func run() async throws { try await change.apply(.freeze) }
    }

    struct Terminate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End the account: keys revoked, balance and unused package value paid back (TERM-1, PKG-2).")
        @OptionGroup var change: StatusChange

        @Flag(help: "Also erase the account's personal data (TERM-1).")
        var eraseData = false

        func run() async throws { try await change.apply(.terminate, eraseData: eraseData) }
    }

    struct StatusChange: ParsableArguments {
        @OptionGroup var options: PlatformOptions

        @Argument(help: "The account id.")
        var account: String

        @Option(help: "Why, kept in the account's history.")
        var reason: String?

        func apply(_ action: Backoffice.StatusAction, eraseData: Bool = false) async throws {
            print(
                try await options.withPlatform { platform in
                    let updated = try await Backoffice(platform: platform).apply(
                        action, accountId: account, reason: reason, eraseData: eraseData)
                    return "\(updated.id): \(updated.status.rawValue)"
                })
        }
    }
}

extension AccountStatus: ExpressibleByArgument {}
extension Capability: ExpressibleByArgument {}
extension Money: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
