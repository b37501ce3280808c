import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SwitchboardCore

/// Everything under a site folder, parsed: the config and every content item, with the problems
/// found while reading them. Scheduled and draft items are kept; `Portal` decides what shows.
struct SiteContent: Sendable {
    var config: SiteConfig
    /// The site folder.
    var siteRoot = URL(fileURLWithPath: ".")
    var agreements: [AgreementVersion] = []
    var sheets: [PriceSheetFile] = []
    var announcements: [Announcement] = []
    var pages: [Page] = []
    var diagnostics: [Diagnostic] = []
    /// Number of Markdown files in the site.
    var fileCount = 0
    /// How many announcements came from the build cache instead of being read.
    var reusedCount = 0
    /// Fingerprint of `site.yaml` and every file except the announcements.
    var configHash: UInt64 = 0

    var time: SiteTime { config.siteTime }

    init(config: SiteConfig) { self.config = config }

    /// Reads `site.yaml` and `content/{agreement,prices,announcements,pages}/*.md` under `site`.
    /// Announcements whose size and modification time match `cache` are taken from it unread.
    static func load(site: URL, cache: BuildCache? = nil) async -> SiteContent {
        var configDiagnostics: [Diagnostic] = []
        var config = SiteConfig.defaults()
        let configURL = site.appendingPathComponent(SiteConfig.fileName)
        var configHash = Fingerprint()
        if let data = FileManager.default.contents(atPath: configURL.path) {
            configHash.combine(data)
            if let text = String(validatingUTF8Data: data) {
                (config, configDiagnostics) = SiteConfig.parse(text)
            } else {
                configDiagnostics.append(Diagnostic(path: SiteConfig.fileName, line: 0, "file is not valid UTF-8"))
            }
        } else {
            configDiagnostics.append(Diagnostic(path: SiteConfig.fileName, line: 0, severity: .warning, "no site.yaml; using the defaults"))
        }
        var content = SiteContent(config: config)
        content.siteRoot = site
        content.diagnostics = configDiagnostics
        let contentFolder = site.appendingPathComponent("content")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentFolder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            content.diagnostics.append(Diagnostic(path: "content", line: 0, "no content/ folder in \(site.path)"))
            return content
        }
        let renderer = MarkdownRenderer(unsafeHTML: config.unsafeHTML)
        let time = config.siteTime
        let agreements = await read(folder: "agreement", in: site, time: time) { AgreementVersion.read($0, $1, renderer: renderer) }
        let sheets = await read(folder: "prices", in: site, time: time) { PriceSheetFile.read($0, $1, renderer: renderer) }
        let cached = cache?.announcements ?? [:]
        let announcements = await read(
            folder: "announcements", in: site, time: time,
            reuse: { path, stamp in cached[path].flatMap { $0.file.stamp == stamp ? $0 : nil } }
        ) { Announcement.read($0, $1, renderer: renderer) }
        let pages = await read(folder: "pages", in: site, time: time) { Page.read($0, $1, renderer: renderer) }
        content.agreements = agreements.items.sorted { ($0.effective, $0.version) < ($1.effective, $1.version) }
        content.sheets = sheets.items.sorted { ($0.sheet.effective, $0.sheet.id) < ($1.sheet.effective, $1.sheet.id) }
        content.announcements = announcements.items.sorted { ($0.published, $0.slug) > ($1.published, $1.slug) }
        content.pages = pages.items.sorted { $0.slug < $1.slug }
        content.diagnostics += agreements.diagnostics + sheets.diagnostics + announcements.diagnostics + pages.diagnostics
        content.fileCount = agreements.files + sheets.files + announcements.files + pages.files
        content.reusedCount = announcements.reused
        for file in content.agreements.map(\.file) + content.sheets.map(\.file) + content.pages.map(\.file) {
            configHash.combine(file.path)
            configHash.combine(file.hash)
        }
        content.configHash = configHash.value
        return content
    }

    private struct FolderResult<Item: Sendable>: Sendable {
        var items: [Item] = []
        var diagnostics: [Diagnostic] = []
        var files = 0
        var reused = 0
    }

    /// Reads and parses every `.md` file of one content folder, in parallel chunks.
    private static func read<Item: Sendable>(
        folder: String, in site: URL, time: SiteTime,
        reuse: @escaping @Sendable (String, FileStamp) -> Item? = { _, _ in nil },
        parse: @escaping @Sendable (SourceFile, FrontMatter) -> Item?
    ) async -> FolderResult<Item> {
        let url = site.appendingPathComponent("content").appendingPathComponent(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return FolderResult() }
        var result = FolderResult<Item>()
        let markdown = names.filter { !$0.hasPrefix(".") }.sorted().filter { name in
            guard name.hasSuffix(".md") else {
                result.diagnostics.append(
                    Diagnostic(path: "content/\(folder)/\(name)", line: 0, severity: .warning, "not a .md file; ignored"))
                return false
            }
            return true
        }
        result.files = markdown.count
        let folderPath = url.path
        // Stamps are taken relative to the open folder: ten thousand full paths resolved again
        // were a tenth of a one-file rebuild.
        let folderDescriptor = open(folderPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if folderDescriptor >= 0 { close(folderDescriptor) } }
        let chunks = markdown.chunked(into: ProcessInfo.processInfo.activeProcessorCount * 4)
        return await withTaskGroup(of: FolderResult<Item>.self) { group in
            for chunk in chunks {
                group.addTask {
                    var partial = FolderResult<Item>()
                    for name in chunk {
                        let path = "content/\(folder)/\(name)"
                        let filePath = folderPath + "/" + name
                        let stamp = folderDescriptor >= 0 ? FileStamp.of(name, in: folderDescriptor) : FileStamp.of(filePath)
                        if let stamp, let item = reuse(path, stamp) {
                            partial.items.append(item)
                            partial.reused += 1
                            continue
                        }
                        let (item, diagnostics) = parseFile(
                            path: path, url: URL(fileURLWithPath: filePath), stamp: stamp, time: time, parse: parse)
                        if let item { partial.items.append(item) }
                        partial.diagnostics += diagnostics
                    }
                    return partial
                }
            }
            for await partial in group {
                result.items += partial.items
                result.diagnostics += partial.diagnostics
                result.reused += partial.reused
            }
            return result
        }
    }

    /// Reads one file in full; also used to complete an announcement restored from the cache.
    static func parseFile<Item>(
        path: String, url: URL, stamp: FileStamp?, time: SiteTime, parse: (SourceFile, FrontMatter) -> Item?
    ) -> (Item?, [Diagnostic]) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            return (nil, [Diagnostic(path: path, line: 0, "cannot read the file: \(reason)")])
        }
        let file: SourceFile
        switch SourceFile.parse(path: path, data: data, stamp: stamp ?? FileStamp(size: Int64(data.count), modified: 0)) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let parsed): file = parsed
        }
        switch FrontMatter.parse(file.frontMatter, path: path, firstLine: file.frontMatterLine, time: time) {
        case .failure(let diagnostic):
            return (nil, [diagnostic])
        case .success(let reader):
            let item = parse(file, reader)
            reader.finish()
            return (reader.diagnostics.isEmpty ? item : nil, reader.diagnostics)
        }
    }
}

extension Array {
    /// Splits into at most `count` contiguous chunks of nearly equal size.
    func chunked(into count: Int) -> [ArraySlice<Element>] {
        guard !isEmpty else { return [] }
        let size = (self.count + count - 1) / Swift.max(count, 1)
        return stride(from: 0, to: self.count, by: size).map { self[$0..<Swift.min($0 + size, self.count)] }
    }
}

extension SiteContent {
    mutating func overrideBaseURL(_ url: String) {
        config.baseURL = url.hasSuffix("/") ? url : url + "/"
    }

    /// Reads again, in full, the announcements that were restored from the build cache.
    mutating func completeAnnouncements() {
        announcements = announcements.map(completed)
    }

    /// The rendered body of a notice, reading its file again if it came from the build cache.
    func bodyHTML(of notice: Announcement) -> String {
        completed(notice).body.html
    }

    private func completed(_ notice: Announcement) -> Announcement {
        guard !notice.complete else { return notice }
        let renderer = MarkdownRenderer(unsafeHTML: config.unsafeHTML)
        let (item, _) = SiteContent.parseFile(
            path: notice.file.path, url: siteRoot.appendingPathComponent(notice.file.path), stamp: notice.file.stamp, time: time
        ) { Announcement.read($0, $1, renderer: renderer) }
        return item ?? notice
    }
}
