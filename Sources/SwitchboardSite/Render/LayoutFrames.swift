/// The layout rendered once per menu state with placeholders where the page's own values go,
/// so that 10,000 pages are spliced into a frame instead of each rendering the layout again.
///
/// A frame is used only when it provably gives the same bytes as rendering: at build start
/// every frame is filled with probe values (with characters that need escaping) and compared
/// with a direct render. A layout override that transforms, tests or leaves unescaped one of
/// these values fails the comparison, and its pages are rendered directly.
struct LayoutFrames: Sendable {
    /// Which menu items are current, and whether the page has a title of its own.
    struct Key: Hashable, Sendable {
        let current: [Bool]
        let hasTitle: Bool

        init(current: [Bool], hasTitle: Bool) {
            self.current = current
            self.hasTitle = hasTitle
        }

        init(url: some StringProtocol, hasTitle: Bool, menu: [SiteConfig.MenuItem]) {
            current = menu.map { $0.url != "/" && url.hasPrefix($0.url) }
            self.hasTitle = hasTitle
        }
    }

    /// A page's own values: HTML-escaped where the layout escapes them, content as it is.
    struct Values {
        let title: String?
        let description: String
        let canonical: String
        let content: String
    }

    private enum Slot: Sendable, CaseIterable {
        case title, description, canonical, content

        var marker: String {
            switch self {
            case .title: "\u{E000}switchboard-title\u{E001}"
            case .description: "\u{E000}switchboard-description\u{E001}"
            case .canonical: "\u{E000}switchboard-canonical\u{E001}"
            case .content: "\u{E000}switchboard-content\u{E001}"
            }
        }
    }

    private struct Frame: Sendable {
        /// Text between slots: one more piece than slots.
        let pieces: [String]
        let slots: [Slot]
    }

    private let frames: [Key: Frame]

    static let none = LayoutFrames(frames: [:])

    /// How many menu states have a verified frame.
    var count: Int { frames.count }

    private init(frames: [Key: Frame]) { self.frames = frames }

    /// Renders a frame per key with `render` and keeps those that pass the probe.
    init(keys: Set<Key>, render: (Key, Values) -> String) {
        var frames: [Key: Frame] = [:]
        for key in keys {
            let placeholders = Values(
                title: key.hasTitle ? Slot.title.marker : nil, description: Slot.description.marker,
                canonical: Slot.canonical.marker, content: Slot.content.marker)
            guard let frame = LayoutFrames.split(render(key, placeholders)) else { continue }
            let probe = Values(
                title: key.hasTitle ? "Probe <title> & \"quotes\" 'too'" : nil, description: "Probe <description> & more",
                canonical: "https://example.com/probe/?a=1&b=<2>", content: "<p>Probe & <b>content</b></p>")
            if LayoutFrames.fill(frame, probe) == render(key, probe) { frames[key] = frame }
        }
        self.frames = frames
    }

    /// The page in its frame, or `nil` when this key has no verified frame.
    func fill(_ key: Key, _ values: Values) -> String? {
        frames[key].map { LayoutFrames.fill($0, values) }
    }

    private static func fill(_ frame: Frame, _ values: Values) -> String {
        var page = frame.pieces[0]
        page.reserveCapacity(frame.pieces.reduce(values.content.utf8.count) { $0 + $1.utf8.count } + 512)
        for (index, slot) in frame.slots.enumerated() {
            switch slot {
            case .title: page += HTML.escape(values.title ?? "")
            case .description: page += HTML.escape(values.description)
            case .canonical: page += HTML.escape(values.canonical)
            case .content: page += values.content
            }
            page += frame.pieces[index + 1]
        }
        return page
    }

    /// Cuts a render at each placeholder; `nil` if the content placeholder is not there once.
    private static func split(_ rendered: String) -> Frame? {
        var pieces: [String] = []
        var slots: [Slot] = []
        var rest = Substring(rendered)
        while let (slot, range) = Slot.allCases.compactMap({ slot in rest.range(of: slot.marker).map { (slot, $0) } })
            .min(by: { $0.1.lowerBound < $1.1.lowerBound })
        {
            pieces.append(String(rest[..<range.lowerBound]))
            slots.append(slot)
            rest = rest[range.upperBound...]
        }
        pieces.append(String(rest))
        return slots.filter { $0 == .content }.count == 1 ? Frame(pieces: pieces, slots: slots) : nil
    }
}
