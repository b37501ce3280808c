import Foundation
import Testing

@testable import SwitchboardCore

@Suite("PhoneNumber")
struct PhoneNumberTests {
    @Test(
        "E.164 numbers of 8 to 15 digits are accepted and kept as written",
        arguments: ["+8613800138000", "+12025550123", "+44207946000", "+12345678", "+123456789012345", "+91234567"])
    func acceptsE164(text: String) throws {
        let number = try PhoneNumber(validating: text)
        #expect(number.e164 == text)
        #expect(number.description == text)
    }

    @Test(
        "Anything but + and 8 to 15 ASCII digits, the first not 0, is invalid_number",
        arguments: [
            "", "+", "8613800138000", "+0613800138000", "+1234567", "+1234567890123456", "+86 138 0013 8000",
            "+86-13800138000", "++8613800138000", "+８６13800138000", "+86138001380O0", " +8613800138000",
            "+8613800138000 ", "+8613800138000\n", "(+86)13800138000", "+٨٦13800138000", "00861380013800",
        ])
    func refusesOthers(text: String) {
        #expect(throws: FieldError.self) { try PhoneNumber(validating: text) }
    }

    @Test("The error names the field it was given and says what E.164 is")
    func errorNamesField() {
        do {
            _ = try PhoneNumber(validating: "13800138000", field: "to")
            Issue.record("accepted a number without +")
        } catch {
            #expect(error.field == "to")
            #expect(error.code == "invalid_number")
            #expect(error.message.contains("E.164"))
        }
    }

    @Test("Decoding refuses a malformed number and a round trip keeps a good one")
    func codable() throws {
        let good = try JSONDecoder().decode([PhoneNumber].self, from: Data(#"["+8613800138000"]"#.utf8))
        #expect(good.first?.e164 == "+8613800138000")
        #expect(String(decoding: try JSONEncoder().encode(good), as: UTF8.self) == #"["+8613800138000"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PhoneNumber].self, from: Data(#"["138"]"#.utf8)) }
    }
}
