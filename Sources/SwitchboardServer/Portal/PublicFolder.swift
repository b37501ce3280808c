import Foundation

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
        let size: Int64
        /// Modification time in seconds since 1970, with its fraction.
        let modified: Double

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
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: real),
            attributes[.type] as? FileAttributeType == .typeRegular
        else { return .other }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return .file(File(path: real, size: size, modified: modified))
    }

    /// The path with every symbolic link resolved, or `nil` when nothing is there.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
