import SwitchboardCore

extension Backoffice {
    /// What the operator can do to an account's standing (PLAT-3, TERM-1).
    public enum StatusAction: String, Sendable, CaseIterable {
        /// Reversible: no sends until resumed.
        case suspend
        case resume
        /// Permanent: no sends ever again; the developer can still sign in to read bills.
        case freeze
        /// Ends the account: keys and sessions revoked, balance and unused package value paid back (PKG-2).
        case terminate

        /// The status the action leads to.
        public var target: AccountStatus {
            switch self {
            case .suspend: .suspended
            case .resume: .active
            case .freeze: .frozen
            case .terminate: .terminated
            }
        }
    }

    /// Moves the account to the action's status, recording the change and the reason in its
    /// history. Terminating first settles its money; `eraseData` also erases its personal data.
    public func apply(_ action: StatusAction, accountId: String, reason: String? = nil, eraseData: Bool = false) async throws -> Account {
        // One change of an account's standing or money at a time: two terminations racing
        // must not both settle, nor a top-up land between the settlement and the status.
        try await platform.accountLock.withLock(accountId) {
            try await applyLocked(action, accountId: accountId, reason: reason, eraseData: eraseData)
        }
    }

    private func applyLocked(_ action: StatusAction, accountId: String, reason: String?, eraseData: Bool) async throws -> Account {
        let account = try await account(accountId)
        let target = action.target
        guard account.status.canMove(to: target) else {
            throw APIError(
                .conflict, "invalid_status_change",
                "Account \(accountId) is \(account.status.rawValue); it cannot be moved to \(target.rawValue).")
        }
        let now = platform.now()
        if action == .terminate {
            let settlement = TerminationSettlement(
                balance: try await platform.store.balance(accountId: accountId), holdings: try await platform.packageHoldings(of: account),
                initiator: .operator, at: now, currency: await platform.currency(), makeId: { Secrets.id("txn") })
            if !settlement.entries.isEmpty {
                try await platform.store.appendLedger(settlement.entries)
                await platform.packageLedger.record(settlement.entries)
            }
        }
        let updated = try await platform.store.updateAccount(id: accountId) { account in
            guard account.status.canMove(to: target) else {
                throw APIError(
                    .conflict, "invalid_status_change", "Account \(accountId) changed meanwhile; it is \(account.status.rawValue).")
            }
            let previous = account.status
            if action == .terminate {
                account = account.terminated(at: now, eraseData: eraseData)
            } else {
                account.status = target
            }
            let reasonText = reason.map { ": \($0)" } ?? ""
            account.profileHistory.append(
                ProfileChange(at: now, field: "status", oldValue: previous.rawValue, newValue: target.rawValue + reasonText))
        }
        if action == .terminate, eraseData {
            _ = try await platform.store.eraseMessageData(accountId: accountId, createdBefore: now.adding(seconds: 1))
        }
        return updated
    }
}
