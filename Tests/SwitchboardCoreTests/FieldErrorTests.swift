import Foundation
import Testing

@testable import SwitchboardCore

@Suite("FieldError")
struct FieldErrorTests {
    @Test("A field error encodes as the field, code and message the API's error body carries")
    func encodes() throws {
        let error = FieldError(field: "email", code: FieldError.invalidField, message: "email must be an address")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(error), as: UTF8.self)
        #expect(json == #"{"code":"invalid_field","field":"email","message":"email must be an address"}"#)
        #expect(error.description == "email: invalid_field: email must be an address")
    }

    @Test("The codes are the stable strings clients match on")
    func codes() {
        #expect(FieldError.invalidField == "invalid_field")
        #expect(FieldError.invalidNumber == "invalid_number")
        #expect(FieldError.nameReserved == "name_reserved")
        #expect(FieldError.agreementNotAccepted == "agreement_not_accepted")
    }
}
