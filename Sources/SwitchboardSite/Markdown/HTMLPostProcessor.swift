/// One pass over cmark-gfm's HTML, on bytes (Foundation's string search is slow on Linux):
///
/// - `<!--sb-id:x-->` markers before a block become that block's `id` (`<h2 id="x">`), and
///   agreement clause paragraphs get their number as a link to themselves;
/// - tables are wrapped in a focusable, labelled scrolling region and `<pre>` made focusable,
///   so wide content scrolls by keyboard on a phone;
/// - task-list checkboxes (read-only) say whether they are ticked.
enum HTMLPostProcessor {
    private static let markerOpen = Array("<!--sb-id:".utf8)
    private static let markerClose = Array("-->".utf8)
    private static let rewrites: [(from: [UInt8], to: [UInt8])] = [
        ("<table>", "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table\"><table>"),
        ("</table>", "</table></div>"),
        ("<pre>", "<pre tabindex=\"0\">"),
        ("<input type=\"checkbox\" checked=\"\" disabled=\"\" />", "<input type=\"checkbox\" checked disabled aria-label=\"Done\">"),
        ("<input type=\"checkbox\" disabled=\"\" />", "<input type=\"checkbox\" disabled aria-label=\"Not done\">"),
    ].map { (Array($0.utf8), Array($1.utf8)) }

    static func marker(_ id: String) -> String { "<!--sb-id:\(id)-->" }

    static func process(_ html: UnsafeBufferPointer<UInt8>, numberedClauses: Bool) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(html.count + html.count / 16)
        var index = 0
        let count = html.count
        scanning: while index < count {
            let byte = html[index]
            guard byte == UInt8(ascii: "<") else {
                output.append(byte)
                index += 1
                continue
            }
            if matches(html, at: index, markerOpen), let idEnd = find(html, markerClose, from: index + markerOpen.count) {
                let id = Array(html[(index + markerOpen.count)..<idEnd])
                index = idEnd + markerClose.count
                while index < count, html[index] == UInt8(ascii: "\n") { index += 1 }
                guard index < count, html[index] == UInt8(ascii: "<"),
                    let tagEnd = find(html, [UInt8(ascii: ">")], from: index)
                else { continue }
                let tag = Array(html[(index + 1)..<tagEnd])
                output += [UInt8(ascii: "<")] + tag + Array(" id=\"".utf8) + id + Array("\">".utf8)
                index = tagEnd + 1
                let clausePrefix = Array("clause-".utf8)
                if numberedClauses, tag == Array("p".utf8), id.starts(with: clausePrefix) {
                    let number = Array(id.dropFirst(clausePrefix.count))
                    if matches(html, at: index, number) {
                        output += Array("<a class=\"clause-number\" href=\"#".utf8) + id + Array("\">".utf8) + number + Array("</a>".utf8)
                        index += number.count
                    }
                }
                continue
            }
            for rewrite in rewrites where matches(html, at: index, rewrite.from) {
                output += rewrite.to
                index += rewrite.from.count
                continue scanning
            }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func matches(_ html: UnsafeBufferPointer<UInt8>, at index: Int, _ pattern: [UInt8]) -> Bool {
        guard index + pattern.count <= html.count else { return false }
        for offset in 0..<pattern.count where html[index + offset] != pattern[offset] { return false }
        return true
    }

    private static func find(_ html: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + pattern.count <= html.count {
            if matches(html, at: index, pattern) { return index }
            index += 1
        }
        return nil
    }
}
