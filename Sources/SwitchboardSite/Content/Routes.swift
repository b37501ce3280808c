import SwitchboardCore

/// The URLs a portal has and the anchors each page defines, for link checks and the sitemap.
struct Routes: Sendable {
    /// URL path → ids defined on that page.
    private(set) var pages: [String: Set<String>] = [:]

    static let reservedPageSlugs: Set<String> = ["agreement", "prices", "announcements", "api", "index", "console", "v1"]

    init(portal: Portal, staticFiles: [String]) {
        for page in portal.pages { add(page.url, page.body.anchors) }
        if let current = portal.currentAgreement ?? portal.agreements.last {
            add("/agreement/", current.body.anchors)
        }
        for version in portal.agreements {
            add("/agreement/\(version.version)/", version.body.anchors)
            if portal.previous(of: version) != nil { add("/agreement/\(version.version)/changes/", []) }
        }
        add("/prices/", [])
        for sheet in portal.sheets { add("/prices/\(sheet.sheet.id)/", sheet.body.anchors) }
        for announcement in portal.announcements {
            add("/announcements/\(announcement.slug)/", announcement.body.anchors)
        }
        let perPage = portal.config.announcementsPerPage
        addListing("/announcements/", count: portal.announcements.count, perPage: perPage)
        for kind in NoticeKind.allCases {
            addListing("/announcements/\(kind.rawValue)/", count: portal.announcements(of: kind).count, perPage: perPage)
            add("/announcements/\(kind.rawValue)/feed.xml", [])
        }
        for file in ["/feed.xml", "/sitemap.xml", "/robots.txt", "/404.html", "/search.json", "/api/prices.json"] {
            add(file, [])
        }
        for file in staticFiles { add(file, []) }
    }

    func contains(_ path: String) -> Bool { pages[path] != nil }

    /// The HTML pages, for the sitemap: every path ending in `/`, sorted.
    var htmlPages: [String] { htmlPaths.sorted() }

    /// Every path with its anchors, hashed without regard to order: equal fingerprints mean a
    /// link resolves the same way against either table.
    var fingerprint: UInt64 {
        var sum: UInt64 = 0
        for (path, anchors) in pages {
            var page = Fingerprint()
            page.combine(path)
            var anchorSum: UInt64 = 0
            for anchor in anchors { anchorSum &+= Fingerprint.of(anchor.utf8) }
            page.combine(anchorSum)
            page.combine(UInt64(anchors.count))
            sum &+= page.value
        }
        var fingerprint = Fingerprint()
        fingerprint.combine(sum)
        fingerprint.combine(UInt64(pages.count))
        return fingerprint.value
    }

    /// The HTML pages in no particular order.
    var htmlPaths: some Sequence<String> { pages.keys.lazy.filter { $0.hasSuffix("/") } }
    func anchors(of path: String) -> Set<String>? { pages[path] }

    private mutating func add(_ path: String, _ anchors: Set<String>) { pages[path, default: []].formUnion(anchors) }

    private mutating func addListing(_ base: String, count: Int, perPage: Int) {
        add(base, [])
        for page in Pagination.pageNumbers(count: count, perPage: perPage).dropFirst() {
            add("\(base)page/\(page)/", [])
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
