import Foundation

/// What happened to the served portal, as `PortalPublisher` tells its listeners.
public enum PortalEvent: Sendable, Equatable {
    /// `public/` now holds the portal rendered for this moment.
    case published(Date)
    /// A rebuild failed; the previous `public/` stays. The diagnostics as `check` prints them.
    case failed(String)
}
