import Logging
import ServiceLifecycle
import SwitchboardCore
import SwitchboardStore

/// Takes in what the carrier reports. Each status change is stored durably, in one commit with
/// what it settles: the full refund of an SMS the carrier never took (BILL-2), the settlement of
/// a call to its real minutes. Opt-out replies (STOP, 退订, …) go on the opt-out list of every
/// account that recently sent to the number (USE-2). At start, every send still on its way
/// when the server stopped is handed to the carrier again, so none is left behind.
public struct CarrierDesk: Service {
    let platform: Platform
    let logger: Logger
    /// Starts the callbacks of recorded changes at once (they are queued in the store anyway).
    let webhooks: WebhookDispatcher?
    private var carrier: any Carrier { platform.carrier }
    private var packageLedger: PackageLedger { platform.packageLedger }

    public init(platform: Platform, logger: Logger, webhooks: WebhookDispatcher? = nil) {
        self.platform = platform
        self.logger = logger
        self.webhooks = webhooks
    }

    public func run() async throws {
        try await resumeSendsInFlight()
        // Reports are recorded by several lanes at once, so their commits share the journal's
        // group commit; one send's reports always take the same lane, in the order they came,
        // and a lane records everything waiting for it in one commit.
        let lanes = (0..<Self.lanes).map { _ in ReportLane() }
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for lane in lanes {
                    group.addTask {
                        for await _ in lane.signals { await recordWaiting(in: lane) }
                        await recordWaiting(in: lane)
                    }
                }
                for await report in carrier.reports {
                    lanes[Self.lane(of: report)].add(report)
                }
                for lane in lanes { lane.finish() }
            }
        }
    }

    /// The most status changes one commit records.
    static let batchLimit = 512

    static let lanes = 16

    /// A send's lane, from its id; replies take the first.
    static func lane(of report: CarrierReport) -> Int {
        guard case .status(let sendId, _) = report else { return 0 }
        var hash: UInt32 = 2_166_136_261
        for byte in sendId.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int(hash % UInt32(lanes))
    }

    private func recordWaiting(in lane: ReportLane) async {
        while case let reports = lane.take(upTo: Self.batchLimit), !reports.isEmpty {
            do {
                try await handle(reports)
            } catch {
                logger.error("carrier reports not recorded: \(error)", metadata: ["reports": "\(reports.count)"])
            }
        }
    }

    func handle(_ report: CarrierReport) async throws {
        try await handle([report])
    }

    /// Records reports in the order they came: the status changes together in one commit, with
    /// the refunds, settlements and callback events they cause; replies one by one.
    func handle(_ reports: [CarrierReport]) async throws {
        var changes: [(sendId: String, change: StatusChange)] = []
        for report in reports {
            switch report {
            case .status(let sendId, let change):
                changes.append((sendId, change))
            case .reply(let number, let text, let at):
                try await record(changes)
                changes = []
                try await receiveReply(from: number, text: text, at: at)
            }
        }
        try await record(changes)
    }

    /// What one commit of status changes holds.
    private struct Batch {
        var changes: [(sendId: String, change: StatusChange)] = []
        var entries: [LedgerEntry] = []
        var events: [WebhookAttempt] = []
    }

    private func record(_ changes: [(sendId: String, change: StatusChange)]) async throws {
        guard !changes.isEmpty else { return }
        var batch = Batch()
        // Each send as it stands with the changes before it in this batch, and the accounts
        // read for their callback URL (read once per batch).
        var sends: [String: Send] = [:]
        var accounts: [String: Account?] = [:]
        for (sendId, change) in changes {
            let inFlight = platform.sendsInFlight.entry(sendId)
            var current = sends[sendId] ?? inFlight?.send
            if current == nil { current = try await platform.store.send(id: sendId) }
            guard var send = current, send.accepts(change) else { continue }
            batch.entries += try await settlement(of: send, change: change, charges: inFlight?.charges)
            // The callback event is queued in the same commit as the change, so a restart finds it.
            var account: Account? = nil
            if send.callbackURL == nil {
                if let known = accounts[send.accountId] {
                    account = known
                } else {
                    account = try await platform.store.account(id: send.accountId)
                    accounts[send.accountId] = account
                }
            }
            if let event = WebhookEvent.queued(for: send, change: change, account: account, at: platform.now()) {
                batch.events.append(event)
            }
            batch.changes.append((sendId, change))
            send.statusHistory.append(change)
            sends[sendId] = send
        }
        guard !batch.changes.isEmpty else { return }
        do {
            try await platform.store.commit(
                StoreTransaction(ledgerEntries: batch.entries, statusChanges: batch.changes, webhookAttempts: batch.events))
        } catch {
            // One change the store refuses must not hold back the others; a store that is
            // closed or stopped refuses them all.
            if case StoreError.fatal = error { throw error }
            if case StoreError.closed = error { throw error }
            guard changes.count > 1 else { throw error }
            for change in changes {
                do {
                    try await record([change])
                } catch {
                    logger.error("carrier report not recorded: \(error)", metadata: ["send": "\(change.sendId)"])
                }
            }
            return
        }
        for (sendId, change) in batch.changes { platform.sendsInFlight.recorded(change, of: sendId) }
        await packageLedger.record(batch.entries)
        for event in batch.events { webhooks?.enqueue(event) }
    }

    /// The ledger entries a final status brings: the refund of an SMS the rule gives back, the
    /// settlement of a call. What paid for the send is remembered since its commit, or (after a
    /// restart) read from its month of ledger, and only when something may be given back or
    /// settled.
    private func settlement(of send: Send, change: StatusChange, charges: [LedgerEntry]?) async throws -> [LedgerEntry] {
        let refundRule = SMSRefundRule(refundsUndelivered: platform.settings.refundUndelivered)
        guard change.status.isFinal, send.channel == .call || refundRule.refunds(change.status) else { return [] }
        let held: [LedgerEntry]
        if let charges {
            held = charges
        } else {
            held = try await platform.store.ledgerEntries(accountId: send.accountId, month: send.createdAt.month).filter {
                $0.sendId == send.id
            }
        }
        switch send.channel {
        case .sms:
            return refundRule.entries(sendId: send.id, status: change.status, entries: held, at: change.at, makeId: { Secrets.id("txn") })
        case .call:
            return CallSettlement(
                sendId: send.id, status: change.status, durationSeconds: change.durationSeconds, entries: held, at: change.at,
                makeId: { Secrets.id("txn") })?.entries ?? []
        }
    }

    private func receiveReply(from number: String, text: String, at moment: Timestamp) async throws {
        guard let keyword = OptOutKeyword(reply: text) else { return }
        for accountId in try await accountsThatSent(to: number, before: moment) {
            try await platform.store.recordOptOut(keyword.record(accountId: accountId, number: number, at: moment))
        }
    }

    /// Accounts with a send to `number` this month or last.
    private func accountsThatSent(to number: String, before moment: Timestamp) async throws -> [String] {
        var found: [String] = []
        for account in try await platform.store.allAccounts() {
            for month in [moment.month.previous, moment.month] {
                if try await platform.store.sends(accountId: account.id, month: month).contains(where: { $0.to == number }) {
                    found.append(account.id)
                    break
                }
            }
        }
        return found
    }

    /// Sends of this month and last that had not reached a final status.
    private func resumeSendsInFlight() async throws {
        let now = platform.now()
        var resumed = 0
        for account in try await platform.store.allAccounts() {
            for month in [now.month.previous, now.month] {
                for send in try await platform.store.sendsInFlight(accountId: account.id, month: month) {
                    await carrier.submit(
                        CarrierMessage(
                            sendId: send.id, channel: send.channel, to: send.to, text: send.body ?? "", maximumMinutes: send.reservedMinutes
                        ),
                        current: send.status)
                    resumed += 1
                }
            }
        }
        if resumed > 0 { logger.info("carrier: resumed \(resumed) sends in flight") }
    }
}
