import Testing

@testable import SwitchboardCore

@Suite("SMS segments")
struct SMSSegmentsTests {
    @Test("GSM-7: 160 characters are one segment, 161 are two of at most 153")
    func gsmBoundaries() {
        #expect(SMSSegments(String(repeating: "a", count: 160)).count == 1)
        #expect(SMSSegments(String(repeating: "a", count: 161)).count == 2)
        #expect(SMSSegments(String(repeating: "a", count: 306)).count == 2)
        #expect(SMSSegments(String(repeating: "a", count: 307)).count == 3)
        #expect(SMSSegments("Your code is 482913.").encoding == .gsm7)
    }

    @Test("GSM-7 extension characters count twice and are never split across segments")
    func gsmExtension() {
        #expect(SMSSegments(String(repeating: "€", count: 80)).count == 1)
        #expect(SMSSegments(String(repeating: "€", count: 81)).count == 2)
        #expect(SMSSegments(String(repeating: "€", count: 81)).units == 162)
        // 152 septets then an escape pair: the pair moves to the second segment.
        #expect(SMSSegments(String(repeating: "a", count: 152) + "{" + String(repeating: "a", count: 153)).count == 3)
    }

    @Test("UCS-2: anything outside GSM-7, Chinese included, is 70 then 67 per segment")
    func ucs2Boundaries() {
        #expect(SMSSegments(String(repeating: "验", count: 70)).count == 1)
        #expect(SMSSegments(String(repeating: "验", count: 71)).count == 2)
        #expect(SMSSegments(String(repeating: "验", count: 134)).count == 2)
        #expect(SMSSegments(String(repeating: "验", count: 135)).count == 3)
        #expect(SMSSegments("Hello 🙂").encoding == .ucs2)
        #expect(SMSSegments("Hello 🙂").units == 8)
    }

    @Test("The signature counts: 【Acme】 makes a GSM text UCS-2")
    func signatureCounts() {
        let body = String(repeating: "a", count: 66)
        #expect(SMSSegments(body).count == 1)
        #expect(SMSSegments("【Acme】" + body).encoding == .ucs2)
        #expect(SMSSegments("【Acme】" + body).count == 2)
    }

    @Test("An empty text is one segment")
    func emptyText() {
        #expect(SMSSegments("").count == 1)
    }
}
