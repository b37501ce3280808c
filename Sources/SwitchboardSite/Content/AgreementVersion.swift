import Foundation

/// One version of the service agreement, from `content/agreement/<version>.md`.
struct AgreementVersion: Sendable {
    let file: SourceFile
    let version: String
    let title: String
    let published: Date
    let effective: Date
    /// Slug of its agreement-update notice; not needed for the first version.
    let announcement: String?
    let draft: Bool
    let body: RenderedMarkdown
    let lines: KeyLines

    static let keys = ["version", "title", "published", "effective", "announcement", "draft"]

    static func read(_ file: SourceFile, _ reader: FrontMatter, renderer: MarkdownRenderer) -> AgreementVersion? {
        let version = reader.string("version")
        let title = reader.string("title")
        let published = reader.date("published")
        let effective = reader.date("effective")
        let announcement = reader.string("announcement", required: false)
        let draft = reader.bool("draft") ?? false
        if let version, version != file.name {
            reader.error("version '\(version)' does not match the file name '\(file.name).md'", line: reader.line(of: "version"))
        }
        if let published, let effective, effective < published {
            reader.error("'effective' is before 'published'", line: reader.line(of: "effective"))
        }
        guard let version, let title, let published, let effective else { return nil }
        return AgreementVersion(
            file: file, version: version, title: title, published: published, effective: effective,
            announcement: announcement, draft: draft,
            body: renderer.render(file.body, firstLine: file.bodyLine, numberedClauses: true),
            lines: KeyLines(reader, keys: keys))
    }
}

/// The file line of each front matter key, for diagnostics found by checks across files.
struct KeyLines: Sendable {
    /// The keys, in a type's fixed order (`Announcement.keys`), and the line of each.
    private let keys: [String]
    private let lines: [Int]
    let fallback: Int

    init(_ reader: FrontMatter, keys: [String]) {
        self.keys = keys
        lines = keys.map { reader.line(of: $0) }
        fallback = reader.line(of: "")
    }

    init(keys: [String], lines: [Int], fallback: Int) {
        self.keys = keys
        self.lines = lines
        self.fallback = fallback
    }

    subscript(_ key: String) -> Int { keys.firstIndex(of: key).map { lines[$0] } ?? fallback }
}
