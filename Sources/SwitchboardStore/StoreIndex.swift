import SwitchboardCore

/// Where a journal line starts: file number (16 bits) and byte offset (48 bits) in 8 bytes,
/// since the indexes hold millions of them. The line ends at the next newline.
struct LineLocation: Sendable, Hashable {
    var packed: UInt64

    init(file: UInt32, offset: Int64) { packed = UInt64(file) << 48 | UInt64(offset) }

    var file: UInt32 { UInt32(packed >> 48) }
    var offset: Int64 { Int64(packed & 0xFFFF_FFFF_FFFF) }
}

/// The facts about one journal record that the in-memory indexes keep. Start-up extracts them
/// with `JSONScanner` without decoding whole records; commits build them from the values.
enum IndexedRecord: Sendable {
    case send(id: String, accountId: String, month: YearMonth, channel: Channel, status: SendStatus, lastAt: Timestamp)
    /// `topUpReference` is set for top-ups, which are unique per account and reference (BILL-2).
    case ledger(accountId: String, month: YearMonth, amount: Money, topUpReference: String?)
    case status(sendId: String, status: SendStatus, at: Timestamp)
    case idempotency(accountId: String, key: String)
    case optOut(accountId: String, number: String, optedOut: Bool)
    /// A step of a callback delivery; `pending` when neither delivered nor given up.
    case webhook(eventId: String, sendId: String, attempt: Int, pending: Bool)
}

/// An idempotency key or a top-up reference, which are unique per account.
struct AccountScopedKey: Hashable, Sendable {
    var accountId: String
    var key: String
}

/// The in-memory indexes over the journal, rebuilt at every start: sends by id and by account
/// and month, ledger lines by account and month, balances, idempotency keys, opt-outs.
///
/// Records themselves stay on disk and are read back by location, so memory grows by a few
/// dozen bytes per send, not by the size of the send.
struct StoreIndex: Sendable {
    struct SendSlot: Sendable {
        var location: LineLocation
        /// Index into the status line arrays of the latest one, or -1.
        var lastUpdate: Int32
        var status: SendStatus
        var channel: Channel
        var lastAt: Timestamp
    }

    private(set) var slots: ChunkedArray<SendSlot> = []
    /// Status lines, each chained to its send's previous one (an index into the same arrays, or
    /// -1): two arrays rather than one of pairs, 12 bytes a line instead of 16.
    private(set) var updateLocations: ChunkedArray<LineLocation> = []
    private(set) var previousUpdates: ChunkedArray<Int32> = []
    private var sendIds = SendIdTable()
    private(set) var sendsByAccount: [String: [YearMonth: ChunkedArray<Int32>]] = [:]
    private(set) var ledgerByAccount: [String: [YearMonth: ChunkedArray<LineLocation>]] = [:]
    private(set) var balances: [String: Money] = [:]
    private(set) var idempotency: [AccountScopedKey: LineLocation] = [:]
    private(set) var topUps: [AccountScopedKey: LineLocation] = [:]
    private(set) var optOuts: [String: Set<String>] = [:]
    /// Callback delivery records by send, in commit order.
    private(set) var webhooksBySend: [String: [LineLocation]] = [:]
    /// The latest record of each event still to deliver, and its attempt number. Finished
    /// events leave it, so it stays small; their records are found through `webhooksBySend`.
    private(set) var pendingWebhooks: [String: (location: LineLocation, attempt: Int)] = [:]

    /// Sizes the send-id table for the sends a journal of this size likely holds (a charged
    /// send with two status changes takes about 800 bytes) and a quarter more, so that neither
    /// start-up nor the sends that follow rebuild it as it fills.
    mutating func reserve(journalBytes: Int64) {
        sendIds.reserveCapacity(Int(journalBytes / 900) * 5 / 4 + 65_536)
    }

    func balance(_ accountId: String) -> Money { balances[accountId] ?? .zero }

    /// The slot number of a send, if stored.
    func sendNumber(_ id: String) -> Int32? { sendIds[id] }

    func slot(ofSend id: String) -> SendSlot? { sendIds[id].map { slots[Int($0)] } }

    /// The locations of a send's status lines, oldest first.
    func updateLocations(of slot: SendSlot) -> [LineLocation] {
        var result: [LineLocation] = []
        var next = slot.lastUpdate
        while next >= 0 {
            result.append(updateLocations[Int(next)])
            next = previousUpdates[Int(next)]
        }
        return result.reversed()
    }

    /// Adds one record; returns why it cannot be added (a duplicate or dangling reference).
    mutating func apply(_ record: IndexedRecord, at location: LineLocation) -> String? {
        switch record {
        case .send(let id, let accountId, let month, let channel, let status, let lastAt):
            guard sendIds[id] == nil else { return "send \(id) is stored twice" }
            let number = Int32(slots.count)
            slots.append(SendSlot(location: location, lastUpdate: -1, status: status, channel: channel, lastAt: lastAt))
            sendIds.append(id)
            sendsByAccount[accountId, default: [:]][month, default: []].append(number)
        case .ledger(let accountId, let month, let amount, let reference):
            if let reference {
                let scoped = AccountScopedKey(accountId: accountId, key: reference)
                guard topUps[scoped] == nil else {
                    return "top-up reference \(reference) of account \(accountId) is recorded twice (BILL-2)"
                }
                topUps[scoped] = location
            }
            balances[accountId, default: .zero] += amount
            ledgerByAccount[accountId, default: [:]][month, default: []].append(location)
        case .status(let sendId, let status, let at):
            guard let number = sendIds[sendId] else { return "status for send \(sendId), which is not stored before it" }
            var slot = slots[Int(number)]
            guard slot.status.canMove(to: status, channel: slot.channel) else {
                return "send \(sendId) moves from \(slot.status.rawValue) to \(status.rawValue): statuses only move forward"
            }
            updateLocations.append(location)
            previousUpdates.append(slot.lastUpdate)
            slot.lastUpdate = Int32(updateLocations.count - 1)
            slot.status = status
            slot.lastAt = at
            slots[Int(number)] = slot
        case .idempotency(let accountId, let key):
            let scoped = AccountScopedKey(accountId: accountId, key: key)
            guard idempotency[scoped] == nil else { return "idempotency key '\(key)' of account \(accountId) is used twice" }
            idempotency[scoped] = location
        case .optOut(let accountId, let number, let optedOut):
            if optedOut {
                optOuts[accountId, default: []].insert(number)
            } else {
                optOuts[accountId]?.remove(number)
            }
        case .webhook(let eventId, let sendId, let attempt, let pending):
            guard sendIds[sendId] != nil else { return "callback event \(eventId) for send \(sendId), which is not stored before it" }
            if let previous = pendingWebhooks[eventId]?.attempt, attempt <= previous {
                return "callback event \(eventId): attempt \(attempt) after attempt \(previous)"
            }
            webhooksBySend[sendId, default: []].append(location)
            pendingWebhooks[eventId] = pending ? (location, attempt) : nil
        }
        return nil
    }
}

extension IndexedRecord {
    /// Extracts the indexed facts from a journal line's `record` without decoding it whole.
    init?(kind: JournalKind, scanner: JSONScanner, record: Range<Int>) {
        var id: String?, accountId: String?, channel: Channel?, createdAt: YearMonth?, amount: Money?
        var at: YearMonth?, sendId: String?, key: String?, number: String?
        var ledgerKind: LedgerEntry.Kind?, reference: String?
        var eventId: String?, attempt: UInt64?, delivered = false, hasNextAttempt = false
        var last: Range<Int>? = nil
        var change: Range<Int>? = nil
        var optedOut = false
        // Stop reading the record once the kind's needed fields are in hand (a ledger line
        // written by the store needs only its first three members).
        var sawOptedOut = false
        func complete() -> Bool {
            switch kind {
            case .send: return id != nil && accountId != nil && channel != nil && createdAt != nil && last != nil
            case .ledger:
                // A top-up also needs its reference, further along the record; top-ups are
                // positive, so the bulk of entries, charges, stop after their third member.
                guard accountId != nil, let amount, at != nil else { return false }
                return amount <= .zero || (ledgerKind != nil && (ledgerKind != .topUp || reference != nil))
            case .status: return sendId != nil && change != nil
            case .idempotency: return accountId != nil && key != nil
            case .optOut: return accountId != nil && number != nil && sawOptedOut
            // Small records: read whole, since `nextAttemptAt` is absent when there is none.
            case .webhook: return false
            }
        }
        let ok = scanner.forEachMemberWhile(of: record) { name, value in
            // Dispatch on the key's length first: most members are then matched in one compare.
            switch name.count {
            case 2:
                if kind == .send, scanner.key(name, is: "id") {
                    id = scanner.string(value)
                } else if scanner.key(name, is: "at") {
                    at = scanner.month(value)
                }
            case 3:
                if scanner.key(name, is: "key") { key = scanner.string(value) }
            case 4:
                if kind == .ledger, scanner.key(name, is: "kind") { ledgerKind = scanner.enumValue(value, LedgerEntry.Kind.self) }
            case 6:
                if scanner.key(name, is: "amount") {
                    amount = scanner.money(value)
                } else if scanner.key(name, is: "sendId") {
                    sendId = scanner.string(value)
                } else if scanner.key(name, is: "number") {
                    number = scanner.string(value)
                } else if scanner.key(name, is: "change") {
                    change = value
                }
            case 7:
                if scanner.key(name, is: "channel") {
                    channel = scanner.enumValue(value, Channel.self)
                } else if kind == .webhook {
                    if scanner.key(name, is: "eventId") {
                        eventId = scanner.string(value)
                    } else if scanner.key(name, is: "attempt") {
                        attempt = scanner.integer(value)
                    }
                }
            case 8:
                if scanner.key(name, is: "optedOut") {
                    optedOut = scanner.isTrue(value)
                    sawOptedOut = true
                }
            case 9:
                if scanner.key(name, is: "accountId") {
                    accountId = scanner.string(value)
                } else if scanner.key(name, is: "createdAt") {
                    createdAt = scanner.month(value)
                } else if scanner.key(name, is: "reference") {
                    reference = scanner.string(value)
                } else if scanner.key(name, is: "delivered") {
                    delivered = scanner.isTrue(value)
                }
            case 13:
                if scanner.key(name, is: "statusHistory") {
                    _ = scanner.forEachElement(of: value) { last = $0 }
                } else if scanner.key(name, is: "nextAttemptAt") {
                    hasNextAttempt = scanner.timestamp(value) != nil
                }
            default:
                break
            }
            return !complete()
        }
        guard ok else { return nil }
        func statusAndTime(_ range: Range<Int>?) -> (SendStatus, Timestamp)? {
            guard let range else { return nil }
            var status: SendStatus?
            var at: Timestamp?
            let ok = scanner.forEachMember(of: range) { key, value in
                if scanner.key(key, is: "status") {
                    status = scanner.enumValue(value, SendStatus.self)
                } else if scanner.key(key, is: "at") {
                    at = scanner.timestamp(value)
                }
            }
            guard ok, let status, let at else { return nil }
            return (status, at)
        }
        switch kind {
        case .send:
            guard let id, let accountId, let channel, let month = createdAt,
                let (status, at) = statusAndTime(last)
            else { return nil }
            self = .send(id: id, accountId: accountId, month: month, channel: channel, status: status, lastAt: at)
        case .ledger:
            guard let accountId, let amount, let month = at
            else { return nil }
            self = .ledger(
                accountId: accountId, month: month, amount: amount, topUpReference: ledgerKind == .topUp && amount > .zero ? reference : nil
            )
        case .status:
            guard let sendId, let (status, at) = statusAndTime(change) else { return nil }
            self = .status(sendId: sendId, status: status, at: at)
        case .idempotency:
            guard let accountId, let key else { return nil }
            self = .idempotency(accountId: accountId, key: key)
        case .optOut:
            guard let accountId, let number else { return nil }
            self = .optOut(accountId: accountId, number: number, optedOut: optedOut)
        case .webhook:
            guard let eventId, let sendId, let attempt else { return nil }
            self = .webhook(eventId: eventId, sendId: sendId, attempt: Int(attempt), pending: !delivered && hasNextAttempt)
        }
    }
}
