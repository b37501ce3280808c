import CompressNIO
import Dispatch
import Foundation
import HTTPTypes
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// The portal's files in memory, as they are and gzip-compressed, with their response headers
/// ready, each proved current by a `stat` at most every `recheckAfter`.
///
/// Files are read and compressed on NIO's thread pool the first time they are asked for, and
/// again once their stamp changes (a build renames new files over the old ones, a full build
/// replaces the folder): a rebuilt file is served within `recheckAfter` of the build. Bounded:
/// files over `largestFile` bytes are not held, and once `limit` bytes are held, entries are
/// dropped to make room.
final class PortalFileCache: Sendable {
    /// One file, ready to send.
    struct Entry: Sendable {
        let file: PublicFolder.File
        let identity: Representation
        /// For text formats only (`PortalMediaTypes.compressible`).
        let gzip: Representation?

        var size: Int { identity.bytes.readableBytes + (gzip?.bytes.readableBytes ?? 0) }
    }

    /// The bytes of one encoding and the headers that go with them.
    struct Representation: Sendable {
        let bytes: ByteBuffer
        let etag: String
        /// For a 304: everything but `Content-Length`.
        let headers: HTTPFields
        /// For a 200: with `Content-Length`.
        let headersWithLength: HTTPFields
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// When each held file was last proved current (`ContinuousClock` nanoseconds).
        var verifiedAt: [String: UInt64] = [:]
        /// Request path (as sent) → real path, so that each spelling is resolved once.
        var aliases: [String: String] = [:]
        var held = 0
    }

    let folder: PublicFolder
    let limit: Int
    let largestFile: Int
    /// How long a file is served from memory before its stamp is checked again, in nanoseconds.
    private let recheckNanoseconds: UInt64
    /// How many request spellings are remembered before the table starts over.
    private let aliasLimit = 4_096
    private let state = NIOLockedValueBox(State())

    init(folder: PublicFolder, limit: Int = 32 * 1024 * 1024, largestFile: Int = 1024 * 1024, recheckAfter: Duration = .milliseconds(100)) {
        self.folder = folder
        self.limit = limit
        self.largestFile = largestFile
        let parts = recheckAfter.components
        recheckNanoseconds = UInt64(max(parts.seconds, 0)) * 1_000_000_000 + UInt64(max(parts.attoseconds, 0) / 1_000_000_000)
    }

    /// Bytes held now.
    var size: Int { state.withLockedValue { $0.held } }

    /// What to answer for a request path.
    enum Lookup: Sendable {
        case file(Entry)
        /// Through a symbolic link out of `public/`: never to be served.
        case outside
        /// Not a file held here (missing, a folder, too large): for `FileMiddleware`.
        case other
    }

    func lookup(_ requestPath: String) async throws -> Lookup {
        let now = Self.now()
        let (held, fresh) = state.withLockedValue { state -> (Entry?, Bool) in
            guard let path = state.aliases[requestPath], let entry = state.entries[path] else { return (nil, false) }
            return (entry, now &- (state.verifiedAt[path] ?? 0) < recheckNanoseconds)
        }
        if let held {
            if fresh { return .file(held) }
            if FileStamp(path: held.file.path) == held.file.stamp {
                state.withLockedValue { $0.verifiedAt[held.file.path] = now }
                return .file(held)
            }
        }
        return try await NIOThreadPool.singleton.runIfActive { try self.load(requestPath) }
    }

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Resolves the path safely, then reads and compresses the file (on the thread pool).
    private func load(_ requestPath: String) throws -> Lookup {
        let file: PublicFolder.File
        switch folder.lookup(requestPath) {
        case .outside: return .outside
        case .other: return .other
        case .file(let found): file = found
        }
        guard file.stamp.size <= largestFile else { return .other }
        if let held = state.withLockedValue({ $0.entries[file.path] }), held.file == file {
            remember(requestPath, held)
            return .file(held)
        }
        // Gone or written again between the stat and the read: `FileMiddleware` answers this
        // time, and the next request reads it again.
        guard let data = FileManager.default.contents(atPath: file.path), data.count == file.stamp.size else { return .other }
        let entry = try Self.entry(file, bytes: ByteBuffer(data: data))
        remember(requestPath, entry)
        return .file(entry)
    }

    private func remember(_ requestPath: String, _ entry: Entry) {
        let now = Self.now()
        state.withLockedValue { state in
            if state.aliases.count >= aliasLimit { state.aliases.removeAll(keepingCapacity: true) }
            state.aliases[requestPath] = entry.file.path
            if let old = state.entries.removeValue(forKey: entry.file.path) { state.held -= old.size }
            guard entry.size <= limit else { return }
            while state.held + entry.size > limit, let dropped = state.entries.popFirst() {
                state.held -= dropped.value.size
                state.verifiedAt[dropped.key] = nil
            }
            state.entries[entry.file.path] = entry
            state.verifiedAt[entry.file.path] = now
            state.held += entry.size
        }
    }

    private static func entry(_ file: PublicFolder.File, bytes: ByteBuffer) throws -> Entry {
        let type = PortalMediaTypes.byExtension[file.fileExtension]
        let compressible = PortalMediaTypes.compressible.contains(file.fileExtension)
        // Size, modification time and inode: a file renamed over another in the same clock tick
        // with the same size still gets a new tag.
        let tag = [UInt64(file.stamp.size), UInt64(bitPattern: file.stamp.modified), file.stamp.inode].map { String($0, radix: 16) }
            .joined(separator: "-")
        func representation(_ bytes: ByteBuffer, etag: String, encoding: String?) -> Representation {
            var headers: HTTPFields = [
                .eTag: etag, .lastModified: HTTPDate.format(file.stamp.modificationDate), .acceptRanges: "bytes",
            ]
            if let type { headers[.contentType] = type }
            if let encoding { headers[.contentEncoding] = encoding }
            if compressible { headers[.vary] = "Accept-Encoding" }
            var headersWithLength = headers
            headersWithLength[.contentLength] = String(bytes.readableBytes)
            return Representation(bytes: bytes, etag: etag, headers: headers, headersWithLength: headersWithLength)
        }
        var source = bytes
        return Entry(
            file: file,
            identity: representation(bytes, etag: "\"\(tag)\"", encoding: nil),
            gzip: compressible ? representation(try source.compress(with: .gzip()), etag: "\"\(tag)-gzip\"", encoding: "gzip") : nil)
    }
}
