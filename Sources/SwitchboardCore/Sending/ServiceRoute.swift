/// Which price-sheet service a send is billed under: SMS to a home-country number is `sms-cn`,
/// to any other E.164 number `sms-intl`; calls likewise `voice-cn` / `voice-intl` (PRICE-1).
public struct ServiceRoute: Sendable, Hashable {
    /// The price-sheet service of domestic SMS.
    public static let smsHome = "sms-cn"
    /// The price-sheet service of international SMS.
    public static let smsInternational = "sms-intl"
    /// The price-sheet service of domestic calls.
    public static let voiceHome = "voice-cn"
    /// The price-sheet service of international calls.
    public static let voiceInternational = "voice-intl"

    /// The home country calling code, digits only (`86`).
    public var homeCountryCode: String

    /// A route treating numbers starting `+<homeCountryCode>` as domestic.
    public init(homeCountryCode: String = "86") {
        self.homeCountryCode = homeCountryCode
    }

    /// Whether `number` is in the home country (E.164 country codes are prefix-free, so a prefix test is exact).
    public func isHome(_ number: PhoneNumber) -> Bool {
        !homeCountryCode.isEmpty && number.e164.hasPrefix("+" + homeCountryCode)
    }

    /// The price-sheet service of a send of `channel` to `number`.
    public func service(for channel: Channel, to number: PhoneNumber) -> String {
        switch (channel, isHome(number)) {
        case (.sms, true): Self.smsHome
        case (.sms, false): Self.smsInternational
        case (.call, true): Self.voiceHome
        case (.call, false): Self.voiceInternational
        }
    }
}
