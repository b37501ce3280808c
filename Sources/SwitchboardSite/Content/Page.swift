/// A free page from `content/pages/<slug>.md`; `index.md` is the home page.
struct Page: Sendable {
    let file: SourceFile
    var slug: String { file.name }
    let title: String
    let description: String
    let draft: Bool
    let body: RenderedMarkdown

    var isHome: Bool { slug == "index" }
    var url: String { isHome ? "/" : "/\(slug)/" }

    static func read(_ file: SourceFile, _ reader: FrontMatter, renderer: MarkdownRenderer) -> Page? {
        let title = reader.string("title")
        let description = reader.string("description", required: false)
        let draft = reader.bool("draft") ?? false
        guard let title else { return nil }
        let body = renderer.render(file.body, firstLine: file.bodyLine)
        return Page(file: file, title: title, description: description ?? body.summary, draft: draft, body: body)
    }
}
