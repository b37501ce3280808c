import Foundation
import SwitchboardCore

/// What the portal shows at one moment: the content published by `now` (drafts only when asked),
/// which agreement version and price sheet are in effect, and what is coming.
struct Portal: Sendable {
    let content: SiteContent
    let now: Date
    let includeDrafts: Bool

    let agreements: [AgreementVersion]
    let sheets: [PriceSheetFile]
    let announcements: [Announcement]
    let pages: [Page]
    /// Maintenance under way or still to come at `now`, soonest first: the banner on every page (PLAT-1).
    let maintenanceNotices: [Announcement]
    private let byKind: [NoticeKind: [Announcement]]
    private let bySlug: [String: Int]

    init(content: SiteContent, now: Date, includeDrafts: Bool) {
        self.content = content
        self.now = now
        self.includeDrafts = includeDrafts
        let shown = { (draft: Bool, published: Date) in (includeDrafts || !draft) && published <= now }
        announcements = content.announcements.filter { shown($0.draft, $0.published) }
        agreements = content.agreements.filter { shown($0.draft, $0.published) }
        let announced = Set(announcements.map(\.slug))
        let firstSheet = content.sheets.first?.sheet.id
        // A sheet is public once its price-change notice is, or from its own effective moment.
        sheets = content.sheets.filter { file in
            (includeDrafts || !file.draft)
                && (file.sheet.id == firstSheet || file.sheet.effective <= now
                    || file.sheet.announcement.map(announced.contains) == true)
        }
        pages = content.pages.filter { includeDrafts || !$0.draft }
        byKind = Dictionary(grouping: announcements, by: \.kind)
        bySlug = Dictionary(announcements.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { first, _ in first })
        maintenanceNotices = (byKind[.maintenance] ?? [])
            .filter { ($0.window?.end ?? .distantPast) > now }
            .sorted { ($0.window?.start ?? now) < ($1.window?.start ?? now) }
    }

    var config: SiteConfig { content.config }
    var time: SiteTime { content.time }

    /// The agreement version in effect at `now`.
    var currentAgreement: AgreementVersion? { agreements.last { $0.effective <= now } }
    /// A published version that is not in effect yet (AGR-2).
    var upcomingAgreement: AgreementVersion? { agreements.first { $0.effective > now } }

    func previous(of version: AgreementVersion) -> AgreementVersion? {
        agreements.last { $0.effective < version.effective }
    }

    var currentSheet: PriceSheetFile? { sheets.last { $0.sheet.effective <= now } }
    var upcomingSheet: PriceSheetFile? { sheets.first { $0.sheet.effective > now } }

    func previous(of sheet: PriceSheetFile) -> PriceSheetFile? {
        sheets.last { $0.sheet.effective < sheet.sheet.effective }
    }

    func announcements(of kind: NoticeKind) -> [Announcement] { byKind[kind] ?? [] }

    func announcement(_ slug: String) -> Announcement? { bySlug[slug].map { announcements[$0] } }
}
