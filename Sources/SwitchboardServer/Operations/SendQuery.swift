import SwitchboardCore

/// A filtered page of one account's sends, newest first (PLAT-2): by channel, status,
/// recipient and creation time, continuing after the send `startingAfter`.
struct SendQuery: Sendable {
    var channel: Channel
    var status: SendStatus?
    var to: String?
    var createdFrom: Timestamp?
    var createdBefore: Timestamp?
    var startingAfter: String?
    var limit: Int

    func matches(_ send: Send) -> Bool {
        send.channel == channel && (status == nil || send.status == status) && (to == nil || send.to == to)
            && (createdFrom.map { send.createdAt >= $0 } ?? true) && (createdBefore.map { send.createdAt < $0 } ?? true)
    }

    /// Reads month by month, newest first, from the month of `createdBefore` (or now) back to
    /// the account's creation or `createdFrom`, stopping once the page is full.
    func run(on platform: Platform, account: Account) async throws -> (sends: [Send], hasMore: Bool) {
        let lastMonth = min(createdBefore?.month ?? platform.now().month, platform.now().month)
        let firstMonth = max(createdFrom?.month ?? account.createdAt.month, account.createdAt.month)
        var found: [Send] = []
        var passedCursor = startingAfter == nil
        var month = lastMonth
        while month >= firstMonth {
            for send in try await platform.store.sends(accountId: account.id, month: month).reversed() {
                if !passedCursor {
                    passedCursor = send.id == startingAfter
                    continue
                }
                guard matches(send) else { continue }
                if found.count == limit { return (found, true) }
                found.append(send)
            }
            month = month.previous
        }
        return (found, false)
    }
}
