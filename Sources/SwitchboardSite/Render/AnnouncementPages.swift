import Foundation
import SwitchboardCore

extension PortalRenderer {
    func announcementPage(_ notice: Announcement) -> (path: String, html: String) {
        var context = announcementCard(notice)
        context["body"] = notice.body.html
        var related: [[String: Any]] = []
        for sheet in portal.sheets where sheet.sheet.announcement == notice.slug {
            related.append(["title": sheet.sheet.title, "url": "/prices/\(sheet.sheet.id)/"])
        }
        for version in portal.agreements where version.announcement == notice.slug {
            related.append(["title": "\(version.title), version \(version.version)", "url": "/agreement/\(version.version)/"])
            if portal.previous(of: version) != nil {
                related.append(["title": "What changes in version \(version.version)", "url": "/agreement/\(version.version)/changes/"])
            }
        }
        context["related"] = Context.list(related)
        context["effectiveText"] = Context.optional(notice.effective.map(portal.time.longDateTime))
        return page(
            "/announcements/\(notice.slug)/", title: notice.title, description: notice.summary,
            body: theme.render("announcement", context))
    }

    func listingPage(kind: NoticeKind?, page number: Int) -> (path: String, html: String) {
        let all = kind.map(portal.announcements(of:)) ?? portal.announcements
        let perPage = portal.config.announcementsPerPage
        let pages = Pagination.pageNumbers(count: all.count, perPage: perPage).upperBound
        let base = kind.map { "/announcements/\($0.rawValue)/" } ?? "/announcements/"
        let items = all.dropFirst((number - 1) * perPage).prefix(perPage).map(announcementCard)
        var kinds: [[String: Any]] = [["title": "All", "url": "/announcements/", "current": kind == nil]]
        kinds += NoticeKind.allCases.map { ["title": $0.title, "url": "/announcements/\($0.rawValue)/", "current": $0 == kind] }
        var pagination: [String: Any]?
        if pages > 1 {
            pagination = [
                "page": number, "pages": pages,
                "previous": number > 1 ? Pagination.url(base: base, page: number - 1) : false,
                "next": number < pages ? Pagination.url(base: base, page: number + 1) : false,
            ]
        }
        let heading = kind.map { "Announcements: \($0.title.lowercased())" } ?? "Announcements"
        let context: [String: Any] = [
            "heading": number > 1 ? "\(heading) (page \(number))" : heading,
            "kinds": kinds, "items": Context.list(Array(items)), "pagination": Context.optional(pagination),
            "feedURL": kind.map { "/announcements/\($0.rawValue)/feed.xml" } ?? "/feed.xml",
        ]
        let title = number > 1 ? "\(heading), page \(number)" : heading
        return page(
            Pagination.url(base: base, page: number), title: title,
            description: "Price changes, agreement updates, maintenance and feature notices.",
            body: theme.render("announcements", context))
    }
}
