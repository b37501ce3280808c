import SwitchboardCore

/// What the simulator decides for one send: the statuses it goes through, with a call's
/// duration. A pure function of the seed and the send's id, so a send resumed after a restart
/// ends the same way, and a test with a seed knows what will happen.
struct SimulatedOutcome: Sendable, Equatable {
    /// The statuses after `queued`, in order.
    let statuses: [SendStatus]
    /// Seconds a completed call lasted.
    let durationSeconds: Int?

    struct Rates: Sendable, Equatable {
        var deliveryRate: Double
        var failureRate: Double
        var noAnswerRate: Double
    }

    init(for message: CarrierMessage, seed: Int, rates: Rates) {
        var generator = SplitMix64(seed: UInt64(bitPattern: Int64(seed)) ^ Self.fnv1a(message.sendId))
        let draw = generator.nextUnit()
        switch message.channel {
        case .sms:
            durationSeconds = nil
            if draw < rates.failureRate {
                statuses = [.failed]
            } else if draw < rates.failureRate + rates.deliveryRate {
                statuses = [.sent, .delivered]
            } else {
                statuses = [.sent, .undelivered]
            }
        case .call:
            let busyRate = rates.noAnswerRate / 3
            if draw < rates.failureRate {
                statuses = [.failed]
                durationSeconds = nil
            } else if draw < rates.failureRate + rates.noAnswerRate - busyRate {
                statuses = [.ringing, .noAnswer]
                durationSeconds = nil
            } else if draw < rates.failureRate + rates.noAnswerRate {
                statuses = [.ringing, .busy]
                durationSeconds = nil
            } else {
                statuses = [.ringing, .inProgress, .completed]
                let longest = max(1, message.maximumMinutes ?? 1) * 60
                durationSeconds = 5 + Int(generator.next() % UInt64(max(1, longest - 4)))
            }
        }
    }

    /// The statuses still ahead of a send that reached `current`.
    func remaining(after current: SendStatus) -> [SendStatus] {
        guard let index = statuses.firstIndex(of: current) else { return current == .queued ? statuses : [] }
        return Array(statuses[(index + 1)...])
    }

    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

/// Sebastiano Vigna's SplitMix64: small, fast, and the same on every platform.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A uniform value in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
