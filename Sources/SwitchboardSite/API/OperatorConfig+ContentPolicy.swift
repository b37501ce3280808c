extension OperatorConfig {
    /// Words and regular expressions that a send's text must not contain (USE-1).
    public struct ContentPolicy: Sendable, Hashable {
        /// Matched case-insensitively as plain text.
        public var words: [String] = []
        /// `NSRegularExpression` patterns, each checked to compile when the file is read.
        public var patterns: [String] = []

        public init(words: [String] = [], patterns: [String] = []) {
            self.words = words
            self.patterns = patterns
        }
    }
}
