import CompressNIO
import Foundation
import NIOCore

/// Gzip-compressed copies of the portal's files, kept in memory by path, size and modification
/// time, and bounded: the least recently used go first once `limit` bytes are held.
actor CompressedFileCache {
    /// One compressed file.
    struct Entry: Sendable {
        let file: PublicFolder.File
        let bytes: ByteBuffer
    }

    let limit: Int
    private var entries: [String: (entry: Entry, lastUse: UInt64)] = [:]
    private var held = 0
    private var uses: UInt64 = 0

    init(limit: Int = 32 * 1024 * 1024) { self.limit = limit }

    /// Bytes held now.
    var size: Int { held }

    /// The compressed bytes of `file`, compressed now unless a copy of the same size and time is held.
    func compressed(_ file: PublicFolder.File) throws -> Entry {
        uses += 1
        if let cached = entries[file.path], cached.entry.file == file {
            entries[file.path]?.lastUse = uses
            return cached.entry
        }
        var source = ByteBuffer(data: try Data(contentsOf: URL(fileURLWithPath: file.path)))
        let entry = Entry(file: file, bytes: try source.compress(with: .gzip()))
        store(entry)
        return entry
    }

    private func store(_ entry: Entry) {
        if let old = entries.removeValue(forKey: entry.file.path) { held -= old.entry.bytes.readableBytes }
        let size = entry.bytes.readableBytes
        guard size <= limit else { return }
        while held + size > limit, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            entries[oldest.key] = nil
            held -= oldest.value.entry.bytes.readableBytes
        }
        entries[entry.file.path] = (entry, uses)
        held += size
    }
}
