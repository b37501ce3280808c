import SwitchboardCore
import SwitchboardStore

/// The moments of each account's recent accepted sends per recipient, for the frequency caps
/// (USE-2). Loaded from the store the first time an account sends after a start, then kept
/// current; a check reserves its slot at once, so two racing sends to one number cannot both
/// pass a full window.
actor RecentSends {
    private let store: any Store
    private var loaded: Set<String> = []
    private var moments: [String: [Timestamp]] = [:]
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
        let key = accountId + " " + number
        let recent = (moments[key] ?? []).filter { $0 > now.adding(seconds: -horizonSeconds) }
        let decision = caps.check(previous: recent, now: now)
        if case .allowed = decision { moments[key] = recent + [now] } else { moments[key] = recent }
        return decision
    }

    /// Gives a reserved slot back when the send was refused after the check.
    func release(accountId: String, number: String, at moment: Timestamp) {
        let key = accountId + " " + number
        if let index = moments[key]?.lastIndex(of: moment) { moments[key]?.remove(at: index) }
    }

    /// How many recipient entries are held (for tests).
    var count: Int { moments.count }

    private func sweepIfDue(now: Timestamp) {
        guard moments.count >= sweepAt else { return }
        let since = now.adding(seconds: -horizonSeconds)
        moments = moments.compactMapValues { times in
            let recent = times.filter { $0 > since }
            return recent.isEmpty ? nil : recent
        }
        sweepAt = max(4096, moments.count * 2)
    }

    private func load(_ accountId: String, now: Timestamp) async throws {
        guard !loaded.contains(accountId) else { return }
        loaded.insert(accountId)
        let since = now.adding(seconds: -horizonSeconds)
        for month in Set([since.month, now.month]).sorted() {
            for send in try await store.sends(accountId: accountId, month: month)
            where send.createdAt > since && send.status != .rejected {
                moments[accountId + " " + send.to, default: []].append(send.createdAt)
            }
        }
    }
}
