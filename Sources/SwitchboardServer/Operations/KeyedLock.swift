/// Serialises work per key (an account) without blocking threads: `withLock` waits for the
/// holders before it, in order.
actor KeyedLock {
    private var queues: [String: [CheckedContinuation<Void, Never>]] = [:]

    func withLock<T: Sendable>(_ key: String, _ body: @Sendable () async throws -> T) async throws -> T {
        await acquire(key)
        do {
            let result = try await body()
            release(key)
            return result
        } catch {
            release(key)
            throw error
        }
    }

    private func acquire(_ key: String) async {
        if queues[key] == nil {
            queues[key] = []
            return
        }
        await withCheckedContinuation { queues[key, default: []].append($0) }
    }

    private func release(_ key: String) {
        guard var waiting = queues[key], !waiting.isEmpty else {
            queues[key] = nil
            return
        }
        let next = waiting.removeFirst()
        queues[key] = waiting
        next.resume()
    }
}
