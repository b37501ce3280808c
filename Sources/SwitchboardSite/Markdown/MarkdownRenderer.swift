import CCmarkGFM
import Foundation
import SwitchboardCore

/// GitHub Flavored Markdown through cmark-gfm: tables, strikethrough, autolinks, task lists and
/// footnotes; raw HTML is dropped unless the site turns it on.
struct MarkdownRenderer: Sendable {
    let unsafeHTML: Bool

    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist"]

    /// cmark-gfm keeps its extension registry in a global; fill it once, before any parser runs.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Renders `markdown` whose first line is line `firstLine` of its file. With `numberedClauses`
    /// (the agreement), headings and paragraphs that start with a clause number get
    /// `id="clause-3.1.2"` anchors and are collected as clauses.
    func render(_ markdown: String, firstLine: Int, numberedClauses: Bool = false) -> RenderedMarkdown {
        precondition(Self.registered)
        var options = CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        if unsafeHTML { options |= CMARK_OPT_UNSAFE }
        guard let parser = cmark_parser_new(options) else { fatalError("cmark-gfm could not allocate a parser") }
        defer { cmark_parser_free(parser) }
        for name in Self.extensionNames {
            if let syntax = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, syntax) }
        }
        markdown.utf8CString.withUnsafeBufferPointer { buffer in
            cmark_parser_feed(parser, buffer.baseAddress, buffer.count - 1)
        }
        guard let document = cmark_parser_finish(parser) else { fatalError("cmark-gfm returned no document") }
        defer { cmark_node_free(document) }

        var result = RenderedMarkdown(html: "", links: LinkList(), anchors: Anchors(), headings: [], clauses: [], summary: "")
        let lineOffset = firstLine - 1
        var ids = AnchorNames()
        var node = cmark_node_first_child(document)
        var currentClause: Int?
        while let block = node {
            node = cmark_node_next(block)
            let type = cmark_node_get_type(block)
            let text = MarkdownRenderer.plainText(block)
            if type == CMARK_NODE_PARAGRAPH, result.summary.isEmpty { result.summary = text }
            if type == CMARK_NODE_HEADING {
                let level = Int(cmark_node_get_heading_level(block))
                let number = numberedClauses ? ClauseNumber.leading(in: text, requireDot: false) : nil
                let id = ids.claim(number.map { "clause-\($0)" } ?? AnchorNames.slug(text))
                MarkdownRenderer.mark(block, id: id)
                result.headings.append(.init(level: level, text: text, id: id))
                if let number {
                    result.clauses.append(.init(number: number, text: text, isHeading: true))
                    currentClause = nil
                }
            } else if numberedClauses, type == CMARK_NODE_PARAGRAPH,
                let number = ClauseNumber.leading(in: text, requireDot: true)
            {
                MarkdownRenderer.mark(block, id: ids.claim("clause-\(number)"))
                result.clauses.append(.init(number: number, text: text, isHeading: false))
                currentClause = result.clauses.count - 1
            } else if let index = currentClause {
                result.clauses[index].text += "\n" + text
            }
        }
        result.links = LinkList(MarkdownRenderer.links(in: document, lineOffset: lineOffset))
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            fatalError("cmark-gfm could not render HTML")
        }
        defer { free(rendered) }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(rendered).assumingMemoryBound(to: UInt8.self), count: strlen(rendered))
        result.html = HTMLPostProcessor.process(bytes, numberedClauses: numberedClauses)
        result.anchors = Anchors(ids.claimed)
        if result.summary.count > 240 {
            result.summary = result.summary.prefix(237).trimmingWhitespace() + "…"
        }
        return result
    }

    // MARK: Anchors

    /// cmark-gfm cannot put an `id` on an element, but it writes a custom block's text verbatim
    /// (also in safe mode): a marker before the block becomes the id in `HTMLPostProcessor`.
    private static func mark(_ block: OpaquePointer, id: String) {
        guard let marker = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(marker, HTMLPostProcessor.marker(id))
        cmark_node_insert_before(block, marker)
    }

    // MARK: Walking the tree

    private static func links(in document: OpaquePointer, lineOffset: Int) -> [RenderedMarkdown.Link] {
        var links: [RenderedMarkdown.Link] = []
        guard let iterator = cmark_iter_new(document) else { return links }
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                let node = cmark_iter_get_node(iterator)
            else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) else { continue }
            links.append(.init(url: String(cString: url), line: Int(cmark_node_get_start_line(node)) + lineOffset))
        }
        return links
    }

    /// The text of a node and its descendants, with breaks as spaces.
    static func plainText(_ root: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(root) else { return text }
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let event = cmark_iter_get_event_type(iterator)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(node) {
                text += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            } else if event == CMARK_EVENT_EXIT, type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_ITEM, !text.isEmpty,
                !text.hasSuffix(" ")
            {
                text += " "
            }
        }
        return text.trimmingWhitespace()
    }
}
