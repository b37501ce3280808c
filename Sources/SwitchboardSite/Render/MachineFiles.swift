import Foundation
import SwitchboardCore

/// The files for machines: Atom feeds, sitemap, robots.txt, the search index and the prices export.
struct MachineFiles {
    let portal: Portal
    let routes: Routes

    /// The newest entries a feed carries.
    static let feedLimit = 50

    /// One machine file: its path, a fingerprint of its inputs (`0`: made on every build), and
    /// how to make it. The big ones (sitemap, search index) are skipped when their inputs match
    /// the previous build's.
    struct File {
        let path: String
        let fingerprint: UInt64
        let make: () -> Data
    }

    var files: [File] {
        // The notices the feeds carry, each body rendered at most once even when it is in two
        // feeds, and only for a feed that is made at all.
        let bodies = FeedBodies(portal: portal)
        let title = portal.config.title
        var files = [
            File(path: "feed.xml", fingerprint: feedFingerprint(portal.announcements)) { [self] in
                atom(portal.announcements, title: title + " announcements", path: "/feed.xml", bodies: bodies)
            }
        ]
        for kind in NoticeKind.allCases {
            let path = "/announcements/\(kind.rawValue)/feed.xml"
            files.append(
                File(path: String(path.dropFirst()), fingerprint: feedFingerprint(portal.announcements(of: kind))) { [self] in
                    atom(portal.announcements(of: kind), title: "\(title): \(kind.title.lowercased())", path: path, bodies: bodies)
                })
        }
        files.append(File(path: "sitemap.xml", fingerprint: sitemapFingerprint, make: sitemap))
        files.append(
            File(path: "robots.txt", fingerprint: 0) { [self] in
                Data("User-agent: *\nAllow: /\n\nSitemap: \(absolute("/sitemap.xml"))\n".utf8)
            })
        files.append(File(path: "search.json", fingerprint: searchFingerprint, make: searchIndex))
        files.append(File(path: "api/prices.json", fingerprint: 0) { [self] in PricesExport(portal: portal).json() })
        return files
    }

    /// A feed shows its newest entries from their sources, under the site's name and address.
    private func feedFingerprint(_ notices: [Announcement]) -> UInt64 {
        var fingerprint = Fingerprint()
        fingerprint.combine("feed")
        fingerprint.combine(portal.content.configHash)
        fingerprint.combine(portal.config.baseURL)
        fingerprint.combine(portal.config.title)
        fingerprint.combine(portal.config.company)
        for notice in notices.prefix(MachineFiles.feedLimit) {
            fingerprint.combine(notice.slug)
            fingerprint.combine(notice.file.hash)
        }
        // An empty feed is dated by the build's moment.
        if notices.isEmpty { fingerprint.combine(portal.now.timeIntervalSince1970.bitPattern) }
        return fingerprint.value
    }

    /// The pages listed and the address they are listed under.
    private var sitemapFingerprint: UInt64 {
        var fingerprint = Fingerprint()
        fingerprint.combine("sitemap")
        fingerprint.combine(portal.config.baseURL)
        // Order-free: the sum of each page's hash, so no sort of 10,000 paths is needed.
        var sum: UInt64 = 0
        var count: UInt64 = 0
        for path in routes.htmlPaths {
            sum &+= Fingerprint.of(path.utf8)
            count += 1
        }
        fingerprint.combine(sum)
        fingerprint.combine(count)
        return fingerprint.value
    }

    /// Everything a search entry shows: pages, versions and sheets by their sources, notices by
    /// their listed fields.
    private var searchFingerprint: UInt64 {
        var fingerprint = Fingerprint()
        fingerprint.combine("search")
        fingerprint.combine(portal.content.configHash)
        for version in portal.agreements { fingerprint.combine(version.version) }
        for sheet in portal.sheets { fingerprint.combine(sheet.sheet.id) }
        for page in portal.pages { fingerprint.combine(page.slug) }
        for notice in portal.announcements {
            fingerprint.combine(notice.slug)
            fingerprint.combine(notice.title)
            fingerprint.combine(notice.summary)
            fingerprint.combine(notice.kind.rawValue)
            fingerprint.combine(notice.published.timeIntervalSince1970.bitPattern)
        }
        return fingerprint.value
    }

    private func absolute(_ path: String) -> String { Context.absolute(path, base: portal.config.baseURL) }

    private func atom(_ notices: [Announcement], title: String, path: String, bodies: FeedBodies) -> Data {
        let time = portal.time
        let updated = notices.first?.published ?? portal.now
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <title>\(HTML.escape(title))</title>
            <id>\(HTML.escape(absolute(path)))</id>
            <link rel="self" href="\(HTML.escape(absolute(path)))"/>
            <link rel="alternate" type="text/html" href="\(HTML.escape(absolute("/announcements/")))"/>
            <updated>\(time.rfc3339(updated))</updated>
            <author><name>\(HTML.escape(portal.config.company))</name></author>

            """
        for notice in notices.prefix(MachineFiles.feedLimit) {
            let url = absolute("/announcements/\(notice.slug)/")
            xml += """
                <entry>
                <title>\(HTML.escape(notice.title))</title>
                <id>\(HTML.escape(url))</id>
                <link rel="alternate" type="text/html" href="\(HTML.escape(url))"/>
                <published>\(time.rfc3339(notice.published))</published>
                <updated>\(time.rfc3339(notice.published))</updated>
                <category term="\(notice.kind.rawValue)" label="\(HTML.escape(notice.kind.title))"/>
                <summary>\(HTML.escape(notice.summary))</summary>
                <content type="html">\(HTML.escape(bodies.html(of: notice)))</content>
                </entry>

                """
        }
        xml += "</feed>\n"
        return Data(xml.utf8)
    }

    private func sitemap() -> Data {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in routes.htmlPages {
            xml += "<url><loc>\(HTML.escape(absolute(path)))</loc></url>\n"
        }
        xml += "</urlset>\n"
        return Data(xml.utf8)
    }

    private func searchIndex() -> Data {
        let time = portal.time
        var entries: [SearchEntry] = portal.pages.map {
            SearchEntry(title: $0.title, url: $0.url, summary: $0.description, kind: "page", date: nil)
        }
        entries += portal.agreements.map {
            SearchEntry(
                title: "\($0.title), version \($0.version)", url: "/agreement/\($0.version)/", summary: $0.body.summary, kind: "agreement",
                date: time.rfc3339($0.effective))
        }
        entries += portal.sheets.map {
            SearchEntry(
                title: $0.sheet.title, url: "/prices/\($0.sheet.id)/", summary: $0.body.summary, kind: "prices",
                date: time.rfc3339($0.sheet.effective))
        }
        entries += portal.announcements.map {
            SearchEntry(
                title: $0.title, url: "/announcements/\($0.slug)/", summary: $0.summary, kind: $0.kind.rawValue,
                date: time.rfc3339($0.published))
        }
        // Written by hand: JSONEncoder takes longer over 10,000 entries than a one-file rebuild.
        var json = "[\n"
        for (index, entry) in entries.enumerated() {
            json += "  {\"date\": \(entry.date.map(JSON.quoted) ?? "null"), \"kind\": \(JSON.quoted(entry.kind)), "
            json +=
                "\"summary\": \(JSON.quoted(entry.summary)), \"title\": \(JSON.quoted(entry.title)), \"url\": \(JSON.quoted(entry.url))}"
            json += index + 1 < entries.count ? ",\n" : "\n"
        }
        json += "]\n"
        return Data(json.utf8)
    }

    private struct SearchEntry {
        let title: String
        let url: String
        let summary: String
        let kind: String
        let date: String?
    }
}

/// Rendered bodies of the notices in feeds, made once per notice when first asked for.
///
/// A class shared by the feeds of one build, read and filled on one thread (the machine files
/// are made one after another).
final class FeedBodies {
    private let portal: Portal
    private var bodies: [String: String] = [:]

    init(portal: Portal) { self.portal = portal }

    func html(of notice: Announcement) -> String {
        if let body = bodies[notice.slug] { return body }
        let body = portal.content.bodyHTML(of: notice)
        bodies[notice.slug] = body
        return body
    }
}
