import Foundation
import Testing

@testable import SwitchboardCore

/// The records written by hand are byte for byte what `JSONEncoder` writes, with every optional
/// member present and absent, and with text that needs escaping.
@Suite("JSON written by hand")
struct JSONObjectWriterTests {
    static func encoded(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// Text with every kind of character the writer treats apart.
    static let awkward = "Quote \" backslash \\ slash / tab\t newline\n return\r feed\u{0C} bell\u{07} nul\u{0} 短信 😀 \u{7F}\u{2028}"

    static let moment = Timestamp(millisecondsSince1970: 1_795_768_865_007)

    static let fullSend = Send(
        id: "sms_0123456789abcdefghij", accountId: "acc_0123456789abcdefghij", channel: .call, to: "+8613900000001",
        from: "+8610000000", body: awkward, segments: 3, durationSeconds: 61, reservedMinutes: 2, price: Money("0.0450")!,
        currency: "CNY", createdAt: moment, idempotencyKey: "key \"1\"", callbackURL: "https://example.com/hooks/a?b=c",
        statusHistory: [
            StatusChange(status: .queued, at: moment),
            StatusChange(status: .completed, at: moment.adding(seconds: 70), detail: awkward, durationSeconds: 61),
        ],
        erasedAt: moment.adding(seconds: 90))

    static let plainSend = Send(
        id: "sms_1", accountId: "acc_1", channel: .sms, to: "+8613900000002", price: .zero, createdAt: moment,
        statusHistory: [StatusChange(status: .queued, at: moment)])

    @Test("A send with every member, and one with none of the optional ones")
    func sends() throws {
        // Every stored property is set in the full send, so a new one shows up here.
        let members = Mirror(reflecting: Self.fullSend).children.count
        let object = try #require(try JSONSerialization.jsonObject(with: Data(Self.fullSend.json)) as? [String: Any])
        #expect(object.count == members, "the writer lists every property of Send")
        #expect(Self.fullSend.json == (try Self.encoded(Self.fullSend)))
        #expect(Self.plainSend.json == (try Self.encoded(Self.plainSend)))
        #expect(try JSONDecoder().decode(Send.self, from: Data(Self.fullSend.json)) == Self.fullSend)
    }

    @Test("A ledger entry with every member, and one with none of the optional ones")
    func ledgerEntries() throws {
        let full = LedgerEntry(
            id: "txn_1", accountId: "acc_1", at: Self.moment, kind: .topUp, amount: Money("100.5")!, currency: "CNY",
            service: "sms-cn", sendId: "sms_1", method: "bank-transfer", reference: "ref/\"1\"", quantity: 12, description: Self.awkward)
        let members = Mirror(reflecting: full).children.count
        let object = try #require(try JSONSerialization.jsonObject(with: Data(full.json)) as? [String: Any])
        #expect(object.count == members, "the writer lists every property of LedgerEntry")
        #expect(full.json == (try Self.encoded(full)))
        let plain = LedgerEntry(id: "txn_2", accountId: "acc_1", at: Self.moment, kind: .charge, amount: Money("-0.045")!)
        #expect(plain.json == (try Self.encoded(plain)))
    }

    @Test("Every control character is escaped as JSONEncoder escapes it")
    func controlCharacters() throws {
        let text = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init))) + "\"\\/"
        var bytes: [UInt8] = []
        JSONObjectWriter.append(string: text, to: &bytes)
        #expect(bytes == (try Self.encoded(text)))
    }
}
