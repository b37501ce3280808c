import SwitchboardCore

extension Platform {
    /// Every ledger entry of `account`, oldest month first, in commit order.
    func ledgerEntries(of account: Account) async throws -> [LedgerEntry] {
        var entries: [LedgerEntry] = []
        for month in months(since: account.createdAt) {
            entries += try await store.ledgerEntries(accountId: account.id, month: month)
        }
        return entries
    }

    /// Every send of `account`, oldest first.
    func sends(of account: Account) async throws -> [Send] {
        var sends: [Send] = []
        for month in months(since: account.createdAt) {
            sends += try await store.sends(accountId: account.id, month: month)
        }
        return sends
    }

    /// The account's SMS packages (PKG-1), from the entries `packageLedger` keeps: every writer
    /// of entries that move package segments records them there.
    func packageHoldings(of account: Account) async throws -> PackageHoldings {
        PackageHoldings(accountId: account.id, entries: try await packageLedger.entries(of: account, currentMonth: now().month))
    }

    /// The months from the one `start` falls in to the current one.
    private func months(since start: Timestamp) -> [YearMonth] {
        var months: [YearMonth] = []
        var month = start.month
        let last = now().month
        while month <= last {
            months.append(month)
            month = month.next
        }
        return months
    }
}
