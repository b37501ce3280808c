import Foundation

extension PortalRenderer {
    func agreementPage(current: Bool, version: AgreementVersion) -> (path: String, html: String) {
        let time = portal.time
        var context = versionSummary(version)
        context["title"] = version.title
        context["body"] = version.body.html
        context["toc"] = tableOfContents(version.body.headings)
        context["versions"] = portal.agreements.reversed().map(versionSummary)
        if current, let upcoming = portal.upcomingAgreement {
            context["upcoming"] = [
                "version": upcoming.version, "url": "/agreement/\(upcoming.version)/",
                "changesURL": "/agreement/\(upcoming.version)/changes/",
                "effectiveISO": time.rfc3339(upcoming.effective), "effectiveText": time.longDateTime(upcoming.effective),
            ]
        }
        let url = current ? "/agreement/" : "/agreement/\(version.version)/"
        return page(
            url, title: current ? version.title : "\(version.title), version \(version.version)",
            description: "\(version.title), version \(version.version), in effect from \(time.longDate(version.effective)).",
            body: theme.render("agreement", context))
    }

    func agreementChanges(_ version: AgreementVersion) -> (path: String, html: String) {
        let previous = portal.previous(of: version)
        let comparison = ClauseComparison(old: previous?.body.clauses ?? [], new: version.body.clauses)
        var context = versionSummary(version)
        context["previousVersion"] = previous?.version ?? ""
        context["summary"] = comparison.summary
        context["clauses"] = comparison.changes.map { change -> [String: Any] in
            [
                "number": change.number, "status": change.kind.rawValue, "statusText": change.kind.title,
                "label": change.isHeading ? "Section" : "Clause", "diff": change.diffHTML,
                "newURL": change.kind == .removed ? false : "/agreement/\(version.version)/#clause-\(change.number)",
                "version": version.version,
            ]
        }
        return page(
            "/agreement/\(version.version)/changes/", title: "Changes in version \(version.version)",
            description: "What changed in the agreement from version \(previous?.version ?? "") to \(version.version), clause by clause.",
            body: theme.render("agreement-changes", context))
    }

    private func versionSummary(_ version: AgreementVersion) -> [String: Any] {
        let time = portal.time
        let status: String
        if version.effective > portal.now {
            status = "Upcoming"
        } else if version.version == portal.currentAgreement?.version {
            status = "In effect"
        } else {
            status = "Superseded"
        }
        let previous = portal.previous(of: version)
        return [
            "version": version.version, "url": "/agreement/\(version.version)/", "status": status,
            "publishedISO": time.rfc3339(version.published), "publishedText": time.longDate(version.published),
            "effectiveISO": time.rfc3339(version.effective), "effectiveText": time.longDateTime(version.effective),
            "changesURL": previous == nil ? false : "/agreement/\(version.version)/changes/",
            "previousVersion": previous?.version ?? "",
        ]
    }

    /// Level-2 headings with their level-3 headings beneath.
    private func tableOfContents(_ headings: [RenderedMarkdown.Heading]) -> [[String: Any]] {
        var toc: [[String: Any]] = []
        var children: [[String: Any]] = []
        func close() {
            guard !toc.isEmpty else { return }
            toc[toc.count - 1]["children"] = Context.list(children)
            children = []
        }
        for heading in headings where heading.level == 2 || heading.level == 3 {
            if heading.level == 2 {
                close()
                toc.append(["id": heading.id, "text": heading.text])
            } else if !toc.isEmpty {
                children.append(["id": heading.id, "text": heading.text])
            }
        }
        close()
        return toc
    }
}
