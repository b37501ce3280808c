#if canImport(Glibc)
    import Glibc
#endif

/// A 64-bit FNV-1a hash, to tell whether an input or an output page changed between builds.
struct Fingerprint: Sendable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        value = (value ^ 0xFF) &* 0x0000_0100_0000_01B3
    }

    mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine($0) }
    }

    mutating func combine(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { combine($0) }
    }

    static func of(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var fingerprint = Fingerprint()
        // Contiguous storage hashes an order of magnitude faster than a byte iterator.
        if bytes.withContiguousStorageIfAvailable({ fingerprint.combine($0) }) == nil {
            fingerprint.combine(bytes)
        }
        return fingerprint.value
    }
}

/// Size and modification time of a file: an unchanged stamp means the file need not be read.
struct FileStamp: Sendable, Hashable {
    let size: Int64
    /// Nanoseconds since 1970.
    let modified: Int64

    static func of(_ path: String) -> FileStamp? {
        of(path, in: AT_FDCWD)
    }

    /// The stamp of `name` inside the open folder `folder`: no path is resolved again.
    static func of(_ name: String, in folder: Int32) -> FileStamp? {
        var info = stat()
        guard fstatat(folder, name, &info, 0) == 0 else { return nil }
        return FileStamp(size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }
}
