import Testing

@testable import SwitchboardCore

@Suite("FrequencyCaps")
struct FrequencyCapsTests {
    let now = Timestamp.utc("2026-11-27T12:00:00Z")

    func ago(_ seconds: Int64) -> Timestamp { now.adding(seconds: -seconds) }

    @Test("USE-2 the first send is allowed; a second within the minute is refused until the minute has passed")
    func perMinute() {
        let caps = FrequencyCaps.defaults
        #expect(caps.check(previous: [], now: now) == .allowed)
        guard case .limited(let window, let retryAfter) = caps.check(previous: [ago(20)], now: now) else {
            Issue.record("expected limited")
            return
        }
        #expect(window.name == "minute")
        #expect(retryAfter == 40)
        #expect(caps.check(previous: [ago(60)], now: now) == .allowed)
        if case .limited(_, let retry) = caps.check(previous: [ago(59)], now: now) { #expect(retry == 1) } else { Issue.record("59 s") }
    }

    @Test("USE-2 five sends in the hour fill the hour; the wait is until the oldest of them leaves it")
    func perHour() {
        let previous = [ago(3000), ago(2400), ago(1800), ago(1200), ago(600)]
        guard case .limited(let window, let retryAfter) = FrequencyCaps.defaults.check(previous: previous, now: now) else {
            Issue.record("expected limited")
            return
        }
        #expect(window.name == "hour")
        #expect(retryAfter == 600)
        #expect(FrequencyCaps.defaults.check(previous: Array(previous.dropFirst()), now: now) == .allowed)
    }

    @Test("USE-2 ten sends in the day fill the day, and older sends are ignored")
    func perDay() {
        let previous = (1...10).map { ago(Int64($0) * 7200) } + [ago(90_000)]
        guard case .limited(let window, let retryAfter) = FrequencyCaps.defaults.check(previous: previous, now: now) else {
            Issue.record("expected limited")
            return
        }
        #expect(window.name == "day")
        #expect(retryAfter == 86_400 - 72_000)
    }

    @Test("USE-2 caps are configurable")
    func configurable() {
        let caps = FrequencyCaps(perMinute: 3, perHour: 100, perDay: 1000)
        #expect(caps.check(previous: [ago(1), ago(2)], now: now) == .allowed)
        #expect(caps.check(previous: [ago(1), ago(2), ago(3)], now: now) != .allowed)
    }
}
