/// A closed monthly bill for one account (BILL-1), stored in `data/bills/<account>/<YYYY-MM>.json`.
///
/// The detailed bill is the month's ledger entries; this record keeps the sums by service so
/// they survive erasure of message data (PRIV-1).
public struct MonthlyBill: Sendable, Hashable, Codable {
    /// One service's line: how many sends, units and how much.
    public struct Line: Sendable, Hashable, Codable {
        public var service: String
        public var count: Int
        /// Segments or minutes billed.
        public var units: Int
        /// Signed like ledger amounts (charges negative).
        public var amount: Money

        public init(service: String, count: Int, units: Int, amount: Money) {
            self.service = service
            self.count = count
            self.units = units
            self.amount = amount
        }
    }

    public var accountId: String
    public var month: YearMonth
    public var currency: String
    public var openingBalance: Money
    public var lines: [Line]
    /// Top-ups and other credits in the month.
    public var credits: Money
    public var closingBalance: Money
    public var closedAt: Timestamp

    public init(
        accountId: String, month: YearMonth, currency: String = "CNY", openingBalance: Money, lines: [Line], credits: Money,
        closingBalance: Money, closedAt: Timestamp
    ) {
        self.accountId = accountId
        self.month = month
        self.currency = currency
        self.openingBalance = openingBalance
        self.lines = lines
        self.credits = credits
        self.closingBalance = closingBalance
        self.closedAt = closedAt
    }

    /// Whether opening balance, credits and lines add up to the closing balance exactly.
    public var reconciles: Bool {
        openingBalance + credits + lines.reduce(Money.zero) { $0 + $1.amount } == closingBalance
    }
}
