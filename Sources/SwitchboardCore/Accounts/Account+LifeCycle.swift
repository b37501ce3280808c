/// How an account ends or loses its credentials (ACCT-4, ACCT-5, TERM-1). Each returns a changed
/// copy; the ledger is not touched here (see `TerminationSettlement`).
extension Account {
    /// Months without a login after which an account is recycled (ACCT-5).
    public static let idleMonths = 12
    /// The display name an erased account keeps, so that nothing personal is left.
    public static let erasedName = "(erased)"

    /// Whether nobody has logged in (or, never having logged in, registered) for 12 calendar
    /// months at `now`: exactly 12 months on counts as idle (ACCT-5).
    public func isIdle(at now: Timestamp) -> Bool {
        (lastLoginAt ?? createdAt).addingCalendarMonths(Self.idleMonths) <= now
    }

    /// Whether the recycling job should recycle it at `now`: idle and in a status that may become `recycled`.
    public func isDueForRecycling(at now: Timestamp) -> Bool {
        isIdle(at: now) && status.canMove(to: .recycled)
    }

    /// Every API key and session not yet revoked, revoked at `now` ("report compromise", ACCT-4).
    public func revokingCredentials(at now: Timestamp) -> Account {
        var account = self
        for index in account.apiKeys.indices where account.apiKeys[index].revokedAt == nil {
            account.apiKeys[index].revokedAt = now
        }
        for index in account.sessions.indices where account.sessions[index].revokedAt == nil {
            account.sessions[index].revokedAt = now
        }
        return account
    }

    /// Recycled at `now` (ACCT-5): status `recycled`, credentials revoked, personal data erased,
    /// the email replaced by `recycled+<id>@invalid`; ids, dates and financial settings kept.
    public func recycled(at now: Timestamp) -> Account {
        var account = revokingCredentials(at: now).erasingPersonalData(emailTag: "recycled")
        account.status = .recycled
        return account
    }

    /// Terminated at `now` (TERM-1): status `terminated`, credentials revoked, and personal data
    /// erased (email `terminated+<id>@invalid`) when the operator chooses `eraseData`.
    public func terminated(at now: Timestamp, eraseData: Bool) -> Account {
        var account = revokingCredentials(at: now)
        if eraseData { account = account.erasingPersonalData(emailTag: "terminated") }
        account.status = .terminated
        return account
    }

    /// The copy with everything that identifies a person removed: email, profile, password,
    /// callback and secret, the values in the profile history and the addresses agreements were
    /// accepted from. What changed when, capabilities and money settings stay.
    func erasingPersonalData(emailTag: String) -> Account {
        var account = self
        account.email = "\(emailTag)+\(id)@invalid"
        let isOrganization = entityType == .organization
        account.profile = AccountProfile(
            displayName: Self.erasedName, organizationName: isOrganization ? Self.erasedName : nil,
            registrationNumber: isOrganization ? Self.erasedName : nil, contactPhone: nil)
        account.passwordHash = nil
        account.callbackURL = nil
        account.signingSecret = nil
        account.profileHistory = profileHistory.map { ProfileChange(at: $0.at, field: $0.field, oldValue: nil, newValue: nil) }
        account.agreementAcceptances = agreementAcceptances.map {
            AgreementAcceptance(version: $0.version, at: $0.at, method: $0.method, sourceAddress: nil)
        }
        return account
    }
}
