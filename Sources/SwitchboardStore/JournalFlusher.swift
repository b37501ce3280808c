import Dispatch


/// Group commit: commits queue here, and one flush thread writes everything queued with one
/// `write` per file and makes it durable with one `fdatasync`, then answers each commit's
/// caller directly. Commits that arrive while an `fdatasync` runs wait for the next round, so
/// a slow disk means bigger batches, not more syncs.
///
/// The queue sits behind a mutex rather than in the store actor so that the flush thread can
/// go from one batch to the next, and answer callers, without hopping onto the actor.
final class JournalFlusher: Sendable {
    /// One commit's bytes, in the file they go to, and who waits for them.
    struct Commit: Sendable {
        var fd: Int32
        var path: String
        var bytes: [UInt8]
        var locations: [LineLocation]
        var receipt: CommitReceipt
        var continuation: CheckedContinuation<CommitReceipt, any Error>
    }

    private struct State: Sendable {
        var queued: [Commit] = []
        var running = false
        /// Lines not yet durable, so reads can serve them (reads see a commit once accepted).
        var unflushed: [LineLocation: [UInt8]] = [:]
        /// Set by the first failed write or sync; the flusher never writes again.
        var failure: String?
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Locked(State())
    private let io: FileIO
    private let queue = DispatchQueue(label: "switchboard.store.journal-flush")
    /// Told once about a failure (the store then refuses every call).
    private let onFailure: @Sendable (String) -> Void

    init(io: FileIO, onFailure: @escaping @Sendable (String) -> Void) {
        self.io = io
        self.onFailure = onFailure
    }

    /// Whether nothing is queued or being written.
    var isIdle: Bool { state.withLock { $0.queued.isEmpty && !$0.running } }

    /// The failure that stopped the flusher, if any.
    var failure: String? { state.withLock { $0.failure } }

    /// A line accepted but maybe not yet durable.
    func unflushedLine(at location: LineLocation) -> [UInt8]? { state.withLock { $0.unflushed[location] } }

    /// Queues a commit (its lines become readable at once) and starts the flush thread if idle.
    func enqueue(_ commit: Commit, lines: [(LineLocation, [UInt8])]) {
        let (start, failure) = state.withLock { state -> (Bool, String?) in
            if let failure = state.failure { return (false, failure) }
            for (location, line) in lines { state.unflushed[location] = line }
            state.queued.append(commit)
            guard !state.running else { return (false, nil) }
            state.running = true
            return (true, nil)
        }
        if let failure {
            commit.continuation.resume(throwing: StoreError.fatal(failure))
        } else if start {
            queue.async { self.run() }
        }
    }

    /// Waits until everything queued has been flushed (or has failed).
    func drain() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state -> Bool in
                guard state.running else { return true }
                state.drainWaiters.append(waiter)
                return false
            }
            if idle { waiter.resume() }
        }
    }

    /// The flush thread: takes everything queued, writes and syncs it, answers, and repeats
    /// until the queue is empty.
    private func run() {
        while true {
            let (batch, waiters) = state.withLock { state -> ([Commit], [CheckedContinuation<Void, Never>]) in
                let batch = state.queued
                state.queued = []
                guard batch.isEmpty else { return (batch, []) }
                state.running = false
                let waiters = state.drainWaiters
                state.drainWaiters = []
                return ([], waiters)
            }
            guard !batch.isEmpty else {
                for waiter in waiters { waiter.resume() }
                return
            }
            do {
                try write(batch)
            } catch {
                fail("\(error)", batch: batch)
                return
            }
            state.withLock { state in
                for commit in batch { for location in commit.locations { state.unflushed[location] = nil } }
            }
            for commit in batch { commit.continuation.resume(returning: commit.receipt) }
        }
    }

    /// One `write` and one `fdatasync` per file touched, in queue order.
    private func write(_ batch: [Commit]) throws {
        var start = 0
        while start < batch.count {
            var end = start + 1
            while end < batch.count, batch[end].fd == batch[start].fd { end += 1 }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(batch[start..<end].reduce(0) { $0 + $1.bytes.count })
            for commit in batch[start..<end] { bytes.append(contentsOf: commit.bytes) }
            try bytes.withUnsafeBytes { try io.writeAll(batch[start].fd, path: batch[start].path, $0) }
            try io.sync(batch[start].fd, path: batch[start].path)
            start = end
        }
    }

    /// Stops for good: the failed batch and everything queued fail, and so will every later commit.
    private func fail(_ message: String, batch: [Commit]) {
        let (queued, waiters) = state.withLock { state -> ([Commit], [CheckedContinuation<Void, Never>]) in
            state.failure = message
            state.running = false
            let queued = state.queued
            state.queued = []
            let waiters = state.drainWaiters
            state.drainWaiters = []
            return (queued, waiters)
        }
        onFailure(message)
        for commit in batch + queued { commit.continuation.resume(throwing: StoreError.fatal(message)) }
        for waiter in waiters { waiter.resume() }
    }
}
