import SwitchboardCore
import Testing

@testable import SwitchboardServer

/// The frequency caps' table of recipients: what is set is read back, whatever is removed or
/// forgotten around it, against a plain dictionary doing the same.
@Suite("Recipient moments")
struct RecipientMomentsTests {
    @Test("Random sets, removals and sweeps read back as a dictionary would")
    func againstDictionary() {
        var table = RecipientMoments()
        var expected: [String: [Timestamp]] = [:]
        var generator = SystemRandomNumberGenerator()
        // A few numbers that do not pack, among many that do.
        let numbers = (0..<3000).map { "+86139\(String(format: "%08d", $0 * 7))" } + ["+", "13800138000", "+86 139", "+1234567890123456"]
        for step in 0..<40_000 {
            let number = numbers[Int(generator.next(upperBound: UInt64(numbers.count)))]
            let moment = Timestamp(millisecondsSince1970: Int64(step))
            switch generator.next(upperBound: 4 as UInt64) {
            case 0: expected[number] = nil
            case 1: expected[number] = [moment]
            default: expected[number, default: []].append(moment)
            }
            table[number] = expected[number] ?? []
            if step % 10_000 == 9_999 {
                let since = Timestamp(millisecondsSince1970: Int64(step - 5_000))
                table.keepOnly(after: since)
                expected = expected.compactMapValues { times in
                    let kept = times.filter { $0 > since }
                    return kept.isEmpty ? nil : kept
                }
            }
        }
        #expect(table.count == expected.count)
        for number in numbers { #expect(table[number] == (expected[number] ?? []), "\(number)") }
    }

    @Test("Numbers pack to their digits and count: leading zeros and length tell numbers apart; others do not pack")
    func packing() {
        #expect(RecipientMoments.pack("+123") != RecipientMoments.pack("+0123"))
        #expect(RecipientMoments.pack("+8613900000001") != RecipientMoments.pack("+8613900000002"))
        #expect(RecipientMoments.pack("+999999999999999") != nil)
        for other in ["", "+", "8613900000001", "+86-139", "+1234567890123456", "+８６"] {
            #expect(RecipientMoments.pack(other) == nil, "\(other)")
        }
    }
}
