import Foundation

/// A maintenance window from a published `maintenance` notice: the API answers 503 inside it (PLAT-1).
public struct MaintenanceWindow: Sendable, Hashable {
    /// The notice's slug: `maintenance-december`.
    public let slug: String
    public let title: String
    /// When the notice appears on the portal.
    public let published: Date
    public let start: Date
    /// The first moment after the window.
    public let end: Date
    /// The notice's page on the portal: `/announcements/maintenance-december/`.
    public let url: String

    public init(slug: String, title: String, published: Date, start: Date, end: Date, url: String) {
        self.slug = slug
        self.title = title
        self.published = published
        self.start = start
        self.end = end
        self.url = url
    }

    /// Whether `moment` falls inside the window (its start included, its end not).
    public func contains(_ moment: Date) -> Bool { start <= moment && moment < end }
}
