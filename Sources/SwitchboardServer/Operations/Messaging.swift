import Foundation
import SwitchboardCore
import SwitchboardStore

/// Sending an SMS or placing a call: the checks in the order SPEC.md gives them, each with its
/// error, then the send, its charge and the request's idempotency record in one durable commit,
/// and only then the hand-over to the carrier.
struct Messaging: Sendable {
    let platform: Platform
    private var carrier: any Carrier { platform.carrier }
    private var recentSends: RecentSends { platform.recentSends }
    private var packageLedger: PackageLedger { platform.packageLedger }
    /// Sends of an account that draw on packages or its free trial are made one at a time, so
    /// two cannot use the same units; sends paid from the balance rely on the store's atomic
    /// balance check.
    private var accountLock: KeyedLock { platform.accountLock }

    /// What the developer asked for.
    struct Order: Sendable {
        var channel: Channel
        var to: String
        /// The SMS text (with the signature prepended) or the text a call reads out.
        var text: String
        /// Minutes reserved for a call; the longest it may last.
        var estimatedMinutes: Int?
        var callbackURL: String?
        var idempotencyKey: String?
        var requestHash: String? = nil
    }

    /// The stored send, charged; throws the first check that fails.
    func send(_ order: Order, from account: Account) async throws -> (send: Send, response: Data) {
        let now = platform.now()
        try Self.checkStanding(account, for: order.channel)
        let number: PhoneNumber
        do {
            number = try PhoneNumber(validating: order.to, field: "to")
        } catch {
            throw APIError(.unprocessableContent, "invalid_number", error.message, field: "to")
        }
        if try await platform.store.isOptedOut(accountId: account.id, number: number.e164) {
            throw APIError(
                .unprocessableContent, "recipient_opted_out", "\(number.e164) opted out of your messages; nothing was sent or charged.",
                field: "to")
        }
        if let rule = platform.contentPolicy.firstMatch(in: order.text) {
            let rejected = try await recordRejected(order, to: number.e164, account: account, at: now)
            throw APIError(
                .unprocessableContent, "content_rejected",
                "The text matches the content policy (\(rule.kind.rawValue) '\(rule.text)'); recorded as \(rejected.id), not sent, not charged.",
                field: order.channel == .sms ? "body" : "tts")
        }
        let caps = FrequencyCaps(
            perMinute: platform.settings.frequencyCaps.perMinute, perHour: platform.settings.frequencyCaps.perHour,
            perDay: platform.settings.frequencyCaps.perDay)
        if case .limited(let window, let retryAfter) = try await recentSends.reserve(
            accountId: account.id, number: number.e164, caps: caps, now: now)
        {
            throw APIError.tooManyRequests(
                "frequency_limited", "\(number.e164) already had \(window.limit) message(s) from you in the last \(window.name).",
                retryAfterSeconds: Int(retryAfter))
        }
        do {
            return try await charge(order, to: number, account: account, at: now)
        } catch {
            await recentSends.release(accountId: account.id, number: number.e164, at: now)
            throw error
        }
    }

    /// Active accounts with the capability may send (PLAT-3, CAP-1).
    static func checkStanding(_ account: Account, for channel: Channel) throws {
        guard account.status.maySend else {
            throw APIError(.forbidden, "account_\(account.status.rawValue)", "This account is \(account.status.rawValue); it cannot send.")
        }
        let capability: Capability = channel == .sms ? .sms : .voice
        guard account.capabilities.last(where: { $0.capability == capability })?.decision == .approved else {
            throw APIError(
                .forbidden, "capability_not_granted",
                "The \(capability.rawValue) capability is not granted to this account; apply with POST /v1/account/capabilities.")
        }
    }

    private func charge(_ order: Order, to number: PhoneNumber, account: Account, at now: Timestamp) async throws -> (
        send: Send, response: Data
    ) {
        let service = ServiceRoute().service(for: order.channel, to: number)
        let allowance = platform.settings.trialAllowance[service] ?? 0
        let units = try await packageLedger.entries(of: account, currentMonth: now.month)
        let drawsOnAllowances =
            (order.channel == .sms && !PackageHoldings(accountId: account.id, entries: units).active(at: now).isEmpty)
            || allowance > SendQuote.trialUnitsUsed(service: service, accountId: account.id, entries: units)
        guard drawsOnAllowances else {
            return try await quoteAndCommit(
                order, to: number, service: service, account: account, holdings: PackageHoldings(accountId: account.id, entries: []),
                trialRemaining: 0, at: now)
        }
        return try await accountLock.withLock(account.id) {
            let current = try await packageLedger.entries(of: account, currentMonth: now.month)
            let trialRemaining = allowance - SendQuote.trialUnitsUsed(service: service, accountId: account.id, entries: current)
            return try await quoteAndCommit(
                order, to: number, service: service, account: account, holdings: PackageHoldings(accountId: account.id, entries: current),
                trialRemaining: max(trialRemaining, 0), at: now)
        }
    }

    private func quoteAndCommit(
        _ order: Order, to number: PhoneNumber, service: String, account: Account, holdings: PackageHoldings, trialRemaining: Int,
        at now: Timestamp
    ) async throws -> (send: Send, response: Data) {
        let site = await platform.site()
        let segments = order.channel == .sms ? SMSSegments(order.text).count : nil
        let quantity = segments ?? order.estimatedMinutes ?? 1
        let sendId = Secrets.id(order.channel == .sms ? "sms" : "call")
        let outcome = SendQuote.make(
            book: site.priceBook, service: service, quantity: quantity, at: now, accountId: account.id, sendId: sendId,
            trialRemaining: trialRemaining, holdings: holdings, balance: try await platform.store.balance(accountId: account.id),
            makeId: { Secrets.id("txn") })
        let quote: SendQuote
        switch outcome {
        case .affordable(let affordable): quote = affordable
        case .insufficientBalance(let unaffordable, let shortfall):
            throw APIError(
                HTTPStatus.paymentRequired, "insufficient_balance",
                "This send costs \(unaffordable.price) \(unaffordable.currency); the balance is short by \(shortfall). Nothing was charged."
            )
        case .priceUnavailable(let service):
            throw APIError(
                .unprocessableContent, "price_unavailable", "No price is published for \(service) at this moment; nothing was sent.",
                field: "to")
        case .invalidQuantity(let quantity):
            throw APIError.invalidField(
                order.channel == .sms ? "body" : "estimatedMinutes", "A send of \(quantity) units cannot be priced.")
        }
        let send = Send(
            id: sendId, accountId: account.id, channel: order.channel, to: number.e164, body: order.text, segments: segments,
            reservedMinutes: order.channel == .call ? quantity : nil, price: quote.price, currency: quote.currency, createdAt: now,
            idempotencyKey: order.idempotencyKey, callbackURL: order.callbackURL, statusHistory: [StatusChange(status: .queued, at: now)])
        let response = Data(SendView(send).json)
        var idempotency: IdempotencyRecord?
        if let key = order.idempotencyKey, let hash = order.requestHash {
            idempotency = IdempotencyRecord(
                accountId: account.id, key: key, requestHash: hash, responseStatus: 201,
                responseBody: String(decoding: response, as: UTF8.self), createdAt: now)
        }
        do {
            try await platform.store.commit(StoreTransaction(sends: [send], ledgerEntries: quote.entries, idempotency: idempotency))
        } catch StoreError.insufficientBalance(_, let balance, let short) {
            throw APIError(
                HTTPStatus.paymentRequired, "insufficient_balance",
                "This send costs \(quote.price) \(quote.currency); the balance of \(balance) is short by \(short). Nothing was charged.")
        }
        await packageLedger.record(quote.entries)
        platform.sendsInFlight.remember(send, charges: quote.entries)
        await carrier.submit(
            CarrierMessage(sendId: send.id, channel: send.channel, to: send.to, text: order.text, maximumMinutes: send.reservedMinutes),
            current: .queued)
        return (send, response)
    }

    /// A send refused by the content policy is kept, `rejected` and free, so the operator sees
    /// the attempt (USE-1).
    private func recordRejected(_ order: Order, to number: String, account: Account, at now: Timestamp) async throws -> Send {
        let send = Send(
            id: Secrets.id(order.channel == .sms ? "sms" : "call"), accountId: account.id, channel: order.channel, to: number,
            body: order.text, price: .zero, currency: await platform.currency(), createdAt: now, idempotencyKey: order.idempotencyKey,
            statusHistory: [StatusChange(status: .rejected, at: now, detail: "content policy")])
        try await platform.store.commit(StoreTransaction(sends: [send]))
        return send
    }
}
