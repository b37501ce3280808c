/// Settles a call when it ends (PLAT-2, BILL-2). At creation the call reserved the price of its
/// estimated minutes (a `SendQuote`), and that estimate caps the call: the carrier is told to
/// hang up after `maximumDurationSeconds(reservedMinutes:)`, so a call is never billed more than
/// it reserved and the balance never goes negative.
///
/// A `completed` call is billed per started minute of its real duration (61 s is 2 minutes,
/// 0 s is nothing), at most the reserved minutes; the minutes not used are given back (see
/// `SendCharges.giveBack`). Any other final status (`busy`, `no-answer`, `failed`, `rejected`)
/// gives everything back.
public struct CallSettlement: Sendable, Hashable {
    /// Minutes reserved at creation and still held before settling.
    public var reservedMinutes: Int
    /// Minutes the call is billed.
    public var billedMinutes: Int
    /// Refund entries to append (empty when every reserved minute was used).
    public var entries: [LedgerEntry]
    /// Money given back to the balance, positive.
    public var refunded: Money

    /// Started minutes of a call of `seconds`: 0 s → 0, 1…60 s → 1, 61 s → 2.
    public static func billedMinutes(durationSeconds seconds: Int) -> Int {
        seconds <= 0 ? 0 : (seconds + 59) / 60
    }

    /// The longest the carrier may let a call with `reservedMinutes` run.
    public static func maximumDurationSeconds(reservedMinutes: Int) -> Int { max(reservedMinutes, 0) * 60 }

    /// Settles the call `sendId` that ended in `status` after `durationSeconds` (of a completed
    /// call), from the ledger `entries` (the send's own are picked out); `nil` while the status is not final.
    public init?(
        sendId: String, status: SendStatus, durationSeconds: Int?, entries: [LedgerEntry], at moment: Timestamp,
        makeId: () -> String
    ) {
        guard status.isFinal else { return nil }
        let held = SendCharges(sendId: sendId, entries: entries)
        let reserved = held.totalUnits
        let billed = status == .completed ? min(Self.billedMinutes(durationSeconds: durationSeconds ?? 0), reserved) : 0
        let reason =
            status == .completed
            ? "call \(sendId) lasted \(durationSeconds ?? 0) s, billed \(billed) of \(reserved) reserved minutes"
            : "call \(sendId) ended \(status.rawValue), nothing is billed"
        self.reservedMinutes = reserved
        self.billedMinutes = billed
        self.entries = held.giveBack(units: reserved - billed, at: moment, reason: reason, makeId: makeId)
        self.refunded = self.entries.reduce(Money.zero) { $0 + $1.amount }
    }
}
