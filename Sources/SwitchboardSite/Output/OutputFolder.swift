import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Builds the new portal in a staging folder beside the output and swaps it in only when every
/// file is written: a failed build leaves the previous output as it was.
struct OutputFolder: Sendable {
    let output: URL
    let staging: URL

    enum Failure: Error, CustomStringConvertible {
        case unsafeOutput(String)
        case write(String, String)

        var description: String {
            switch self {
            case .unsafeOutput(let reason): reason
            case .write(let path, let reason): "cannot write \(path): \(reason)"
            }
        }
    }

    /// Refuses outputs whose replacement would destroy sources: the site itself, a folder that
    /// holds it, or a folder with content or a site config in it.
    init(output: URL, site: URL) throws(Failure) {
        let outputPath = output.standardizedFileURL.resolvingSymlinksInPath().path
        let sitePath = site.standardizedFileURL.resolvingSymlinksInPath().path
        if outputPath == sitePath || (sitePath + "/").hasPrefix(outputPath + "/") || outputPath == "/" {
            throw .unsafeOutput(
                "refusing to build into \(outputPath): it holds the site itself; choose a folder such as \(sitePath)/public")
        }
        for source in ["content", SiteConfig.fileName, ".git"]
        where FileManager.default.fileExists(atPath: output.appendingPathComponent(source).path) {
            throw .unsafeOutput("refusing to replace \(outputPath): it contains \(source), which a build would delete")
        }
        self.output = output.standardizedFileURL
        let parent = self.output.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(self.output.lastPathComponent).staging-\(getpid())")
        try? FileManager.default.removeItem(at: staging)
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw .write(staging.path, OutputFolder.reason(error))
        }
    }

    /// Writes one file at `path` (relative, `/`-separated) in the staging folder.
    ///
    /// Plain `open`/`write`, and one `mkdir` for the usual case of a new page folder whose parent
    /// exists: Foundation's recursive `createDirectory` stats every level, which dominates a
    /// 10,000-page build.
    func write(_ data: Data, to path: String) throws(Failure) {
        let file = staging.path + "/" + path
        try OutputFolder.createFolder(of: file, for: path)
        let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .write(path, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            var offset = 0
            while offset < buffer.count {
                let result = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    return -1
                }
                offset += result
            }
            return offset
        }
        guard written == data.count else { throw .write(path, String(cString: strerror(errno))) }
    }

    func copy(_ source: URL, to path: String) throws(Failure) {
        let url = staging.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: url)
            try FileManager.default.copyItem(at: source, to: url)
        } catch {
            throw .write(path, OutputFolder.reason(error))
        }
    }

    /// Puts the staged portal in place of the output. The previous output is moved aside first
    /// and removed only after the new one is in place.
    func commit() throws(Failure) {
        let fileManager = FileManager.default
        let previous = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).previous-\(getpid())")
        let hadOutput = fileManager.fileExists(atPath: output.path)
        do {
            if hadOutput { try fileManager.moveItem(at: output, to: previous) }
            do {
                try fileManager.moveItem(at: staging, to: output)
            } catch {
                if hadOutput { try? fileManager.moveItem(at: previous, to: output) }
                throw error
            }
        } catch {
            discard()
            throw .write(output.path, OutputFolder.reason(error))
        }
        if hadOutput { try? fileManager.removeItem(at: previous) }
    }

    /// Moves each staged file over its counterpart in the output and removes `stale` files,
    /// for a rebuild that changed only some pages. Everything was written to the staging folder
    /// first, so a failure to render or write leaves the output untouched; this step only
    /// renames within one file system.
    func commitChanges(_ paths: [String], removing stale: [String]) throws(Failure) {
        defer { discard() }
        for path in paths {
            let target = output.path + "/" + path
            try OutputFolder.createFolder(of: target, for: path)
            guard rename(staging.path + "/" + path, target) == 0 else {
                throw .write(path, String(cString: strerror(errno)))
            }
        }
        for path in stale {
            let target = output.path + "/" + path
            unlink(target)
            // Remove the page's folder too once it is empty; a non-empty one stays.
            rmdir(String(target[..<(target.lastIndex(of: "/") ?? target.endIndex)]))
        }
    }

    /// Removes the staging folder after a failure.
    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// Makes the folder that will hold `file`: one `mkdir` when its parent exists, the whole
    /// chain otherwise.
    private static func createFolder(of file: String, for path: String) throws(Failure) {
        let folder = String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)])
        guard mkdir(folder, 0o755) != 0, errno != EEXIST else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .write(path, OutputFolder.reason(error))
        }
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedFailureReason ?? nsError.localizedDescription
    }
}
