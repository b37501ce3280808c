import Testing

@testable import SwitchboardSMPP

@Test("The interface version a bind names is 3.4")
func interfaceVersionIs34() {
    #expect(SMPP.interfaceVersion == 0x34)
}
