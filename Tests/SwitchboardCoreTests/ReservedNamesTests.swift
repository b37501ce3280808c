import Foundation
import Testing

@testable import SwitchboardCore

@Suite("ReservedNames")
struct ReservedNamesTests {
    let names = ReservedNames(["Northwind Connect", "Switchboard", "SB", "官方客服", "  ", "--"])

    @Test(
        "ACCT-3 look-alike spellings of a reserved name match it",
        arguments: [
            "Northwind Connect", "N0rthwind Connect", "northwind-connect", "NORTHWIND CONNECT Support",
            "Northw1nd C0nnect", "NORTHWLND_CONNECT", "N.o.r.t.h.w.i.n.d Connect", "Ｎｏｒｔｈｗｉｎｄ Ｃｏｎｎｅｃｔ",
            "The Northwind Connect Team", "n0rthw1nd c0nn3ct", "Northwind\u{3000}Connect",
            "Nörthwind Cönnect", "No\u{0308}rthwind Connect", "N\u{043E}rthwind C\u{043E}nnect", "Northw\u{0456}nd Conne\u{0441}t",
            "NORTHW\u{0399}ND CONNECT", "Ⓝorthwind Connect", "Northwind\u{200B}Connect",
        ])
    func matchesLookAlikes(name: String) {
        #expect(names.reserved(name) == "Northwind Connect")
    }

    @Test(
        "ACCT-3 a name containing the folded entry matches; separators and digits do not hide it",
        arguments: ["Switchboard", "SWITCHB0ARD", "5witchboard Billing", "my-switch_board", "Switch Board Inc."])
    func containment(name: String) {
        #expect(names.reserved(name) == "Switchboard")
    }

    @Test("ACCT-3 a reserved name in Chinese matches inside a longer name")
    func chinese() {
        #expect(names.reserved("官方客服中心") == "官方客服")
        #expect(names.reserved("客服") == nil)
    }

    @Test(
        "ACCT-3 an entry shorter than 4 folded characters matches only the whole name",
        arguments: [("SB", true), ("s.b.", true), ("5B", true), ("S B", true), ("SB Labs", false), ("Absent", false), ("sbx", false)])
    func shortEntries(name: String, matches: Bool) {
        #expect((names.reserved(name) == "SB") == matches)
    }

    @Test(
        "ACCT-3 honest names that merely share letters are not reserved",
        arguments: ["Northwind", "Connect Ltd", "Acme Messaging", "North wind farm", "Switch", "Board games", "", "   ", "!!!"])
    func honestNames(name: String) {
        #expect(names.reserved(name) == nil)
    }

    @Test("ACCT-3 entries that fold to nothing are ignored rather than matching everything")
    func blankEntries() {
        let only = ReservedNames(["", "  ", "---"])
        #expect(only.reserved("anything") == nil)
        #expect(only == ReservedNames([]))
    }

    @Test("Folding lowercases, narrows full-width forms, drops separators and maps look-alike digits")
    func folding() {
        #expect(ReservedNames.fold("N0rth-W1nd 5ervice 4ll 3") == "northwlndservlcealle")
        #expect(ReservedNames.fold("Ａｃｍｅ－１") == "acmel")
        #expect(ReservedNames.fold("I l 1 i") == "llll")
    }
}
