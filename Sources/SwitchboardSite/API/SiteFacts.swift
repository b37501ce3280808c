import Foundation
import SwitchboardCore

/// What the server needs to know about the site, read once from the same parsed content the
/// build renders: prices, agreement versions, maintenance windows, the calendar, and the next
/// moment at which the rendered portal changes. Drafts are left out.
public struct SiteFacts: Sendable {
    /// `site.yaml`: title, company, time zone, holidays.
    public let config: SiteConfig
    /// Every non-draft price sheet: what a send costs at its own moment (PRICE-1, PRICE-2).
    public let priceBook: PriceBook
    /// Every non-draft agreement version, in effective order (AGR-1, AGR-2).
    public let agreementVersions: [AgreementTerms]
    /// The windows of every non-draft maintenance notice, soonest first (PLAT-1).
    public let maintenanceWindows: [MaintenanceWindow]
    /// Warnings found while loading; errors are thrown instead.
    public let warnings: [Diagnostic]
    /// Every dated moment at which the portal shows something new, sorted, without repeats.
    private let changes: [Date]
    /// When each sheet becomes public: with its price-change notice, or at its effective moment.
    private let sheetPublication: [String: Date]

    /// The site's time zone, in which dates without a time mean midnight.
    public var timeZone: TimeZone { config.timeZone }
    /// Working days less the holidays of `site.yaml` (PLAT-1).
    public var workingCalendar: WorkingCalendar { config.workingCalendar }
    /// Reads and prints moments in the site's time zone.
    public var time: SiteTime { config.siteTime }

    /// Loads the site under `site` and checks it exactly as `switchboard check --now` would; a
    /// site with any error throws the report.
    public static func load(site: URL, now: Date) async throws(CheckReport) -> SiteFacts {
        let content = await SiteContent.load(site: site)
        let report = SiteBuilder.checkReport(content, site: site, now: now, includeDrafts: false)
        if report.hasErrors { throw report }
        return SiteFacts(content: content, warnings: report.diagnostics.filter { $0.severity == .warning })
    }

    init(content: SiteContent, warnings: [Diagnostic]) {
        config = content.config
        self.warnings = warnings
        let sheets = content.sheets.filter { !$0.draft }
        let agreements = content.agreements.filter { !$0.draft }
        let announcements = content.announcements.filter { !$0.draft }
        priceBook = PriceBook(sheets: sheets.map(\.sheet))
        let noticePublished = Dictionary(announcements.map { ($0.slug, $0.published) }, uniquingKeysWith: min)
        sheetPublication = Dictionary(
            sheets.enumerated().map { index, file in
                let announced = file.sheet.announcement.flatMap { noticePublished[$0] } ?? file.sheet.effective
                return (file.sheet.id, index == 0 ? .distantPast : min(announced, file.sheet.effective))
            }, uniquingKeysWith: min)
        agreementVersions = agreements.map { version in
            AgreementTerms(
                version: version.version, title: version.title, published: version.published, effective: version.effective,
                url: "/agreement/\(version.version)/")
        }
        maintenanceWindows = announcements.compactMap { notice -> MaintenanceWindow? in
            guard notice.kind == .maintenance, let window = notice.window else { return nil }
            return MaintenanceWindow(
                slug: notice.slug, title: notice.title, published: notice.published, start: window.start, end: window.end,
                url: "/announcements/\(notice.slug)/")
        }
        .sorted { ($0.start, $0.slug) < ($1.start, $1.slug) }
        // What `Portal` decides by its moment: a notice appears when published (and with it the
        // price sheet it announces); sheets and agreement versions move from upcoming to in
        // effect; maintenance banners go from scheduled to under way to gone.
        var moments = Set(announcements.map(\.published))
        moments.formUnion(sheets.map(\.sheet.effective))
        moments.formUnion(agreements.flatMap { [$0.published, $0.effective] })
        moments.formUnion(maintenanceWindows.flatMap { [$0.start, $0.end] })
        changes = moments.sorted()
    }

    /// The agreement version binding at `moment`: the latest whose `effective` is not after it.
    public func agreementInEffect(at moment: Date) -> AgreementTerms? {
        agreementVersions.last { $0.effective <= moment }
    }

    /// A version already published at `moment` that is not in effect yet, as the portal shows it (AGR-2).
    public func upcomingAgreement(after moment: Date) -> AgreementTerms? {
        agreementVersions.first { $0.published <= moment && $0.effective > moment }
    }

    /// The sheet that takes effect next, once the portal shows it (its notice is published), as
    /// the portal's price page does (PRICE-2).
    public func upcomingPriceSheet(at moment: Date) -> PriceSheet? {
        guard let next = priceBook.upcoming(after: moment), (sheetPublication[next.id] ?? next.effective) <= moment else { return nil }
        return next
    }

    /// A sheet as the portal and the API publish it.
    public func published(_ sheet: PriceSheet) -> PublishedPriceSheet { PublishedPriceSheet(sheet, time: time) }

    /// The maintenance window under way at `moment`, if any: the API answers 503 (PLAT-1).
    public func maintenance(at moment: Date) -> MaintenanceWindow? {
        maintenanceWindows.first { $0.contains(moment) }
    }

    /// The earliest moment strictly after `moment` at which the portal rendered for it differs:
    /// a notice's or agreement version's `published`, a sheet's or version's `effective`, a
    /// maintenance window's start or end, or the new year in the site's zone (the footer's year).
    public func nextChange(after moment: Date) -> Date? {
        let dated = changes.first { $0 > moment }
        let newYear = try? time.parse(String(format: "%04d-01-01", time.local(moment).year + 1))
        return [dated, newYear].compactMap { $0 }.min()
    }
}
