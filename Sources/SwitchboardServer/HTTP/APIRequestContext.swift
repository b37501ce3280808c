import Hummingbird
import NIOCore
import SwitchboardCore

/// Who sent a request, once its bearer token is checked.
enum Caller: Sendable {
    /// A developer, by API key or by login session.
    case developer(Account, Credential)
    /// The operator, by the admin token.
    case `operator`

    enum Credential: Sendable, Equatable {
        case apiKey(id: String)
        case session(id: String)
    }
}

/// The request context of every route: the peer's address (for AGR-1 acceptance records and
/// login throttling) and, after `Authenticator`, the caller.
public struct APIRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    var caller: Caller?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        caller = nil
    }

    /// The peer's IP address as text, `unknown` when the transport has none (tests).
    var peerAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
