import Foundation

/// The size and modification time of every file a build reads: `site.yaml`, `operator.yaml`,
/// and everything under `content/`, `templates/` and `static/`. Two snapshots differ when a file
/// was saved, added or removed.
struct SiteFilesSnapshot: Sendable, Equatable {
    static let files = ["site.yaml", "operator.yaml"]
    static let folders = ["content", "templates", "static"]

    private var stamps: [String: Stamp] = [:]

    private struct Stamp: Sendable, Equatable {
        let size: Int64
        let modified: Date
    }

    /// Stats the files of `site` now.
    static func take(site: URL) -> SiteFilesSnapshot {
        var snapshot = SiteFilesSnapshot()
        for name in files { snapshot.record(site.appendingPathComponent(name).path, as: name) }
        for folder in folders {
            let root = site.appendingPathComponent(folder)
            guard let paths = FileManager.default.subpaths(atPath: root.path) else { continue }
            for path in paths { snapshot.record(root.appendingPathComponent(path).path, as: folder + "/" + path) }
        }
        return snapshot
    }

    private mutating func record(_ path: String, as name: String) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType != .typeDirectory
        else { return }
        stamps[name] = Stamp(
            size: (attributes[.size] as? NSNumber)?.int64Value ?? 0,
            modified: attributes[.modificationDate] as? Date ?? .distantPast)
    }
}
