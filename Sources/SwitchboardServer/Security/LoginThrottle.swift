import Foundation

/// Counts login attempts that did not succeed, per account and per address, in a sliding
/// window, and refuses further attempts once either limit is reached, before any password is
/// hashed (ACCT-4). An attempt counts from the moment it begins, so requests sent in parallel
/// cannot all slip past the limit while their passwords are checked; a success takes its
/// attempt back and clears the account's count.
actor LoginThrottle {
    private let perAccount: Int
    private let perAddress: Int
    private let window: Duration
    private var failures: [String: [ContinuousClock.Instant]] = [:]
    private let clock = ContinuousClock()
    /// Beyond this many tracked keys the oldest are forgotten, so a flood of addresses cannot
    /// exhaust memory.
    private let maximumKeys = 100_000

    init(perAccount: Int, perAddress: Int, window: Duration) {
        self.perAccount = perAccount
        self.perAddress = perAddress
        self.window = window
    }

    /// Counts an attempt, or throws 429 `too_many_attempts` when the account or the address
    /// used up its attempts.
    func begin(email: String, address: String) throws {
        let now = clock.now
        for (key, limit) in [("email:" + email.lowercased(), perAccount), ("address:" + address, perAddress)] {
            let recent = prune(key, now: now)
            if recent.count >= limit, let oldest = recent.first {
                let wait = (oldest + window) - now
                throw APIError.tooManyRequests(
                    "too_many_attempts", "Too many failed logins; try again later.",
                    retryAfterSeconds: Int(wait.components.seconds) + 1)
            }
        }
        if failures.count >= maximumKeys { failures.removeAll(keepingCapacity: true) }
        failures["email:" + email.lowercased(), default: []].append(now)
        failures["address:" + address, default: []].append(now)
    }

    /// A successful login clears the account's count and takes back its attempt from the address's.
    func succeeded(email: String, address: String) {
        failures["email:" + email.lowercased()] = nil
        let key = "address:" + address
        if failures[key]?.isEmpty == false { failures[key]?.removeLast() }
    }

    private func prune(_ key: String, now: ContinuousClock.Instant) -> [ContinuousClock.Instant] {
        guard let list = failures[key] else { return [] }
        let recent = list.filter { now - $0 < window }
        failures[key] = recent.isEmpty ? nil : recent
        return recent
    }
}
