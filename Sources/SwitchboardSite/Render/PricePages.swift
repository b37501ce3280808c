import Foundation
import SwitchboardCore

extension PortalRenderer {
    func pricesPage() -> (path: String, html: String) {
        var context: [String: Any] = [:]
        if let current = portal.currentSheet { context["current"] = sheetContext(current) }
        if let upcoming = portal.upcomingSheet {
            var upcomingContext = sheetContext(upcoming)
            upcomingContext["changes"] = changes(from: portal.previous(of: upcoming), to: upcoming)
            context["upcoming"] = upcomingContext
        }
        context["history"] = portal.sheets.reversed().map(sheetContext)
        return page(
            "/prices/", title: "Prices", description: "What each SMS and voice service costs, and what is about to change.",
            body: theme.render("prices", context))
    }

    func priceSheetPage(_ file: PriceSheetFile) -> (path: String, html: String) {
        var context = sheetContext(file)
        let previous = portal.previous(of: file)
        context["hasPrevious"] = previous != nil
        context["changes"] = changes(from: previous, to: file)
        context["body"] = file.body.html
        return page(
            "/prices/\(file.sheet.id)/", title: file.sheet.title,
            description: "\(file.sheet.title): prices in \(file.sheet.currency) from \(portal.time.longDate(file.sheet.effective)).",
            body: theme.render("price-sheet", context))
    }

    private func sheetContext(_ file: PriceSheetFile) -> [String: Any] {
        let sheet = file.sheet
        let time = portal.time
        let status: String
        if sheet.effective > portal.now {
            status = "Upcoming"
        } else if sheet.id == portal.currentSheet?.sheet.id {
            status = "In effect"
        } else {
            status = "Superseded"
        }
        let announced = sheet.announcement.flatMap(portal.announcement)
        return [
            "title": sheet.title, "url": "/prices/\(sheet.id)/", "status": status, "currency": sheet.currency,
            "effectiveISO": time.rfc3339(sheet.effective), "effectiveText": time.longDateTime(sheet.effective),
            "announcementURL": announced.map { "/announcements/\($0.slug)/" } ?? false,
            "lines": sheet.lines.map {
                ["service": $0.service, "unit": $0.unit, "price": $0.price.formatted(), "description": $0.description]
            },
            "packages": Context.list(
                sheet.packages.map {
                    ["name": $0.name, "segments": "\($0.segments)", "price": $0.price.formatted(), "description": $0.description]
                }),
        ]
    }

    /// Per service: old → new and the change in percent; new and withdrawn services say so.
    private func changes(from old: PriceSheetFile?, to new: PriceSheetFile) -> [[String: Any]] {
        var rows: [[String: Any]] = new.sheet.lines.map { line in
            guard let before = old?.sheet.line(for: line.service) else {
                return [
                    "service": line.service, "unit": line.unit, "old": "—", "new": line.price.formatted(), "change": "new service",
                    "direction": "new",
                ]
            }
            let percent = line.price.percentChange(from: before.price).map { "\($0) %" } ?? "—"
            let direction = line.price > before.price ? "up" : (line.price < before.price ? "down" : "same")
            return [
                "service": line.service, "unit": line.unit, "old": before.price.formatted(), "new": line.price.formatted(),
                "change": line.price == before.price ? "no change" : percent, "direction": direction,
            ]
        }
        for line in old?.sheet.lines ?? [] where new.sheet.line(for: line.service) == nil {
            rows.append([
                "service": line.service, "unit": line.unit, "old": line.price.formatted(), "new": "—", "change": "withdrawn",
                "direction": "withdrawn",
            ])
        }
        return rows
    }
}
