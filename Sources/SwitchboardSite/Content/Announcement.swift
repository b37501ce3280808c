import Foundation
import SwitchboardCore

/// A notice from `content/announcements/<slug>.md`.
///
/// A class, immutable: a 10,000-notice site copies notices between listings, kinds and the
/// cache many times, and a reference costs one retain where a copy of every field costs a dozen.
final class Announcement: Sendable {
    let file: SourceFile
    var slug: String { file.name }
    let title: String
    let kind: NoticeKind
    let published: Date
    /// When the announced change takes effect (price-change, agreement-update, feature-change).
    let effective: Date?
    /// The maintenance window.
    let window: DateInterval?
    let summary: String
    let draft: Bool
    let body: RenderedMarkdown
    let lines: KeyLines
    /// False for an announcement restored from the build cache: everything but the body's HTML.
    let complete: Bool

    init(
        file: SourceFile, title: String, kind: NoticeKind, published: Date, effective: Date?, window: DateInterval?,
        summary: String, draft: Bool, body: RenderedMarkdown, lines: KeyLines, complete: Bool = true
    ) {
        self.file = file
        self.title = title
        self.kind = kind
        self.published = published
        self.effective = effective
        self.window = window
        self.summary = summary
        self.draft = draft
        self.body = body
        self.lines = lines
        self.complete = complete
    }

    static let keys = ["title", "kind", "published", "effective", "window", "summary", "draft"]

    static func read(_ file: SourceFile, _ reader: FrontMatter, renderer: MarkdownRenderer) -> Announcement? {
        let title = reader.string("title")
        let kindText = reader.string("kind")
        let kind = kindText.flatMap(NoticeKind.init(rawValue:))
        if let kindText, kind == nil {
            let kinds = NoticeKind.allCases.map(\.rawValue).joined(separator: ", ")
            reader.error("unknown kind '\(kindText)'; use one of \(kinds)", line: reader.line(of: "kind"))
        }
        let published = reader.date("published")
        let summary = reader.string("summary", required: false)
        let draft = reader.bool("draft") ?? false
        var effective: Date?
        var window: DateInterval?
        if let kind {
            if kind.hasEffectiveDate {
                effective = reader.date("effective")
                if let effective, let published, effective < published {
                    reader.error("'effective' is before 'published'", line: reader.line(of: "effective"))
                }
            } else if reader.has("effective") {
                reader.error(
                    "'effective' is only for price-change, agreement-update and feature-change notices", line: reader.line(of: "effective"))
            }
            if kind == .maintenance {
                if let nested = reader.nested("window") {
                    let start = nested.date("start")
                    let end = nested.date("end")
                    if let start, let end {
                        if end > start {
                            window = DateInterval(start: start, end: end)
                        } else {
                            nested.error("the window's 'end' must be after its 'start'", line: nested.line(of: "end"))
                        }
                    }
                    reader.absorb(nested)
                }
            } else if reader.has("window") {
                reader.error("'window' is only for maintenance notices", line: reader.line(of: "window"))
            }
        }
        guard let title, let kind, let published else { return nil }
        if kind.hasEffectiveDate, effective == nil { return nil }
        if kind == .maintenance, window == nil { return nil }
        let body = renderer.render(file.body, firstLine: file.bodyLine)
        return Announcement(
            file: file, title: title, kind: kind, published: published, effective: effective,
            window: window, summary: summary ?? body.summary, draft: draft, body: body,
            lines: KeyLines(reader, keys: keys))
    }
}
