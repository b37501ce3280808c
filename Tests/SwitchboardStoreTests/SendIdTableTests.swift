import Testing

@testable import SwitchboardStore

/// The send-id index: every id stored is found with its slot number, ids never stored are
/// not, whatever their length, across the table's growth.
@Suite("Send id table")
struct SendIdTableTests {
    @Test("100,000 ids of the server's shapes are found at their slot numbers; others are not")
    func manyIds() {
        var table = SendIdTable()
        var ids: [String] = []
        for number in 0..<100_000 {
            let id =
                (number % 3 == 0 ? "call_" : "sms_") + String(number * 7919, radix: 36).padding(toLength: 20, withPad: "x", startingAt: 0)
            ids.append(id)
            table.append(id)
        }
        #expect(table.count == 100_000)
        for (number, id) in ids.enumerated() where number % 97 == 0 || number == ids.count - 1 {
            #expect(table[id] == Int32(number), "\(id)")
        }
        #expect(table["sms_" + String(repeating: "y", count: 20)] == nil)
        #expect(table["sms_"] == nil)
    }

    @Test("Ids that differ only in length or in their last byte are told apart")
    func nearIds() {
        var table = SendIdTable()
        for id in ["a", "ab", "abc", "abd", "a\u{0}", String(repeating: "z", count: 31)] { table.append(id) }
        #expect(table["a"] == 0)
        #expect(table["ab"] == 1)
        #expect(table["abc"] == 2)
        #expect(table["abd"] == 3)
        #expect(table["a\u{0}"] == 4)
        #expect(table[String(repeating: "z", count: 31)] == 5)
        #expect(table["abe"] == nil)
        // The 11th character after the prefix straddles the packing's two words; the 20th is
        // the last that packs.
        var straddling = SendIdTable()
        let base = Array("sms_0123456789abcdefghij")
        var ids: [String] = []
        for position in [4, 13, 14, 15, 22, 23] {
            for replacement in ["Z", "_", "x"] {
                var id = base
                id[position] = Character(replacement)
                ids.append(String(id))
            }
        }
        ids = Array(Set(ids)).sorted()
        for id in ids { straddling.append(id) }
        for (number, id) in ids.enumerated() { #expect(straddling[id] == Int32(number), "\(id)") }
        #expect(straddling[String(base)] == nil)
        #expect(table[""] == nil)
    }

    @Test(
        "Ids with another prefix, over 20 characters after it, or with other characters than letters, digits and _ are held too, numbered in order with the rest"
    )
    func longIds() {
        var table = SendIdTable()
        table.reserveCapacity(1_000)
        let long = "sms_" + String(repeating: "long", count: 20)
        table.append("sms_short")
        table.append(long)
        table.append("sms_短信")
        table.append("sms_after")
        table.append("sms-dash")
        table.append("msg_0123456789abcdefghij")
        table.append("call_0123456789abcdefghijk")
        table.append("call_0123456789abcdefghij")
        #expect(table["sms-dash"] == 4)
        #expect(table["msg_0123456789abcdefghij"] == 5)
        #expect(table["call_0123456789abcdefghijk"] == 6)
        #expect(table["call_0123456789abcdefghij"] == 7)
        #expect(table["sms_0123456789abcdefghij"] == nil)
        #expect(table["sms_dash"] == nil)
        #expect(table[long] == 1)
        #expect(table[long + "x"] == nil)
        #expect(table["sms_短信"] == 2)
        #expect(table["sms_after"] == 3)
        #expect(table["sms_short"] == 0)
        #expect(table.count == 8)
    }
}
