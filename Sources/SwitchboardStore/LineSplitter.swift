#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file in large chunks and hands over its newline-terminated lines, so that files of
/// any size are read with a few megabytes of memory.
enum LineSplitter {
    /// One line, without its newline, inside the current read buffer.
    struct RawLine {
        /// The whole buffer; valid only during the call.
        var buffer: UnsafeRawBufferPointer
        var range: Range<Int>
        /// Byte offset of the line in the file.
        var offset: Int64
        /// 1-based.
        var number: Int
    }

    enum End {
        /// Every line was handed over; `unterminatedBytes` follow the last newline.
        case finished(unterminatedBytes: Int, lines: Int)
        /// The body asked to stop.
        case stopped
        /// The file could not be opened or read (`line` is the first line not read).
        case failed(errno: Int32, line: Int)
    }

    /// Calls `body` for each line until it returns `false`.
    static func forEachLine(in path: String, _ body: (RawLine) -> Bool) -> End {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failed(errno: errno, line: 1) }
        defer { close(fd) }
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4 << 20, alignment: 8)
        defer { buffer.deallocate() }
        var filled = 0
        var bufferFileOffset: Int64 = 0
        var number = 0
        while true {
            if filled == buffer.count {
                // A line longer than the buffer: double it.
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 8)
                bigger.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = bigger
            }
            guard let base = buffer.baseAddress else { return .failed(errno: ENOMEM, line: number + 1) }
            let count = pread(fd, base + filled, buffer.count - filled, off_t(bufferFileOffset + Int64(filled)))
            if count < 0 {
                if errno == EINTR { continue }
                return .failed(errno: errno, line: number + 1)
            }
            filled += count
            var start = 0
            while start < filled, let newline = memchr(base + start, 10, filled - start) {
                let end = base.distance(to: newline)
                number += 1
                let line = RawLine(buffer: UnsafeRawBufferPointer(buffer), range: start..<end, offset: bufferFileOffset + Int64(start), number: number)
                start = end + 1
                guard body(line) else { return .stopped }
            }
            // Keep the unfinished line for the next read.
            let rest = filled - start
            if start > 0, rest > 0 { base.copyMemory(from: base + start, byteCount: rest) }
            bufferFileOffset += Int64(start)
            filled = rest
            if count == 0 { return .finished(unterminatedBytes: filled, lines: number) }
        }
    }
}
