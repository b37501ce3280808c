import Testing
@testable import SwitchboardCore
@Test func placeholder() { #expect(Money("1.5") != nil) }
