import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Maps request paths to files of the rendered portal without ever leaving it: percent-decoded,
/// `..` refused, symbolic links resolved and checked to stay inside.
struct PublicFolder: Sendable {
    /// The folder as configured (`<site>/public`); resolved again on each lookup, since a full
    /// build replaces it whole.
    let root: String

    /// A regular file inside the folder.
    struct File: Sendable, Hashable {
        /// The real path, links resolved.
        let path: String
        let stamp: FileStamp

        /// `html`, lower-cased.
        var fileExtension: String { (path as NSString).pathExtension.lowercased() }
    }

    enum Lookup: Sendable, Equatable {
        /// A regular file inside the folder (a folder's `index.html` when the path ends in `/`).
        case file(File)
        /// The path resolves outside the folder, through a symbolic link: never to be served.
        case outside
        /// Anything else (missing, a folder without its `/`, `..`, bad encoding): for `FileMiddleware` to answer.
        case other
    }

    func lookup(_ requestPath: String) -> Lookup {
        guard let decoded = requestPath.removingPercentEncoding, !decoded.contains("\0") else { return .other }
        let parts = decoded.split(separator: "/")
        guard !parts.contains(where: { $0 == ".." || $0 == "." }), let realRoot = PublicFolder.realPath(root) else { return .other }
        var path = ([realRoot] + parts.map(String.init)).joined(separator: "/")
        if decoded.hasSuffix("/") { path += "/index.html" }
        guard let real = PublicFolder.realPath(path) else { return .other }
        guard real == realRoot || real.hasPrefix(realRoot + "/") else { return .outside }
        guard let stamp = FileStamp(path: real), stamp.isRegularFile else { return .other }
        return .file(File(path: real, stamp: stamp))
    }

    /// The path with every symbolic link resolved, or `nil` when nothing is there.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// What one `stat` says about a file: enough to tell that it changed, was replaced (a build
/// renames new files over old ones) or is gone.
struct FileStamp: Sendable, Hashable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    /// Modification time in nanoseconds since 1970.
    let modified: Int64
    let isRegularFile: Bool

    /// The file's stamp now, following links; `nil` when nothing is there.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        isRegularFile = (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The modification time as a date, for `Last-Modified`.
    var modificationDate: Date { Date(timeIntervalSince1970: Double(modified) / 1_000_000_000) }
}
