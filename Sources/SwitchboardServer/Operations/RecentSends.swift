import SwitchboardCore
import SwitchboardStore

/// The moments of each account's recent accepted sends per recipient, for the frequency caps
/// (USE-2). Loaded from the store the first time an account sends after a start, then kept
/// current; a check reserves its slot at once, so two racing sends to one number cannot both
/// pass a full window.
actor RecentSends {
    private let store: any Store
    /// Accounts whose sends of the last day are in `moments`.
    private var loaded: Set<String> = []
    /// Reads of those sends under way: the checks of an account wait for its read, so none
    /// passes on a table the read has not filled yet.
    private var loading: [String: Task<[(number: String, at: Timestamp)], Error>] = [:]
    /// Each account's recipients and their moments, a few dozen bytes per recipient.
    private var moments: [String: RecipientMoments] = [:]
    /// How many recipients `moments` holds, over all accounts.
    private var recipients = 0
    /// The longest window kept.
    private let horizonSeconds: Int64 = 86_400
    /// Once the table has doubled since the last sweep, numbers with no send inside the horizon
    /// are forgotten, so it holds about a day of recipients (at most twice that) rather than
    /// every number ever sent to, at a cost spread evenly over the sends.
    private var sweepAt = 4096

    init(store: any Store) { self.store = store }

    /// Checks the caps for a send to `number` at `now` and, when allowed, counts it already.
    func reserve(accountId: String, number: String, caps: FrequencyCaps, now: Timestamp) async throws -> FrequencyCaps.Decision {
        try await load(accountId, now: now)
        sweepIfDue(now: now)
        let since = now.adding(seconds: -horizonSeconds)
        let recent = (moments[accountId]?[number] ?? []).filter { $0 > since }
        let decision = caps.check(previous: recent, now: now)
        set(recent + (decision == .allowed ? [now] : []), accountId: accountId, number: number)
        return decision
    }

    /// Gives a reserved slot back when the send was refused after the check.
    func release(accountId: String, number: String, at moment: Timestamp) {
        guard var times = moments[accountId]?[number], let index = times.lastIndex(of: moment) else { return }
        times.remove(at: index)
        set(times, accountId: accountId, number: number)
    }

    /// How many recipient entries are held (for tests).
    var count: Int { recipients }

    private func set(_ times: [Timestamp], accountId: String, number: String) {
        let before = moments[accountId]?.count ?? 0
        moments[accountId, default: RecipientMoments()][number] = times
        recipients += (moments[accountId]?.count ?? 0) - before
    }

    private func sweepIfDue(now: Timestamp) {
        guard recipients >= sweepAt else { return }
        let since = now.adding(seconds: -horizonSeconds)
        recipients = 0
        for accountId in Array(moments.keys) {
            moments[accountId]?.keepOnly(after: since)
            let left = moments[accountId]?.count ?? 0
            if left == 0 { moments[accountId] = nil }
            recipients += left
        }
        sweepAt = max(4096, recipients * 2)
    }

    private func load(_ accountId: String, now: Timestamp) async throws {
        guard !loaded.contains(accountId) else { return }
        let read: Task<[(number: String, at: Timestamp)], Error>
        if let pending = loading[accountId] {
            read = pending
        } else {
            let store = self.store
            let since = now.adding(seconds: -horizonSeconds)
            read = Task {
                var found: [(number: String, at: Timestamp)] = []
                for month in Set([since.month, now.month]).sorted() {
                    for send in try await store.sends(accountId: accountId, month: month)
                    where send.createdAt > since && send.status != .rejected {
                        found.append((send.to, send.createdAt))
                    }
                }
                return found
            }
            loading[accountId] = read
        }
        let found: [(number: String, at: Timestamp)]
        do {
            found = try await read.value
        } catch {
            // The next check reads again.
            loading[accountId] = nil
            throw error
        }
        // Whichever waiting check resumes first fills the table, before any of them checks.
        guard !loaded.contains(accountId) else { return }
        loaded.insert(accountId)
        loading[accountId] = nil
        for (number, at) in found {
            set((moments[accountId]?[number] ?? []) + [at], accountId: accountId, number: number)
        }
    }
}
