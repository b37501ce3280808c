extension StringProtocol {
    /// The text without leading and trailing white space and newlines.
    ///
    /// Native, because Foundation's `trimmingCharacters(in:)` bridges through NSString on Linux
    /// and showed up as a tenth of a 10,000-page build.
    public func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
            let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
