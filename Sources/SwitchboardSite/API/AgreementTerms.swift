import Foundation

/// One published version of the service agreement, as the server records acceptances (AGR-1, AGR-2).
public struct AgreementTerms: Sendable, Hashable {
    /// `2.0`, from the file name.
    public let version: String
    public let title: String
    /// When the version appears on the portal.
    public let published: Date
    /// When it binds every account that has not left (AGR-2).
    public let effective: Date
    /// The version's page on the portal: `/agreement/2.0/`.
    public let url: String

    public init(version: String, title: String, published: Date, effective: Date, url: String) {
        self.version = version
        self.title = title
        self.published = published
        self.effective = effective
        self.url = url
    }
}
