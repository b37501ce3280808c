/// Per-recipient frequency caps (USE-2): at most `limit` sends per account and number in any
/// sliding window of `seconds` (defaults 1 a minute, 5 an hour, 10 a day). A send exactly one
/// window after an earlier one no longer counts it. Refused sends answer 429 `frequency_limited`.
public struct FrequencyCaps: Sendable, Hashable, Codable {
    /// One sliding window.
    public struct Window: Sendable, Hashable, Codable {
        /// `minute`, `hour`, `day`, named in the error.
        public var name: String
        public var seconds: Int64
        public var limit: Int

        public init(name: String, seconds: Int64, limit: Int) {
            self.name = name
            self.seconds = seconds
            self.limit = limit
        }
    }

    /// What the check says.
    public enum Decision: Sendable, Hashable {
        case allowed
        /// `window` is full; a send is allowed again after `retryAfter` seconds (at least 1).
        case limited(window: Window, retryAfter: Int64)
    }

    public var windows: [Window]

    /// 1 per minute, 5 per hour, 10 per day.
    public static let defaults = FrequencyCaps(perMinute: 1, perHour: 5, perDay: 10)

    public init(windows: [Window]) { self.windows = windows }

    /// Caps per minute, hour and day.
    public init(perMinute: Int, perHour: Int, perDay: Int) {
        self.init(windows: [
            Window(name: "minute", seconds: 60, limit: perMinute), Window(name: "hour", seconds: 3600, limit: perHour),
            Window(name: "day", seconds: 86_400, limit: perDay),
        ])
    }

    /// Whether a send at `now` is allowed, given the moments of the account's previous accepted
    /// sends to the same number (any order; older ones are ignored). When several windows are
    /// full, the one that frees up last is named.
    public func check(previous: [Timestamp], now: Timestamp) -> Decision {
        var worst: (window: Window, retryAfter: Int64)?
        for window in windows {
            let start = now.millisecondsSince1970 - window.seconds * 1000
            let inside = previous.filter { $0.millisecondsSince1970 > start }.sorted(by: >)
            guard inside.count >= max(window.limit, 0) else { continue }
            // The send that must leave the window to make room: the limit-th most recent one.
            let leaving = window.limit > 0 ? inside[window.limit - 1].millisecondsSince1970 : now.millisecondsSince1970
            let waitMillis = leaving + window.seconds * 1000 - now.millisecondsSince1970
            let retryAfter = max((waitMillis + 999) / 1000, 1)
            if window.limit <= 0 {
                worst = (window, window.seconds)
                break
            }
            if worst.map({ retryAfter > $0.retryAfter }) ?? true { worst = (window, retryAfter) }
        }
        guard let worst else { return .allowed }
        return .limited(window: worst.window, retryAfter: worst.retryAfter)
    }
}
