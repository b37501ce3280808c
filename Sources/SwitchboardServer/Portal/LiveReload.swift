import Foundation
import Hummingbird
import ServiceLifecycle

/// `serve --watch` in the browser: an event stream that says when the portal was rebuilt, the
/// script that listens to it, and the page that shows a failed build's diagnostics.
public struct LiveReload: Sendable {
    public let publisher: PortalPublisher
    /// Seconds between comments that keep an idle event stream open through proxies.
    let keepAliveSeconds: Double

    public init(publisher: PortalPublisher, keepAliveSeconds: Double = 15) {
        self.publisher = publisher
        self.keepAliveSeconds = keepAliveSeconds
    }

    /// The event stream's address.
    public static let eventsPath = "/_switchboard/events"

    /// Injected before `</body>` of every page: reload when the portal was rebuilt (or failed to be).
    static let script =
        "<script>new EventSource(\"\(eventsPath)\").addEventListener(\"reload\", function () { location.reload(); });</script>"

    /// `GET /_switchboard/events`: Server-Sent Events, a `reload` event after each rebuild. The
    /// stream ends when the publisher stops or the server shuts down gracefully.
    func events() async -> Response {
        let events = await publisher.events()
        let keepAlive = keepAliveSeconds
        let body = ResponseBody { writer in
            let (lines, sink) = AsyncStream<String>.makeStream()
            let forward = Task {
                for await event in events { sink.yield(Self.message(for: event)) }
                sink.finish()
            }
            let beat = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(keepAlive))
                    sink.yield(": keep-alive\n\n")
                }
            }
            defer {
                forward.cancel()
                beat.cancel()
            }
            try await withGracefulShutdownHandler {
                try await writer.write(ByteBuffer(string: "retry: 1000\n: connected\n\n"))
                for await line in lines { try await writer.write(ByteBuffer(string: line)) }
            } onGracefulShutdown: {
                sink.finish()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
    }

    static func message(for event: PortalEvent) -> String {
        switch event {
        case .published: "event: reload\ndata: published\n\n"
        case .failed: "event: reload\ndata: failed\n\n"
        }
    }
}
