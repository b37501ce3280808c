import Testing

@testable import SwitchboardCore

@Suite("ServiceRoute")
struct ServiceRouteTests {
    func number(_ text: String) throws -> PhoneNumber { try PhoneNumber(validating: text) }

    @Test("PRICE-1 SMS to +86 is sms-cn, to any other number sms-intl; calls voice-cn and voice-intl")
    func routesByCountry() throws {
        let route = ServiceRoute()
        #expect(route.service(for: .sms, to: try number("+8613800138000")) == "sms-cn")
        #expect(route.service(for: .sms, to: try number("+14155550100")) == "sms-intl")
        #expect(route.service(for: .call, to: try number("+8613800138000")) == "voice-cn")
        #expect(route.service(for: .call, to: try number("+85291234567")) == "voice-intl")
    }

    @Test("PRICE-1 +852 Hong Kong is not +86 though it starts with 8, and the home country is configurable")
    func homeCountryIsConfigurable() throws {
        #expect(ServiceRoute().isHome(try number("+85291234567")) == false)
        let route = ServiceRoute(homeCountryCode: "852")
        #expect(route.service(for: .sms, to: try number("+85291234567")) == "sms-cn")
        #expect(route.service(for: .sms, to: try number("+8613800138000")) == "sms-intl")
    }
}
