import NIOConcurrencyHelpers
import SwitchboardCore

/// Each send still on its way as the carrier desk last recorded it, with the ledger entries
/// that paid for it, kept from its commit until its final status: recording a status change
/// then reads nothing from disk, and settling or refunding reads no ledger. After a restart
/// the table is empty and the desk reads the send and its month's ledger instead.
///
/// Behind a lock rather than an actor: every send and every status change touch it, briefly.
final class SendsInFlight: Sendable {
    struct Entry: Sendable {
        /// The send with every status recorded so far.
        var send: Send
        var charges: [LedgerEntry]
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    /// Beyond this many sends no more are remembered (the desk then reads the store).
    private let capacity: Int

    init(capacity: Int = 100_000) { self.capacity = capacity }

    /// A send just committed, with what paid for it.
    func remember(_ send: Send, charges: [LedgerEntry]) {
        entries.withLockedValue { entries in
            guard entries.count < capacity else { return }
            entries[send.id] = Entry(send: send, charges: charges)
        }
    }

    func entry(_ sendId: String) -> Entry? { entries.withLockedValue { $0[sendId] } }

    /// A change stored for the send: kept in its history, or the send forgotten once final.
    func recorded(_ change: StatusChange, of sendId: String) {
        entries.withLockedValue { entries in
            if change.status.isFinal {
                entries[sendId] = nil
            } else {
                entries[sendId]?.send.statusHistory.append(change)
            }
        }
    }

    /// How many sends are held (for tests).
    var count: Int { entries.withLockedValue { $0.count } }
}
