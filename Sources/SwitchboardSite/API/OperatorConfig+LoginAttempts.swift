extension OperatorConfig {
    /// How many failed logins are allowed within a window before further attempts are refused (ACCT-4).
    public struct LoginAttempts: Sendable, Hashable {
        /// Failures allowed per account within the window.
        public var perAccount = 5
        /// Failures allowed per client address within the window.
        public var perAddress = 20
        public var windowMinutes = 15

        public init(perAccount: Int = 5, perAddress: Int = 20, windowMinutes: Int = 15) {
            self.perAccount = perAccount
            self.perAddress = perAddress
            self.windowMinutes = windowMinutes
        }
    }
}
