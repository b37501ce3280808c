import Foundation
import SwitchboardCore

/// The site's own settings, from `site.yaml` at the top of the site folder.
public struct SiteConfig: Sendable {
    public var title: String
    public var tagline: String
    public var baseURL: String
    public var language: String
    public var timeZone: TimeZone
    public var company: String
    public var contact: String?
    public var announcementsPerPage: Int
    /// Raw HTML in Markdown is dropped unless this is on.
    public var unsafeHTML: Bool
    /// Non-working days besides weekends, `YYYY-MM-DD` (PLAT-1).
    public var holidays: Set<String>
    public var menu: [MenuItem]

    public struct MenuItem: Sendable, Equatable {
        public let title: String
        public let url: String
    }

    public static let fileName = "site.yaml"

    /// The defaults of a site that has no `site.yaml`.
    public static func defaults() -> SiteConfig {
        SiteConfig(
            title: "Switchboard", tagline: "", baseURL: "http://127.0.0.1:8080/", language: "en",
            timeZone: TimeZone(identifier: "UTC") ?? .current, company: "Switchboard", contact: nil,
            announcementsPerPage: 10, unsafeHTML: false, holidays: [],
            menu: [
                MenuItem(title: "Agreement", url: "/agreement/"),
                MenuItem(title: "Prices", url: "/prices/"),
                MenuItem(title: "Announcements", url: "/announcements/"),
                MenuItem(title: "Console", url: "/console/"),
            ])
    }

    public var siteTime: SiteTime { SiteTime(timeZone: timeZone) }
    public var workingCalendar: WorkingCalendar { WorkingCalendar(time: siteTime, holidays: holidays) }

    /// Reads `site.yaml` text; problems are returned as diagnostics alongside the best config.
    static func parse(_ yaml: String, path: String = fileName) -> (SiteConfig, [Diagnostic]) {
        var config = SiteConfig.defaults()
        let reader: FrontMatter
        switch FrontMatter.parse(yaml, path: path, firstLine: 1, time: config.siteTime) {
        case .failure(let diagnostic): return (config, [diagnostic])
        case .success(let parsed): reader = parsed
        }
        if let title = reader.string("title", required: false) { config.title = title }
        if let tagline = reader.string("tagline", required: false) { config.tagline = tagline }
        if let base = reader.string("baseURL", required: false) {
            if let url = URL(string: base), url.scheme == "http" || url.scheme == "https", url.host != nil {
                config.baseURL = base.hasSuffix("/") ? base : base + "/"
            } else {
                reader.error("'baseURL' must be an absolute http(s) URL, not '\(base)'", line: reader.line(of: "baseURL"))
            }
        }
        if let language = reader.string("language", required: false) { config.language = language }
        if let zone = reader.string("timeZone", required: false) {
            if let timeZone = TimeZone(identifier: zone) {
                config.timeZone = timeZone
            } else {
                reader.error(
                    "'timeZone': unknown time zone '\(zone)'; use an IANA name such as Asia/Shanghai", line: reader.line(of: "timeZone"))
            }
        }
        if let company = reader.string("company", required: false) { config.company = company }
        config.contact = reader.string("contact", required: false)
        if let perPage = reader.integer("announcementsPerPage", required: false) { config.announcementsPerPage = perPage }
        if let markdown = reader.nested("markdown", required: false) {
            config.unsafeHTML = markdown.bool("unsafeHTML") ?? false
            reader.absorb(markdown)
        }
        for (day, line) in reader.stringList("holidays") ?? [] {
            if SiteTime.day(day) == nil {
                reader.error("holiday '\(day)' is not a date like 2027-01-01", line: line)
            } else {
                config.holidays.insert(day)
            }
        }
        if let items = reader.list("menu", required: false) {
            config.menu = items.compactMap { item in
                defer { reader.absorb(item) }
                guard let title = item.string("title"), let url = item.string("url") else { return nil }
                return MenuItem(title: title, url: url)
            }
        }
        reader.finish()
        return (config, reader.diagnostics)
    }
}
