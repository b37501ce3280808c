/// What an SMS that ends badly gets back (BILL-2): a `failed` send (the carrier never took it) is
/// given back in full — its charged money and the package and trial segments it used (see
/// `SendCharges.giveBack`); an `undelivered` send was carried, so it stays charged unless
/// `refundsUndelivered` is set. Every other status gives nothing back.
public struct SMSRefundRule: Sendable, Hashable {
    /// Whether `undelivered` sends are refunded too (off by default).
    public var refundsUndelivered: Bool

    /// The rule, refunding `undelivered` sends only when asked.
    public init(refundsUndelivered: Bool = false) {
        self.refundsUndelivered = refundsUndelivered
    }

    /// Whether a send that reached `status` is refunded.
    public func refunds(_ status: SendStatus) -> Bool {
        status == .failed || (refundsUndelivered && status == .undelivered)
    }

    /// The refund entries for `sendId` having reached `status` at `moment`, from the ledger
    /// `entries` (the send's own are picked out); empty when nothing is due or it was already given back.
    public func entries(
        sendId: String, status: SendStatus, entries: [LedgerEntry], at moment: Timestamp, makeId: () -> String
    ) -> [LedgerEntry] {
        guard refunds(status) else { return [] }
        let held = SendCharges(sendId: sendId, entries: entries)
        return held.giveBack(
            units: held.totalUnits, at: moment, reason: "SMS \(sendId) \(status.rawValue) (BILL-2)", makeId: makeId)
    }
}
