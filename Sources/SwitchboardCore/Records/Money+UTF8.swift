extension Money {
    /// Parses an exact decimal amount from UTF-8 bytes with exactly the grammar of
    /// `Money.init?(_:)` (optional `-`, 1–12 digits, optionally `.` and 1–4 digits), without
    /// making a `String`: start-up reads a million amounts this way. Tests hold the two equal.
    public init?(utf8 bytes: UnsafeRawBufferPointer) {
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var whole: Int64 = 0
        var wholeDigits = 0
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            whole = whole * 10 + Int64(bytes[index] - 48)
            wholeDigits += 1
            index += 1
        }
        guard wholeDigits >= 1, wholeDigits <= 12 else { return nil }
        var micro: Int64 = 0
        if index < bytes.count {
            guard bytes[index] == UInt8(ascii: ".") else { return nil }
            index += 1
            var fractionDigits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                micro = micro * 10 + Int64(bytes[index] - 48)
                fractionDigits += 1
                index += 1
            }
            guard index == bytes.count, fractionDigits >= 1, fractionDigits <= Money.maximumFractionDigits else { return nil }
            for _ in fractionDigits..<6 { micro *= 10 }
        }
        let value = whole * Money.scale + micro
        self.init(microUnits: negative ? -value : value)
    }
}
