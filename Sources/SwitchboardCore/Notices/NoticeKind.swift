/// The kinds of announcement the agreement knows, each with its own notice rule.
public enum NoticeKind: String, Sendable, CaseIterable, Codable {
    case priceChange = "price-change"
    case agreementUpdate = "agreement-update"
    case maintenance
    case featureChange = "feature-change"
    case general

    /// Whether a notice of this kind announces a change that takes effect on a date.
    public var hasEffectiveDate: Bool {
        switch self {
        case .priceChange, .agreementUpdate, .featureChange: true
        case .maintenance, .general: false
        }
    }

    /// A reader's name for the kind: "Price change".
    public var title: String {
        switch self {
        case .priceChange: "Price changes"
        case .agreementUpdate: "Agreement updates"
        case .maintenance: "Maintenance"
        case .featureChange: "Feature changes"
        case .general: "General"
        }
    }
}
