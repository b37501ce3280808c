import Foundation

/// Internal links in Markdown must lead to a page the portal has and, with `#clause-3.1.2`, to
/// an anchor on it. Links to other hosts and schemes are not followed.
struct LinkCheck {
    let rules: SiteRules

    func check() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let content = rules.content
        let published = Set(rules.portal.announcements.map(\.slug))
        for item in content.announcements where !rules.linksKnownGood(item) {
            diagnostics += check(
                item.body, on: "/announcements/\(item.slug)/", path: item.file.path, isPublic: published.contains(item.slug))
        }
        let publicVersions = Set(rules.portal.agreements.map(\.version))
        for item in content.agreements {
            diagnostics += check(
                item.body, on: "/agreement/\(item.version)/", path: item.file.path, isPublic: publicVersions.contains(item.version))
        }
        let publicSheets = Set(rules.portal.sheets.map(\.sheet.id))
        for item in content.sheets {
            diagnostics += check(
                item.body, on: "/prices/\(item.sheet.id)/", path: item.file.path, isPublic: publicSheets.contains(item.sheet.id))
        }
        for item in content.pages {
            diagnostics += check(item.body, on: item.url, path: item.file.path, isPublic: true)
        }
        return diagnostics
    }

    /// A public page's links must resolve now; a scheduled page's links once everything is out.
    private func check(_ body: RenderedMarkdown, on page: String, path: String, isPublic: Bool) -> [Diagnostic] {
        body.links.all.compactMap { link in
            guard let target = LinkCheck.internalTarget(link.url, from: page) else { return nil }
            let routes = isPublic ? rules.routes : rules.allRoutes
            let ownPage = target.path == page
            guard routes.contains(target.path) || ownPage else {
                if isPublic, rules.allRoutes.contains(target.path) {
                    return Diagnostic(path: path, line: link.line, "link to \(target.path) leads to a page that is not published at --now")
                }
                let hint = routes.contains(target.path + "/") ? " (did you mean \(target.path)/?)" : ""
                return Diagnostic(
                    path: path, line: link.line, "link to \(link.url) leads nowhere: the portal has no page \(target.path)\(hint)")
            }
            if let fragment = target.fragment, !fragment.isEmpty,
                !fragment.hasPrefix("fn"),  // cmark-gfm's own footnote anchors
                routes.page(target.path, defines: fragment) != true, !(ownPage && body.anchors.contains(fragment))
            {
                return Diagnostic(path: path, line: link.line, "link to \(link.url): \(target.path) has no anchor '#\(fragment)'")
            }
            return nil
        }
    }

    /// No `//`, no `/.` segment and no percent escapes.
    private static func isCleanPath(_ path: String.UTF8View) -> Bool {
        var previous: UInt8 = 0
        for byte in path {
            if byte == UInt8(ascii: "%") || previous == UInt8(ascii: "/") && (byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".")) {
                return false
            }
            previous = byte
        }
        return true
    }

    /// The site path and fragment of a link, or `nil` for links to other hosts and schemes.
    static func internalTarget(_ url: String, from page: String) -> (path: String, fragment: String?)? {
        if url.hasPrefix("//") || url.utf8.contains(UInt8(ascii: ":")) && !url.hasPrefix("/") && !url.hasPrefix("#") && !url.hasPrefix(".")
        {
            return nil
        }
        var rest = url
        var fragment: String?
        // Searched as bytes: '#' and '?' are ASCII, and grapheme search is slow over 20,000 links.
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(rest[rest.utf8.index(after: hash)...])
            rest = String(rest[..<hash])
        }
        if let query = rest.utf8.firstIndex(of: UInt8(ascii: "?")) { rest = String(rest[..<query]) }
        if rest.isEmpty { return (page, fragment) }
        // Most links are already clean absolute paths: nothing to resolve.
        if rest.hasPrefix("/"), !rest.hasSuffix("/index.html"), isCleanPath(rest.utf8) {
            return (rest, fragment)
        }
        let absolute = rest.hasPrefix("/") ? rest : page + rest
        var parts: [Substring] = []
        for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        var path = "/" + parts.joined(separator: "/")
        if absolute.hasSuffix("/"), path != "/" { path += "/" }
        if path.hasSuffix("/index.html") { path.removeLast("index.html".count) }
        guard path.utf8.contains(UInt8(ascii: "%")) else { return (path, fragment) }
        return (path.removingPercentEncoding ?? path, fragment)
    }
}
