extension Account {
    /// The `.byDefault` acceptances to record at `now` (AGR-2): one per version in effect by `now`
    /// that took effect after the account was opened and that it has not accepted yet, dated at the
    /// moment it took effect. None for an account that is terminated, frozen or recycled: it left
    /// (or was put out) before, and the job records versions as they take effect. Idempotent once
    /// the result is appended.
    public func deemedAcceptances(of versions: [(version: String, effective: Timestamp)], at now: Timestamp)
        -> [AgreementAcceptance]
    {
        guard ![.terminated, .frozen, .recycled].contains(status) else { return [] }
        var accepted = Set(agreementAcceptances.map(\.version))
        var deemed: [AgreementAcceptance] = []
        for (version, effective) in versions.sorted(by: { ($0.effective, $0.version) < ($1.effective, $1.version) })
        where effective <= now && effective > createdAt && !accepted.contains(version) {
            accepted.insert(version)
            deemed.append(AgreementAcceptance(version: version, at: effective, method: .byDefault))
        }
        return deemed
    }
}
