import SwitchboardCore

/// The ledger entries that paid for each send still on its way, kept from its commit until its
/// final status, so settling or refunding it reads no ledger. After a restart the map is empty
/// and the desk reads the send's month instead.
actor ChargesInFlight {
    private var entries: [String: [LedgerEntry]] = [:]
    /// Beyond this many sends the oldest are not remembered (the desk then reads the ledger).
    private let capacity: Int

    init(capacity: Int = 500_000) { self.capacity = capacity }

    func remember(_ sendId: String, _ paid: [LedgerEntry]) {
        guard entries.count < capacity else { return }
        entries[sendId] = paid
    }

    /// The send's entries, forgotten at once (its final status settles it).
    func take(_ sendId: String) -> [LedgerEntry]? {
        entries.removeValue(forKey: sendId)
    }
}
