extension Account {
    /// The account with `update` applied at `now` and one `ProfileChange` recorded for each field
    /// whose value actually changed (ACCT-2). Validate the update first (`ProfileUpdate.validate`).
    public func applyingProfileChange(_ update: ProfileUpdate, at now: Timestamp) -> Account {
        var account = self
        func record(_ field: String, _ old: String?, _ new: String?) -> Bool {
            guard old != new else { return false }
            account.profileHistory.append(ProfileChange(at: now, field: field, oldValue: old, newValue: new))
            return true
        }
        if let name = update.displayName?.trimmingWhitespace(), record("displayName", profile.displayName, name) {
            account.profile.displayName = name
        }
        if let phone = update.contactPhone, record("contactPhone", profile.contactPhone, phone) {
            account.profile.contactPhone = phone
        }
        if let name = update.organizationName.map({ $0?.trimmingWhitespace() }),
            record("organizationName", profile.organizationName, name)
        {
            account.profile.organizationName = name
        }
        if let number = update.registrationNumber.map({ $0?.trimmingWhitespace() }),
            record("registrationNumber", profile.registrationNumber, number)
        {
            account.profile.registrationNumber = number
        }
        if let threshold = update.lowBalanceThreshold,
            record("lowBalanceThreshold", lowBalanceThreshold?.formatted(), threshold?.formatted())
        {
            account.lowBalanceThreshold = threshold
        }
        if let url = update.callbackURL, record("callbackURL", callbackURL, url) {
            account.callbackURL = url
        }
        return account
    }
}
