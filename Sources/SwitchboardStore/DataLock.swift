import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The exclusive `flock` on `data/.lock` that keeps two processes from writing `data/` at once.
///
/// `flock`, not `fcntl`: an fcntl lock is dropped when the process closes *any* descriptor of
/// the file, a flock only when this descriptor closes. The holder writes its pid into the file
/// so that a waiter can name it.
final class DataLock: Sendable {
    let path: String
    private let fd: Int32

    /// Takes the lock, retrying every 50 ms for up to `timeout`.
    init(path: String, timeout: Duration) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.io(path: path, operation: "open lock file", errno: errno) }
        let clock = ContinuousClock()
        let start = clock.now
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let code = errno
                close(fd)
                throw StoreError.io(path: path, operation: "flock", errno: code)
            }
            let waited = clock.now - start
            if waited >= timeout {
                close(fd)
                let holder = (try? FileIO.read(path)).flatMap { Int32(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) }
                let seconds = Double(waited.components.seconds) + Double(waited.components.attoseconds) / 1e18
                throw StoreError.locked(path: path, holderPID: holder, waitedSeconds: (seconds * 10).rounded() / 10)
            }
            usleep(50_000)
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
        self.path = path
        self.fd = fd
    }

    /// Releases the lock (closing the descriptor releases it too, e.g. when the process dies).
    func release() {
        _ = ftruncate(fd, 0)
        close(fd)
    }
}
