/// An account's bill for one UTC month (BILL-1): the month's ledger entries summed by kind and
/// by service, from the opening balance to the closing balance, which reconcile exactly:
/// `openingBalance + Σ entries == closingBalance`, and so do the sums shown.
public struct BillStatement: Sendable, Hashable {
    /// The sends of one service in the month: charges net of refunds.
    public struct ServiceLine: Sendable, Hashable, Codable {
        public var service: String
        /// The price-sheet unit (`segment`, `minute`) when known from the price book.
        public var unit: String?
        /// Sends with any entry in the month.
        public var sends: Int
        /// Units paid, net of units given back: charged, package and trial units.
        public var quantity: Int
        /// Of `quantity`, the units paid by packages or the trial allowance.
        public var allowanceQuantity: Int
        /// Charges, negative.
        public var charged: Money
        /// Refunds, positive.
        public var refunded: Money
        /// `charged + refunded`, signed like the ledger.
        public var amount: Money { charged + refunded }
    }

    public var accountId: String
    public var month: YearMonth
    public var currency: String
    public var openingBalance: Money
    /// Sum of top-ups, positive.
    public var topUps: Money
    /// One line per service with sends, sorted by service.
    public var services: [ServiceLine]
    /// Sum of package purchases, negative.
    public var packagePurchases: Money
    /// Package segments bought in the month.
    public var packageSegmentsBought: Int
    /// Package segments forfeited in the month (PKG-1); moves no money.
    public var packageSegmentsExpired: Int
    /// Sum of termination refunds and payouts, signed (PKG-2).
    public var terminationRefunds: Money
    /// Sum of operator adjustments, signed.
    public var adjustments: Money
    public var closingBalance: Money
    /// Every entry of the month as a detailed-bill line, oldest first.
    public var items: [BillItem]

    /// The bill of `accountId` for `month`, from `entries` (any accounts, any months, any order;
    /// only the account's entries dated in the month are billed) and the balance at the month's start.
    /// `units` names each service's unit (`sms-cn` → `segment`), e.g. from the current price sheet.
    public init(
        accountId: String, month: YearMonth, openingBalance: Money, entries: [LedgerEntry], currency: String = "CNY",
        units: [String: String] = [:]
    ) {
        let start = month.start
        let end = month.next.start
        let mine = entries.filter { $0.accountId == accountId && $0.at >= start && $0.at < end }
            .sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        self.accountId = accountId
        self.month = month
        self.currency = currency
        self.openingBalance = openingBalance
        var topUps = Money.zero
        var purchases = Money.zero
        var bought = 0
        var expired = 0
        var termination = Money.zero
        var adjustments = Money.zero
        var lines: [String: ServiceLine] = [:]
        var sendsByService: [String: Set<String>] = [:]
        for entry in mine {
            let quantity = max(entry.quantity ?? 0, 0)
            switch entry.kind {
            case .topUp:
                topUps += entry.amount
            case .packagePurchase:
                purchases += entry.amount
                bought += quantity
            case .packageExpiry:
                expired += quantity
            case .terminationRefund:
                termination += entry.amount
            case .adjustment:
                adjustments += entry.amount
            case .charge, .refund, .allowanceUse:
                let service = entry.service ?? "unknown"
                var line =
                    lines[service]
                    ?? ServiceLine(
                        service: service, unit: units[service], sends: 0, quantity: 0, allowanceQuantity: 0, charged: .zero,
                        refunded: .zero)
                let fromAllowance = entry.amount == .zero && entry.reference != nil
                switch entry.kind {
                case .charge:
                    line.charged += entry.amount
                    line.quantity += quantity
                case .allowanceUse:
                    line.quantity += quantity
                    line.allowanceQuantity += quantity
                default:
                    line.refunded += entry.amount
                    line.quantity -= quantity
                    if fromAllowance { line.allowanceQuantity -= quantity }
                }
                lines[service] = line
                if let sendId = entry.sendId { sendsByService[service, default: []].insert(sendId) }
            }
        }
        for (service, sends) in sendsByService { lines[service]?.sends = sends.count }
        self.topUps = topUps
        self.services = lines.values.sorted { $0.service < $1.service }
        self.packagePurchases = purchases
        self.packageSegmentsBought = bought
        self.packageSegmentsExpired = expired
        self.terminationRefunds = termination
        self.adjustments = adjustments
        self.items = mine.map(BillItem.init)
        self.closingBalance = openingBalance + mine.reduce(Money.zero) { $0 + $1.amount }
    }

    /// The balance of `accountId` at the start of `month`: the sum of its entries before it.
    public static func openingBalance(accountId: String, month: YearMonth, entries: [LedgerEntry]) -> Money {
        let start = month.start
        return entries.reduce(Money.zero) { $0 + ($1.accountId == accountId && $1.at < start ? $1.amount : .zero) }
    }

    /// Whether the sums shown add up to the closing balance and the items to their movement, exactly.
    public var reconciles: Bool {
        let shown =
            openingBalance + topUps + services.reduce(Money.zero) { $0 + $1.amount } + packagePurchases + terminationRefunds
            + adjustments
        return shown == closingBalance && openingBalance + items.reduce(Money.zero) { $0 + $1.amount } == closingBalance
    }

    /// The detailed bill as CSV (see `BillCSV`).
    public var csv: String { BillCSV.render(items) }

    /// The record that closes the month: one line per service, plus a `package-purchase` line for
    /// packages bought; `credits` holds everything else (top-ups, termination refunds, adjustments), signed.
    public func monthlyBill(closedAt: Timestamp) -> MonthlyBill {
        var lines = services.map { MonthlyBill.Line(service: $0.service, count: $0.sends, units: $0.quantity, amount: $0.amount) }
        let purchaseCount = items.filter { $0.kind == .package }.count
        if purchaseCount > 0 {
            lines.append(
                MonthlyBill.Line(service: "package-purchase", count: purchaseCount, units: packageSegmentsBought, amount: packagePurchases))
        }
        return MonthlyBill(
            accountId: accountId, month: month, currency: currency, openingBalance: openingBalance, lines: lines,
            credits: topUps + terminationRefunds + adjustments, closingBalance: closingBalance, closedAt: closedAt)
    }
}
