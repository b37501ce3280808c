/// What rendering one Markdown body produces: the HTML and what the checks and pages need to
/// know about it (links with their lines, the anchors it defines, headings, agreement clauses).
struct RenderedMarkdown: Sendable {
    var html: String
    var links: LinkList
    /// Every `id` the HTML defines, for `#anchor` link checks.
    var anchors: Anchors
    var headings: [Heading]
    /// Numbered clauses in document order (agreement bodies only).
    var clauses: [Clause]
    /// The first paragraph as plain text, for lists, feeds and search.
    var summary: String

    struct Link: Sendable, Equatable {
        let url: String
        /// 1-based line in the content file.
        let line: Int
    }

    struct Heading: Sendable, Equatable {
        let level: Int
        let text: String
        let id: String
    }

    /// A numbered part of the agreement (`3.1.2`), a heading or a paragraph with what follows it.
    struct Clause: Sendable, Equatable {
        let number: String
        /// Plain text, used for the clause-by-clause comparison.
        var text: String
        let isHeading: Bool
        var anchor: String { "clause-\(number)" }
    }
}
