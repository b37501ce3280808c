import Foundation
import SwitchboardCore

/// Turns a `Portal` into pages: each `PageJob` renders to one file of the output, so that jobs
/// can be rendered in parallel and written as they are made.
struct PortalRenderer: Sendable {
    let portal: Portal
    let theme: Theme
    let routes: Routes
    /// The layout rendered once per menu state, for pages to be spliced into.
    private(set) var frames = LayoutFrames.none

    init(portal: Portal, theme: Theme, routes: Routes) {
        self.portal = portal
        self.theme = theme
        self.routes = routes
    }

    /// This renderer with layout frames prepared: worth it when many pages are to be rendered,
    /// not for the handful of a one-file rebuild.
    func withLayoutFrames() -> PortalRenderer {
        var renderer = self
        // One URL per section stands for its pages; a page whose menu state is not among them
        // (a menu entry deep inside a section) is rendered directly, just more slowly.
        let sections =
            ["/agreement/", "/prices/", "/announcements/", "/404.html", "/console/"] + portal.pages.map(\.url)
            + portal.config.menu.map(\.url) + NoticeKind.allCases.map { "/announcements/\($0.rawValue)/" }
        let keys = Set(sections.map { LayoutFrames.Key(url: $0, hasTitle: true, menu: portal.config.menu) })
        let withoutTitle = keys.map { LayoutFrames.Key(current: $0.current, hasTitle: false) }
        renderer.frames = LayoutFrames(keys: keys.union(withoutTitle)) { key, values in
            theme.render("layout", layoutContext(key: key, values: values))
        }
        return renderer
    }

    /// One output page.
    enum PageJob: Sendable {
        case page(Int)
        case agreementCurrent
        case agreementVersion(Int)
        case agreementChanges(Int)
        case prices
        case priceSheet(Int)
        case announcement(Int)
        case listing(NoticeKind?, page: Int)
        case notFound
        case apiReference
        /// A page of the developer console (`ConsolePage.all`).
        case console(Int)
    }

    /// Every page the portal has at its moment.
    var jobs: [PageJob] {
        var jobs: [PageJob] = portal.pages.indices.map { .page($0) }
        if portal.currentAgreement != nil || !portal.agreements.isEmpty { jobs.append(.agreementCurrent) }
        for (index, version) in portal.agreements.enumerated() {
            jobs.append(.agreementVersion(index))
            if portal.previous(of: version) != nil { jobs.append(.agreementChanges(index)) }
        }
        jobs.append(.prices)
        jobs += portal.sheets.indices.map { .priceSheet($0) }
        jobs += portal.announcements.indices.map { .announcement($0) }
        let perPage = portal.config.announcementsPerPage
        jobs += Pagination.pageNumbers(count: portal.announcements.count, perPage: perPage).map { .listing(nil, page: $0) }
        for kind in NoticeKind.allCases {
            jobs += Pagination.pageNumbers(count: portal.announcements(of: kind).count, perPage: perPage).map { .listing(kind, page: $0) }
        }
        if theme.apiReference != nil { jobs.append(.apiReference) }
        jobs += ConsolePage.all.indices.map { .console($0) }
        jobs.append(.notFound)
        return jobs
    }

    /// The output path of a page, relative to the output folder, without rendering it.
    func path(_ job: PageJob) -> String {
        let url: String
        switch job {
        case .page(let index): url = portal.pages[index].url
        case .agreementCurrent: url = "/agreement/"
        case .agreementVersion(let index): url = "/agreement/\(portal.agreements[index].version)/"
        case .agreementChanges(let index): url = "/agreement/\(portal.agreements[index].version)/changes/"
        case .prices: url = "/prices/"
        case .priceSheet(let index): url = "/prices/\(portal.sheets[index].sheet.id)/"
        case .announcement(let index): return "announcements/\(portal.announcements[index].slug)/index.html"
        case .listing(let kind, let page):
            url = Pagination.url(base: kind.map { "/announcements/\($0.rawValue)/" } ?? "/announcements/", page: page)
        case .notFound: return "404.html"
        case .apiReference: url = APIReference.url
        case .console(let index): url = ConsolePage.all[index].url
        }
        return String(url.dropFirst()) + "index.html"
    }

    /// The output path (relative to the output folder) and HTML of one page.
    func render(_ job: PageJob) -> (path: String, html: String) {
        switch job {
        case .page(let index):
            let item = portal.pages[index]
            var context: [String: Any] = ["title": item.title, "body": item.body.html]
            if item.isHome {
                context["latest"] = Context.list(portal.announcements.prefix(3).map(announcementCard))
            }
            return page(
                item.url, title: item.isHome ? nil : item.title, description: item.description,
                body: theme.render(item.isHome ? "home" : "page", context))
        case .agreementCurrent:
            return agreementPage(current: true, version: portal.currentAgreement ?? portal.agreements[0])
        case .agreementVersion(let index):
            return agreementPage(current: false, version: portal.agreements[index])
        case .agreementChanges(let index):
            return agreementChanges(portal.agreements[index])
        case .prices:
            return pricesPage()
        case .priceSheet(let index):
            return priceSheetPage(portal.sheets[index])
        case .announcement(let index):
            return announcementPage(portal.announcements[index])
        case .listing(let kind, let number):
            return listingPage(kind: kind, page: number)
        case .notFound:
            let html = layout(
                url: "/404.html", title: "Page not found", description: "There is no page at this address.",
                content: theme.render("not-found", [:]))
            return ("404.html", html)
        case .apiReference:
            return apiReferencePage()
        case .console(let index):
            return consolePage(ConsolePage.all[index])
        }
    }

    /// `/api-reference/`: the API's OpenAPI document as a page.
    func apiReferencePage() -> (path: String, html: String) {
        guard let reference = theme.apiReference else { return (path(.apiReference), "") }
        return page(
            APIReference.url, title: "API reference",
            description: "Every route of the \(reference.title): authentication, parameters, body fields, answers and error codes.",
            body: APIReference.body(theme.fingerprint) { theme.render("api-reference", reference.context) })
    }

    // MARK: Layout

    /// A page at `url` (ending in `/`), wrapped in the layout, written to `url/index.html`.
    func page(_ url: String, title: String?, description: String, body: String) -> (path: String, html: String) {
        let path = String(url.dropFirst()) + "index.html"
        return (path, layout(url: url, title: title, description: description, content: body))
    }

    func layout(url: String, title: String?, description: String, content: String) -> String {
        let values = LayoutFrames.Values(
            title: title, description: description.isEmpty ? portal.config.tagline : description,
            canonical: Context.absolute(url, base: portal.config.baseURL), content: content)
        let key = LayoutFrames.Key(url: url, hasTitle: title != nil, menu: portal.config.menu)
        return frames.fill(key, values) ?? theme.render("layout", layoutContext(key: key, values: values))
    }

    /// The layout's context: the site, the menu with the current section, the maintenance
    /// banners, and the page's own values.
    func layoutContext(key: LayoutFrames.Key, values: LayoutFrames.Values) -> [String: Any] {
        let config = portal.config
        let banners = portal.maintenanceNotices.map { notice -> [String: Any] in
            let window = notice.window ?? DateInterval(start: notice.published, duration: 0)
            let underWay = window.start <= portal.now
            return [
                "state": underWay ? "Maintenance under way" : "Scheduled maintenance",
                "title": notice.title, "url": "/announcements/\(notice.slug)/",
                "when": underWay ? "until \(portal.time.longDateTime(window.end))" : Context.windowText(window, time: portal.time),
            ]
        }
        let menu = zip(config.menu, key.current).map { item, current -> [String: Any] in
            ["title": item.title, "url": item.url, "current": current]
        }
        let year = portal.time.local(portal.now).year
        return [
            "site": [
                "title": config.title, "tagline": config.tagline, "language": config.language,
                "company": config.company, "contact": Context.optional(config.contact), "year": "\(year)",
            ] as [String: Any],
            "pageTitle": Context.optional(values.title),
            "description": values.description,
            "canonical": values.canonical,
            "menu": menu,
            "banners": Context.list(banners),
            "content": values.content,
        ]
    }

    // MARK: Shared contexts

    func announcementCard(_ notice: Announcement) -> [String: Any] {
        let time = portal.time
        return [
            "title": notice.title, "url": "/announcements/\(notice.slug)/", "summary": notice.summary,
            "kind": notice.kind.rawValue, "kindTitle": notice.kind.title, "kindURL": "/announcements/\(notice.kind.rawValue)/",
            "publishedISO": time.rfc3339(notice.published), "publishedText": time.longDate(notice.published),
            "effectiveText": Context.optional(notice.effective.map(time.longDateTime)),
            "effectiveISO": Context.optional(notice.effective.map(time.rfc3339)),
            "windowText": Context.optional(notice.window.map { Context.windowText($0, time: time) }),
        ]
    }
}
