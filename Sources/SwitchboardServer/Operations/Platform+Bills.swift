import SwitchboardCore

extension Platform {
    /// The bill of `account` for `month`, computed from the ledger (open or closed alike, so a
    /// closed bill and the ledger can never disagree).
    func statement(of account: Account, month: YearMonth) async throws -> BillStatement {
        try await statement(of: account, month: month, entries: try await ledgerEntries(of: account))
    }

    /// The same from the account's ledger read already, for many months at one reading.
    func statement(of account: Account, month: YearMonth, entries: [LedgerEntry]) async -> BillStatement {
        let site = await site()
        let units = Dictionary(site.priceBook.sheets.flatMap(\.lines).map { ($0.service, $0.unit) }, uniquingKeysWith: { _, last in last })
        return BillStatement(
            accountId: account.id, month: month,
            openingBalance: BillStatement.openingBalance(accountId: account.id, month: month, entries: entries), entries: entries,
            currency: await currency(), units: units)
    }
}
