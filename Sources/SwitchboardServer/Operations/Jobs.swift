import SwitchboardCore

/// `switchboard jobs run`: the platform's periodic work, idempotent so cron can run it as often
/// as it likes. Recycles accounts idle for 12 months (ACCT-5), records the deemed acceptance of
/// agreement versions that took effect (AGR-2), forfeits expired SMS packages (PKG-1) and closes
/// last month's bills into files (BILL-1).
public struct Jobs: Sendable {
    let platform: Platform

    public init(platform: Platform) { self.platform = platform }

    /// What one run did.
    public struct Report: Sendable, Equatable, CustomStringConvertible {
        public var recycledAccounts: [String] = []
        public var deemedAcceptances = 0
        public var forfeitedPackages = 0
        public var closedBills = 0

        public var description: String {
            "recycled \(recycledAccounts.count) idle accounts, recorded \(deemedAcceptances) deemed acceptances, "
                + "forfeited \(forfeitedPackages) expired packages, closed \(closedBills) bills"
        }
    }

    public func run() async throws -> Report {
        var report = Report()
        let now = platform.now()
        let versions = await platform.site().agreementVersions.map { (version: $0.version, effective: Timestamp($0.effective)) }
        for account in try await platform.store.allAccounts() {
            // Deemed acceptances and forfeits first: an account recycled today was still open
            // when those moments passed.
            if !account.deemedAcceptances(of: versions, at: now).isEmpty {
                let updated = try await platform.store.updateAccount(id: account.id) { account in
                    account.agreementAcceptances += account.deemedAcceptances(of: versions, at: now)
                }
                report.deemedAcceptances += updated.agreementAcceptances.count - account.agreementAcceptances.count
            }
            let forfeits = try await platform.packageHoldings(of: account).forfeitEntries(at: now) { Secrets.id("txn") }
            if !forfeits.isEmpty {
                try await platform.store.appendLedger(forfeits)
                await platform.packageLedger.record(forfeits)
                report.forfeitedPackages += forfeits.count
            }
            if try await closeLastMonth(of: account, at: now) { report.closedBills += 1 }
            if account.isDueForRecycling(at: now) {
                try await recycle(account, at: now)
                report.recycledAccounts.append(account.id)
            }
        }
        return report
    }

    /// Writes last month's bill into its file once the month is over (BILL-1).
    private func closeLastMonth(of account: Account, at now: Timestamp) async throws -> Bool {
        let month = now.month.previous
        guard account.createdAt < now.month.start, try await platform.store.bill(accountId: account.id, month: month) == nil else {
            return false
        }
        let statement = try await platform.statement(of: account, month: month)
        try await platform.store.writeBill(statement.monthlyBill(closedAt: now))
        return true
    }

    /// Revokes the account's keys and erases its personal data and message contents; its money
    /// records stay (ACCT-5).
    private func recycle(_ account: Account, at now: Timestamp) async throws {
        _ = try await platform.store.updateAccount(id: account.id) { account in
            guard account.isDueForRecycling(at: now) else { return }
            account = account.recycled(at: now)
        }
        _ = try await platform.store.eraseMessageData(accountId: account.id, createdBefore: now)
    }
}
