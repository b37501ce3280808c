import SwitchboardCore
import SwitchboardStore

/// The moments of each account's recent accepted sends per recipient, for the frequency caps
/// (USE-2). Loaded from the store the first time an account sends after a start, then kept
/// current; a check reserves its slot at once, so two racing sends to one number cannot both
/// pass a full window.
actor RecentSends {
    private let store: any Store
    private var loaded: Set<String> = []
    /// Account → recipient → moments. Numbers are short enough to be held inline, and most have
    /// one moment, held without an array: a few dozen bytes per recipient.
    private var moments: [String: [String: RecentMoments]] = [:]
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
        let recent = moments[accountId]?[number]?.after(since) ?? []
        let decision = caps.check(previous: recent, now: now)
        set(recent + (decision == .allowed ? [now] : []), accountId: accountId, number: number)
        return decision
    }

    /// Gives a reserved slot back when the send was refused after the check.
    func release(accountId: String, number: String, at moment: Timestamp) {
        guard var times = moments[accountId]?[number]?.after(nil), let index = times.lastIndex(of: moment) else { return }
        times.remove(at: index)
        set(times, accountId: accountId, number: number)
    }

    /// How many recipient entries are held (for tests).
    var count: Int { recipients }

    private func set(_ times: [Timestamp], accountId: String, number: String) {
        let held = moments[accountId]?[number] != nil
        if let entry = RecentMoments(times) {
            moments[accountId, default: [:]][number] = entry
            if !held { recipients += 1 }
        } else if held {
            moments[accountId]?[number] = nil
            recipients -= 1
        }
    }

    private func sweepIfDue(now: Timestamp) {
        guard recipients >= sweepAt else { return }
        let since = now.adding(seconds: -horizonSeconds)
        recipients = 0
        for (accountId, numbers) in moments {
            let kept = numbers.compactMapValues { RecentMoments($0.after(since)) }
            moments[accountId] = kept.isEmpty ? nil : kept
            recipients += kept.count
        }
        sweepAt = max(4096, recipients * 2)
    }

    private func load(_ accountId: String, now: Timestamp) async throws {
        guard !loaded.contains(accountId) else { return }
        loaded.insert(accountId)
        let since = now.adding(seconds: -horizonSeconds)
        for month in Set([since.month, now.month]).sorted() {
            for send in try await store.sends(accountId: accountId, month: month)
            where send.createdAt > since && send.status != .rejected {
                let times = (moments[accountId]?[send.to]?.after(nil) ?? []) + [send.createdAt]
                set(times, accountId: accountId, number: send.to)
            }
        }
    }
}

/// One recipient's recent send moments, oldest first, without an array for the usual single one.
struct RecentMoments: Sendable, Equatable {
    private let first: Timestamp
    private let rest: [Timestamp]

    /// `nil` for no moments.
    init?(_ times: [Timestamp]) {
        guard let first = times.first else { return nil }
        self.first = first
        rest = Array(times.dropFirst())
    }

    /// The moments after `since` (all of them for `nil`).
    func after(_ since: Timestamp?) -> [Timestamp] {
        let all = rest.isEmpty ? [first] : [first] + rest
        guard let since else { return all }
        return all.filter { $0 > since }
    }
}
