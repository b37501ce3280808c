import SwitchboardCore

/// The URLs a portal has and the anchors each page defines, for link checks and the sitemap.
struct Routes: Sendable {
    /// URL path → ids defined on that page (from each source that adds to it).
    private(set) var pages: [String: [Anchors]] = [:]

    static let reservedPageSlugs: Set<String> = [
        "agreement", "prices", "announcements", "api", "api-reference", "index", "console", "v1",
    ]

    /// - Parameter apiReference: the theme's API reference, rendered at `/api-reference/`.
    init(portal: Portal, staticFiles: [String], apiReference: APIReference? = nil) {
        for page in portal.pages { add(page.url, page.body.anchors) }
        if let current = portal.currentAgreement ?? portal.agreements.last {
            add("/agreement/", current.body.anchors)
        }
        for version in portal.agreements {
            add("/agreement/\(version.version)/", version.body.anchors)
            if portal.previous(of: version) != nil { add("/agreement/\(version.version)/changes/", Anchors()) }
        }
        add("/prices/", Anchors())
        for sheet in portal.sheets { add("/prices/\(sheet.sheet.id)/", sheet.body.anchors) }
        for announcement in portal.announcements {
            add("/announcements/\(announcement.slug)/", announcement.body.anchors)
        }
        let perPage = portal.config.announcementsPerPage
        addListing("/announcements/", count: portal.announcements.count, perPage: perPage)
        for kind in NoticeKind.allCases {
            addListing("/announcements/\(kind.rawValue)/", count: portal.announcements(of: kind).count, perPage: perPage)
            add("/announcements/\(kind.rawValue)/feed.xml", Anchors())
        }
        for file in ["/feed.xml", "/sitemap.xml", "/robots.txt", "/404.html", "/search.json", "/api/prices.json"] {
            add(file, Anchors())
        }
        for file in staticFiles { add(file, Anchors()) }
        if let apiReference { add(APIReference.url, Anchors(apiReference.anchors)) }
        for page in ConsolePage.all { add(page.url, Anchors()) }
    }

    func contains(_ path: String) -> Bool { pages[path] != nil }

    /// The HTML pages, for the sitemap: every path ending in `/`, sorted.
    var htmlPages: [String] { htmlPaths.sorted() }

    /// Every path with its anchors, hashed without regard to order: equal fingerprints mean a
    /// link resolves the same way against either table.
    var fingerprint: UInt64 {
        var sum: UInt64 = 0
        for (path, sources) in pages {
            var page = Fingerprint()
            page.combine(path)
            var anchorSum: UInt64 = 0
            var anchorCount: UInt64 = 0
            for anchors in sources {
                let (sourceSum, sourceCount) = anchors.fingerprint
                anchorSum &+= sourceSum
                anchorCount += sourceCount
            }
            page.combine(anchorSum)
            page.combine(anchorCount)
            sum &+= page.value
        }
        var fingerprint = Fingerprint()
        fingerprint.combine(sum)
        fingerprint.combine(UInt64(pages.count))
        return fingerprint.value
    }

    /// The HTML pages in no particular order.
    var htmlPaths: some Sequence<String> { pages.keys.lazy.filter { $0.hasSuffix("/") } }
    /// Whether `path` is a page of the portal that defines `id`; `nil` when there is no such page.
    func page(_ path: String, defines id: String) -> Bool? {
        pages[path].map { sources in sources.contains { $0.contains(id) } }
    }

    private mutating func add(_ path: String, _ anchors: Anchors) { pages[path, default: []].append(anchors) }

    private mutating func addListing(_ base: String, count: Int, perPage: Int) {
        add(base, Anchors())
        for page in Pagination.pageNumbers(count: count, perPage: perPage).dropFirst() {
            add("\(base)page/\(page)/", Anchors())
        }
    }
}

/// Page numbers of a paginated listing: at least one page, even when empty.
enum Pagination {
    static func pageNumbers(count: Int, perPage: Int) -> ClosedRange<Int> {
        1...max(1, (count + perPage - 1) / perPage)
    }

    static func url(base: String, page: Int) -> String { page == 1 ? base : "\(base)page/\(page)/" }
}
