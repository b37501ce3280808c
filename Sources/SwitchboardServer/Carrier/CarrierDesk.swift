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
        // group commit; one send's reports always take the same lane, in the order they came.
        let lanes = (0..<Self.lanes).map { _ in AsyncStream.makeStream(of: CarrierReport.self) }
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for lane in lanes {
                    group.addTask {
                        for await report in lane.stream { await record(report) }
                    }
                }
                for await report in carrier.reports {
                    lanes[Self.lane(of: report)].continuation.yield(report)
                }
                for lane in lanes { lane.continuation.finish() }
            }
        }
    }

    static let lanes = 16

    /// A send's lane, from its id; replies take the first.
    static func lane(of report: CarrierReport) -> Int {
        guard case .status(let sendId, _) = report else { return 0 }
        var hash: UInt32 = 2_166_136_261
        for byte in sendId.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int(hash % UInt32(lanes))
    }

    private func record(_ report: CarrierReport) async {
        do {
            try await handle(report)
        } catch {
            logger.error("carrier report not recorded: \(error)", metadata: ["report": "\(report)"])
        }
    }

    func handle(_ report: CarrierReport) async throws {
        switch report {
        case .status(let sendId, let change): try await record(change, of: sendId)
        case .reply(let number, let text, let at): try await receiveReply(from: number, text: text, at: at)
        }
    }

    private func record(_ change: StatusChange, of sendId: String) async throws {
        let inFlight = platform.sendsInFlight.entry(sendId)
        let stored = inFlight == nil ? try await platform.store.send(id: sendId) : nil
        guard let send = inFlight?.send ?? stored, send.accepts(change) else { return }
        var entries: [LedgerEntry] = []
        let refundRule = SMSRefundRule(refundsUndelivered: platform.settings.refundUndelivered)
        // What paid for the send: remembered since its commit, or (after a restart) read from its
        // month of ledger, one decode per entry of the account, and only when something may be
        // given back or settled (a call, or an SMS the rule refunds).
        if change.status.isFinal, send.channel == .call || refundRule.refunds(change.status) {
            let held: [LedgerEntry]
            if let charges = inFlight?.charges {
                held = charges
            } else {
                held = try await platform.store.ledgerEntries(accountId: send.accountId, month: send.createdAt.month).filter {
                    $0.sendId == sendId
                }
            }
            switch send.channel {
            case .sms:
                entries = refundRule.entries(
                    sendId: sendId, status: change.status, entries: held, at: change.at, makeId: { Secrets.id("txn") })
            case .call:
                entries =
                    CallSettlement(
                        sendId: sendId, status: change.status, durationSeconds: change.durationSeconds, entries: held, at: change.at,
                        makeId: { Secrets.id("txn") })?.entries ?? []
            }
        }
        // The callback event is queued in the same commit as the change, so a restart finds it.
        let account = send.callbackURL == nil ? try await platform.store.account(id: send.accountId) : nil
        let event = WebhookEvent.queued(for: send, change: change, account: account, at: platform.now())
        try await platform.store.recordStatus(sendId: sendId, change, ledgerEntries: entries, webhooks: event.map { [$0] } ?? [])
        platform.sendsInFlight.recorded(change, of: sendId)
        await packageLedger.record(entries)
        if let event { webhooks?.enqueue(event) }
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
                for send in try await platform.store.sends(accountId: account.id, month: month) where !send.status.isFinal {
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
