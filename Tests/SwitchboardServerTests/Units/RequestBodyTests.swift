import Foundation
import Testing

@testable import SwitchboardServer

/// Request bodies are read field by field: every kind of bad input is a 4xx that names what is wrong.
@Suite("Reading request bodies")
struct RequestBodyTests {
    private func parse(_ text: String, allowed: Set<String> = ["name", "flag", "amount", "kind"]) throws -> RequestBody {
        try RequestBody.parse(Data(text.utf8), allowed: allowed)
    }

    private func error(_ body: () throws -> Void) -> APIError? {
        do {
            try body()
            return nil
        } catch let error as APIError {
            return error
        } catch {
            return nil
        }
    }

    @Test("Strings, booleans and money are read with their types")
    func readsTypedFields() throws {
        let body = try parse(#"{"name": "Acme", "flag": true, "amount": "12.50"}"#)
        #expect(try body.string("name") == "Acme")
        #expect(try body.bool("flag") == true)
        #expect(try body.money("amount")?.description == "12.5000")
    }

    @Test("An empty body reads as an object without fields")
    func emptyBody() throws {
        let body = try parse("")
        #expect(try body.string("name", required: false) == nil)
    }

    @Test("An unknown field is refused, naming the field and what the request takes")
    func unknownField() {
        let refused = error { _ = try parse(#"{"name": "a", "admin": true}"#) }
        #expect(refused?.code == "unknown_field")
        #expect(refused?.field == "admin")
        #expect(refused?.message.contains("amount, flag, kind, name") == true)
    }

    @Test("Wrong types are refused: a number for a string, a string for a boolean, 1 for true")
    func wrongTypes() throws {
        #expect(error { _ = try parse(#"{"name": 5}"#).string("name") }?.field == "name")
        #expect(error { _ = try parse(#"{"flag": "true"}"#).bool("flag") }?.code == "invalid_field")
        #expect(error { _ = try parse(#"{"flag": 1}"#).bool("flag") }?.code == "invalid_field")
        #expect(error { _ = try parse(#"{"amount": 12.5}"#).money("amount") }?.field == "amount")
    }

    @Test("A missing required field and a null one are both 'missing_field'")
    func missingField() {
        #expect(error { _ = try parse("{}").string("name") }?.code == "missing_field")
        #expect(error { _ = try parse(#"{"name": null}"#).string("name") }?.code == "missing_field")
    }

    @Test("Strings over their limit and with control characters are refused")
    func stringLimits() {
        let long = String(repeating: "x", count: 201)
        #expect(error { _ = try parse(#"{"name": "\#(long)"}"#).string("name") }?.code == "invalid_field")
        #expect(error { _ = try parse(#"{"name": "a\u0000b"}"#).string("name") }?.code == "invalid_field")
        #expect(error { _ = try parse(#"{"name": "a\u001bb"}"#).string("name") }?.code == "invalid_field")
    }

    @Test("Inexact, negative-looking or malformed amounts are refused")
    func badMoney() {
        for text in ["1.23456", "abc", "1e3", "", " 1", "1."] {
            #expect(error { _ = try parse(#"{"amount": "\#(text)"}"#).money("amount") }?.field == "amount", "\(text)")
        }
    }

    @Test("A choice must be one of the type's values, which the message lists")
    func choices() {
        enum Kind: String, CaseIterable { case sms, voice }
        let refused = error { _ = try parse(#"{"kind": "fax"}"#).requiredChoice("kind", Kind.self) }
        #expect(refused?.message.contains("'sms', 'voice'") == true)
    }

    @Test("Invalid JSON, bad UTF-8 and a body that is not an object are 400 invalid_json")
    func notJSONObjects() {
        #expect(error { _ = try parse(#"{"name": "#) }?.code == "invalid_json")
        #expect(error { _ = try RequestBody.parse(Data([0x7B, 0xFF, 0xFE, 0x7D]), allowed: []) }?.code == "invalid_json")
        #expect(error { _ = try parse("[1, 2]") }?.message.contains("an array") == true)
        #expect(error { _ = try parse("\"text\"") }?.code == "invalid_json")
    }

    @Test("PATCH fields tell absent (leave) from null (clear) from a value (set)")
    func clearableFields() throws {
        let body = try parse(#"{"name": null, "kind": "x"}"#)
        #expect(try body.clearable("amount") { try body.money($0) } == nil)
        #expect(try body.clearable("name") { try body.string($0) } == .some(nil))
        #expect(try body.clearable("kind") { try body.string($0) } == .some("x"))
    }
}
