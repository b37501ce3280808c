import Foundation

/// The inputs of each page, hashed: a page whose fingerprint matches the previous build's is
/// neither rendered nor written again.
///
/// `global` covers what many pages share (the binary, `site.yaml`, templates, static files,
/// every non-announcement source, and what `--now` decides for every page: the maintenance
/// banner, the public sheets and versions, the year). Announcement pages add their own source;
/// listing pages add the sources of the notices they list. Other pages are few and always
/// rendered (`nil`).
struct PageFingerprints: Sendable {
    let global: UInt64
    private let portal: Portal

    init(portal: Portal, theme: Theme, includeDrafts: Bool) {
        self.portal = portal
        var fingerprint = Fingerprint()
        fingerprint.combine(BuildCache.formatVersion)
        if let binary = FileStamp.of("/proc/self/exe") ?? FileStamp.of(CommandLine.arguments[0]) {
            fingerprint.combine(UInt64(bitPattern: binary.size))
            fingerprint.combine(UInt64(bitPattern: binary.modified))
        }
        fingerprint.combine(portal.content.configHash)
        fingerprint.combine(theme.fingerprint)
        fingerprint.combine(includeDrafts ? "drafts" : "published")
        fingerprint.combine(portal.config.baseURL)
        fingerprint.combine(UInt64(portal.time.local(portal.now).year))
        for notice in portal.maintenanceNotices {
            fingerprint.combine(notice.slug)
            fingerprint.combine(notice.file.hash)
            fingerprint.combine((notice.window?.start ?? portal.now) <= portal.now ? "under way" : "scheduled")
        }
        for sheet in portal.sheets { fingerprint.combine(sheet.sheet.id) }
        for version in portal.agreements { fingerprint.combine(version.version) }
        fingerprint.combine(portal.currentAgreement?.version ?? "")
        global = fingerprint.value
    }

    func of(_ job: PortalRenderer.PageJob) -> UInt64? {
        var fingerprint = Fingerprint()
        fingerprint.combine(global)
        switch job {
        case .announcement(let index):
            let notice = portal.announcements[index]
            fingerprint.combine(notice.slug)
            fingerprint.combine(notice.file.hash)
        case .listing(let kind, let page):
            let all = kind.map(portal.announcements(of:)) ?? portal.announcements
            let perPage = portal.config.announcementsPerPage
            fingerprint.combine(kind?.rawValue ?? "all")
            fingerprint.combine(UInt64(page))
            fingerprint.combine(UInt64(Pagination.pageNumbers(count: all.count, perPage: perPage).upperBound))
            for notice in all.dropFirst((page - 1) * perPage).prefix(perPage) {
                fingerprint.combine(notice.slug)
                fingerprint.combine(notice.file.hash)
            }
        case .apiReference:
            // Made from the theme's document and template only, both in `global`.
            fingerprint.combine("api-reference")
        default:
            return nil
        }
        return fingerprint.value
    }
}
