import Foundation
import SwitchboardCore

/// The checks across files: notice periods (PRICE-2, AGR-2, PLAT-1, PLAT-4), announcements
/// that price sheets and agreement versions name, clashing URLs, and internal links.
struct SiteRules {
    let content: SiteContent
    let portal: Portal
    let routes: Routes
    /// The routes as if everything were published, to tell "scheduled" from "missing".
    let allRoutes: Routes
    /// Announcements whose links need no new check (unchanged, against an unchanged table).
    var linksKnownGood: (Announcement) -> Bool = { _ in false }

    private var time: SiteTime { content.time }
    private var period: NoticePeriod { NoticePeriod(calendar: content.config.workingCalendar) }

    func check() -> [Diagnostic] {
        noticePeriods() + priceSheets() + agreementVersions() + clashes() + LinkCheck(rules: self).check()
    }

    // MARK: Announcements

    private func noticePeriods() -> [Diagnostic] {
        content.announcements.compactMap { notice in
            guard
                let violation = period.violation(
                    kind: notice.kind, published: notice.published, effective: notice.effective, windowStart: notice.window?.start)
            else { return nil }
            if notice.kind == .maintenance {
                return Diagnostic(
                    path: notice.file.path, line: notice.lines["published"],
                    "\(violation.rule): maintenance must be \(violation.requirement); the window starts \(time.rfc3339(notice.window?.start ?? notice.published)), so publish by \(time.rfc3339(violation.boundary))"
                )
            }
            return Diagnostic(
                path: notice.file.path, line: notice.lines["effective"],
                "\(violation.rule): a \(notice.kind.rawValue) takes effect \(violation.requirement); published \(time.rfc3339(notice.published)), so 'effective' must be \(time.rfc3339(violation.boundary)) or later"
            )
        }
    }

    // MARK: Price sheets (PRICE-2)

    private func priceSheets() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (index, file) in content.sheets.enumerated() {
            let sheet = file.sheet
            if index > 0, content.sheets[index - 1].sheet.effective == sheet.effective {
                diagnostics.append(
                    Diagnostic(
                        path: file.file.path, line: file.lines["effective"],
                        "another sheet (\(content.sheets[index - 1].file.path)) takes effect at the same moment"))
            }
            guard let slug = sheet.announcement else {
                if index > 0 {
                    diagnostics.append(
                        Diagnostic(
                            path: file.file.path, line: file.lines["announcement"],
                            "PRICE-2: every price sheet after the first must name its price-change announcement ('announcement: <slug>')"))
                }
                continue
            }
            diagnostics += announcement(
                slug, of: .priceChange, for: file.file.path, line: file.lines["announcement"], effective: sheet.effective, rule: "PRICE-2")
        }
        return diagnostics
    }

    // MARK: Agreement versions (AGR-2)

    private func agreementVersions() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (index, version) in content.agreements.enumerated() {
            let path = version.file.path
            let earliest = period.earliestEffective(sevenDaysAfter: version.published)
            if version.effective < earliest {
                diagnostics.append(
                    Diagnostic(
                        path: path, line: version.lines["effective"],
                        "AGR-2: a version takes effect at least 7 days after it is published; published \(time.rfc3339(version.published)), so 'effective' must be \(time.rfc3339(earliest)) or later"
                    ))
            }
            if index > 0, content.agreements[index - 1].effective == version.effective {
                diagnostics.append(
                    Diagnostic(
                        path: path, line: version.lines["effective"],
                        "version \(content.agreements[index - 1].version) takes effect at the same moment"))
            }
            guard let slug = version.announcement else {
                if index > 0 {
                    diagnostics.append(
                        Diagnostic(
                            path: path, line: version.lines["announcement"],
                            "AGR-2: every agreement version after the first must name its agreement-update announcement ('announcement: <slug>')"
                        ))
                }
                continue
            }
            diagnostics += announcement(
                slug, of: .agreementUpdate, for: path, line: version.lines["announcement"], effective: version.effective, rule: "AGR-2")
            if let notice = content.announcements.first(where: { $0.slug == slug }), notice.published > version.published {
                diagnostics.append(
                    Diagnostic(
                        path: path, line: version.lines["published"],
                        "AGR-2: the version is published before its announcement '\(slug)' (\(time.rfc3339(notice.published)))"))
            }
        }
        return diagnostics
    }

    /// The announcement a sheet or version names must exist, be of the right kind and agree on
    /// the effective moment.
    private func announcement(_ slug: String, of kind: NoticeKind, for path: String, line: Int, effective: Date, rule: String)
        -> [Diagnostic]
    {
        guard let notice = content.announcements.first(where: { $0.slug == slug }) else {
            return [
                Diagnostic(path: path, line: line, "\(rule): announcement '\(slug)' does not exist (no content/announcements/\(slug).md)")
            ]
        }
        guard notice.kind == kind else {
            return [
                Diagnostic(
                    path: path, line: line,
                    "\(rule): announcement '\(slug)' is a \(notice.kind.rawValue) notice; it must be a \(kind.rawValue) notice")
            ]
        }
        guard let announced = notice.effective, announced == effective else {
            return [
                Diagnostic(
                    path: path, line: line,
                    "\(rule): announcement '\(slug)' says effective \(notice.effective.map(time.rfc3339) ?? "nothing"), but this file says \(time.rfc3339(effective))"
                )
            ]
        }
        let earliest = period.earliestEffective(sevenDaysAfter: notice.published)
        guard effective >= earliest else {
            return [
                Diagnostic(
                    path: path, line: line,
                    "\(rule): announced \(time.rfc3339(notice.published)), so it may take effect no sooner than \(time.rfc3339(earliest)), not \(time.rfc3339(effective))"
                )
            ]
        }
        return []
    }

    // MARK: URLs

    private func clashes() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let kindNames = Set(NoticeKind.allCases.map(\.rawValue) + ["page", "feed.xml"])
        for notice in content.announcements where kindNames.contains(notice.slug) {
            diagnostics.append(
                Diagnostic(
                    path: notice.file.path, line: 0, "the slug '\(notice.slug)' is taken by the announcement listings; rename the file"))
        }
        for page in content.pages where Routes.reservedPageSlugs.contains(page.slug) && !page.isHome {
            diagnostics.append(
                Diagnostic(path: page.file.path, line: 0, "the slug '\(page.slug)' is taken by the portal's own pages; rename the file"))
        }
        for version in content.agreements where version.version == "changes" {
            diagnostics.append(Diagnostic(path: version.file.path, line: 0, "'changes' cannot be a version name"))
        }
        return diagnostics
    }
}
