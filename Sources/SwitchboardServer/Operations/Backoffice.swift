import Foundation
import SwitchboardCore
import SwitchboardStore

/// The operator's actions on accounts, shared by the operator API and `switchboard admin`:
/// find accounts, decide capability applications (CAP-1), record top-ups (BILL-2), suspend,
/// resume, freeze and terminate (PLAT-3, TERM-1, PKG-2). Refusals are `APIError`s whose
/// message says what to do.
public struct Backoffice: Sendable {
    let platform: Platform

    public init(platform: Platform) { self.platform = platform }

    /// Accounts whose id, e-mail, name or organisation contains `query` (case-insensitive),
    /// optionally only those in `status` or with a pending application, ordered by id, at most
    /// `limit` after the id `startingAfter`.
    public func accounts(
        matching query: String? = nil, status: AccountStatus? = nil, pendingOnly: Bool = false, startingAfter: String? = nil,
        limit: Int = 100
    ) async throws -> (accounts: [Account], hasMore: Bool) {
        let needle = query?.lowercased()
        let matching = try await platform.store.allAccounts().filter { account in
            if let startingAfter, account.id <= startingAfter { return false }
            if let status, account.status != status { return false }
            if pendingOnly, !account.capabilities.contains(where: { $0.decision == .pending }) { return false }
            guard let needle, !needle.isEmpty else { return true }
            return [account.id, account.email, account.profile.displayName, account.profile.organizationName ?? ""]
                .contains { $0.lowercased().contains(needle) }
        }
        return (Array(matching.prefix(limit)), matching.count > limit)
    }

    /// The account with `id`, or 404.
    public func account(_ id: String) async throws -> Account {
        guard let account = try await platform.store.account(id: id) else { throw APIError.notFound("Account \(id)") }
        return account
    }

    /// Approves or rejects the account's pending application for `capability` (CAP-1).
    public func decide(accountId: String, capability: Capability, approve: Bool, note: String? = nil) async throws -> Account {
        let current = try await account(accountId)
        guard current.status != .terminated, current.status != .recycled else {
            throw APIError(.conflict, "account_closed", "Account \(accountId) is \(current.status.rawValue); its applications are closed.")
        }
        let now = platform.now()
        return try await platform.store.updateAccount(id: accountId) { account in
            guard let index = account.capabilities.lastIndex(where: { $0.capability == capability }),
                account.capabilities[index].decision == .pending
            else {
                throw APIError(
                    .conflict, "no_pending_application", "Account \(accountId) has no pending application for \(capability.rawValue).")
            }
            account.capabilities[index].decision = approve ? .approved : .rejected
            account.capabilities[index].decidedAt = now
            account.capabilities[index].note = note
        }
    }

    /// A recorded top-up and the balance after it; `created` is false when the reference was
    /// recorded before and the first entry is returned unchanged (BILL-2).
    public struct TopUp: Sendable {
        public let entry: LedgerEntry
        public let balance: Money
        public let created: Bool
    }

    /// Records money paid in by `method` (e.g. `alipay`) under the payment's external reference.
    public func topUp(accountId: String, amount: Money, method: String, reference: String) async throws -> TopUp {
        try await platform.accountLock.withLock(accountId) {
            try await topUpLocked(accountId: accountId, amount: amount, method: method, reference: reference)
        }
    }

    private func topUpLocked(accountId: String, amount: Money, method: String, reference: String) async throws -> TopUp {
        let account = try await account(accountId)
        guard amount > .zero, amount <= Self.largestTopUp else {
            throw APIError.invalidField("amount", "'amount' must be more than 0 and at most \(Self.largestTopUp).")
        }
        guard Self.isToken(method, maxLength: 40) else {
            throw APIError.invalidField("method", "'method' must be 1 to 40 letters, digits, '-' or '_', such as \"alipay\".")
        }
        guard (1...128).contains(reference.count), !reference.contains(where: \.isWhitespace) else {
            throw APIError.invalidField("reference", "'reference' must be 1 to 128 characters without spaces.")
        }
        if let first = try await platform.store.topUp(accountId: accountId, reference: reference) {
            return TopUp(entry: first, balance: try await platform.store.balance(accountId: accountId), created: false)
        }
        guard account.status != .terminated, account.status != .recycled else {
            throw APIError(.conflict, "account_closed", "Account \(accountId) is \(account.status.rawValue); it takes no top-ups.")
        }
        let entry = LedgerEntry(
            id: Secrets.id("txn"), accountId: accountId, at: platform.now(), kind: .topUp, amount: amount,
            currency: await platform.currency(), method: method, reference: reference)
        do {
            let receipt = try await platform.store.appendLedger([entry])
            return TopUp(entry: entry, balance: receipt.balances[accountId] ?? amount, created: true)
        } catch StoreError.topUpRecorded(let first) {
            return TopUp(entry: first, balance: try await platform.store.balance(accountId: accountId), created: false)
        }
    }

    /// The largest single top-up accepted, a guard against a mistyped amount.
    public static let largestTopUp = Money(microUnits: 100_000_000 * Money.scale)

    static func isToken(_ text: String, maxLength: Int) -> Bool {
        (1...maxLength).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}

extension Platform {
    /// The currency of the prices in effect (every sheet of a site uses one).
    func currency() async -> String {
        let book = await site().priceBook
        return book.sheet(at: now().date)?.currency ?? book.sheets.first?.currency ?? "CNY"
    }
}
