import Foundation

/// A value behind a lock, for state shared with threads outside Swift concurrency (the flush
/// thread). `Synchronization.Mutex` would do, but needs macOS 15 and the package supports 14.
final class Locked<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is only read or written inside `withLock`, under `lock`.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
