/// The links of a body with their lines, for link checks.
///
/// Like `Anchors`, a notice restored from the build cache keeps them encoded: they are decoded
/// only when its links must be checked again (when the portal's route table changed).
struct LinkList: Sendable {
    private enum Storage: Sendable {
        case decoded([RenderedMarkdown.Link])
        /// `BuildCache`'s field: `line url` pairs, URLs escaped, separated by U+001F.
        case encoded(ArraySlice<UInt8>)
    }

    private let storage: Storage

    init(_ links: [RenderedMarkdown.Link] = []) { storage = .decoded(links) }

    init(encoded field: ArraySlice<UInt8>) { storage = .encoded(field) }

    var all: [RenderedMarkdown.Link] {
        switch storage {
        case .decoded(let links):
            return links
        case .encoded(let field):
            return field.split(separator: 0x1F).compactMap { entry in
                guard let space = entry.firstIndex(of: 0x20), let line = Int(String(decoding: entry[..<space], as: UTF8.self))
                else { return nil }
                return RenderedMarkdown.Link(url: BuildCache.unescape(entry[entry.index(after: space)...]), line: line)
            }
        }
    }

    /// The cache's field for these links.
    var encodedField: String {
        switch storage {
        case .decoded(let links): links.map { "\($0.line) \(BuildCache.escape($0.url))" }.joined(separator: "\u{1F}")
        case .encoded(let field): String(decoding: field, as: UTF8.self)
        }
    }
}
