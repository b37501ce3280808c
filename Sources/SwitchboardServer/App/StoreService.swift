import ServiceLifecycle
import SwitchboardStore

/// Keeps the store open while the server runs and closes it at shutdown, after the HTTP server
/// has finished its in-flight requests (services stop in reverse order), so every write that
/// was answered is on disk and the lock is released.
public struct StoreService: Service {
    let store: FileStore

    public init(store: FileStore) { self.store = store }

    public func run() async throws {
        try? await gracefulShutdown()
        try await store.close()
    }
}
