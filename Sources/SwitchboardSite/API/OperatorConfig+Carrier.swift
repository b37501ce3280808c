extension OperatorConfig {
    /// The built-in carrier simulator: deterministic for a seed, with configurable delays and outcomes.
    public struct Carrier: Sendable, Hashable {
        public var seed = 1
        /// Delay between a send's status changes.
        public var delayMilliseconds = 400
        /// Share of SMS delivered; the rest of those not failed end undelivered.
        public var deliveryRate = 0.95
        /// Share of sends the carrier never takes (`failed`, refunded in full).
        public var failureRate = 0.02
        /// Share of calls nobody answers.
        public var noAnswerRate = 0.1

        public init(
            seed: Int = 1, delayMilliseconds: Int = 400, deliveryRate: Double = 0.95, failureRate: Double = 0.02, noAnswerRate: Double = 0.1
        ) {
            self.seed = seed
            self.delayMilliseconds = delayMilliseconds
            self.deliveryRate = deliveryRate
            self.failureRate = failureRate
            self.noAnswerRate = noAnswerRate
        }
    }
}
