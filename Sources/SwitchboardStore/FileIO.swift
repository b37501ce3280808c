import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Failures to inject into the store's writes, so tests can simulate a full disk or a disk
/// that fails `fsync`. Each closure gets the path about to be written or synced and returns
/// an `errno` to fail with, or `nil` to let the call through.
public struct IOFaults: Sendable {
    public var write: @Sendable (_ path: String) -> Int32?
    public var sync: @Sendable (_ path: String) -> Int32?

    public init(write: @escaping @Sendable (String) -> Int32? = { _ in nil }, sync: @escaping @Sendable (String) -> Int32? = { _ in nil }) {
        self.write = write
        self.sync = sync
    }

    /// No faults: the real disk.
    public static let none = IOFaults()
}

/// The few POSIX file calls the store makes, with fault injection and `EINTR` handled.
struct FileIO: Sendable {
    var faults: IOFaults

    /// Writes every byte at the file's current position (or its end for `O_APPEND`).
    func writeAll(_ fd: Int32, path: String, _ bytes: UnsafeRawBufferPointer) throws {
        if let code = faults.write(path) { throw StoreError.io(path: path, operation: "write", errno: code) }
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = Glibc.write(fd, base, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw StoreError.io(path: path, operation: "write", errno: errno)
            }
            remaining -= written
            base += written
        }
    }

    /// `fdatasync`: the data and the size are on disk when this returns.
    func sync(_ fd: Int32, path: String) throws {
        if let code = faults.sync(path) { throw StoreError.io(path: path, operation: "fdatasync", errno: code) }
        while fdatasync(fd) != 0 {
            if errno != EINTR { throw StoreError.io(path: path, operation: "fdatasync", errno: errno) }
        }
    }

    /// Makes a directory entry (a created or renamed file) durable.
    func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw StoreError.io(path: path, operation: "open directory", errno: errno) }
        defer { close(fd) }
        if let code = faults.sync(path) { throw StoreError.io(path: path, operation: "fsync directory", errno: code) }
        guard fsync(fd) == 0 else { throw StoreError.io(path: path, operation: "fsync directory", errno: errno) }
    }

    /// Replaces `path` whole: temp file in the same folder, write, fsync, rename, fsync the folder.
    ///
    /// Before the rename a failure leaves the old file untouched and throws `.io`; a failure to
    /// make the rename durable throws `.fatal`, since the file on disk is then uncertain.
    func replaceFile(at path: String, with bytes: [UInt8]) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = directory + "/." + (path as NSString).lastPathComponent + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.io(path: temporary, operation: "create", errno: errno) }
        do {
            try bytes.withUnsafeBytes { try writeAll(fd, path: path, $0) }
            if let code = faults.sync(path) { throw StoreError.io(path: path, operation: "fsync", errno: code) }
            guard fsync(fd) == 0 else { throw StoreError.io(path: temporary, operation: "fsync", errno: errno) }
            close(fd)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw StoreError.io(path: path, operation: "rename", errno: code)
        }
        do {
            try syncDirectory(directory)
        } catch {
            throw StoreError.fatal("\(path) was replaced but its folder could not be synced: \(error)")
        }
    }

    /// Creates `path` and its parents when missing, syncing each new folder's parent.
    func makeDirectories(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeDirectories(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw StoreError.io(path: path, operation: "mkdir", errno: errno)
        }
        try syncDirectory(parent.isEmpty ? "." : parent)
    }

    /// The whole file, or `.io` naming it.
    static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.io(path: path, operation: "open", errno: errno) }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError.io(path: path, operation: "read", errno: errno)
            }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    /// Names in a folder, sorted; empty when it does not exist.
    static func list(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// The file's size in bytes, or -1 when it cannot be examined.
    static func size(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : -1
    }
}
