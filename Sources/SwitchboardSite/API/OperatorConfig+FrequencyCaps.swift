extension OperatorConfig {
    /// Sends allowed to one recipient number from one account per minute, hour and day (USE-2).
    public struct FrequencyCaps: Sendable, Hashable {
        public var perMinute = 1
        public var perHour = 5
        public var perDay = 10

        public init(perMinute: Int = 1, perHour: Int = 5, perDay: Int = 10) {
            self.perMinute = perMinute
            self.perHour = perHour
            self.perDay = perDay
        }
    }
}
