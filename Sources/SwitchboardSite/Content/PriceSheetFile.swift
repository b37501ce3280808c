import Foundation
import SwitchboardCore

/// A price sheet from `content/prices/<id>.md`: the machine-readable prices and their notes.
struct PriceSheetFile: Sendable {
    let file: SourceFile
    let sheet: PriceSheet
    let draft: Bool
    let body: RenderedMarkdown
    let lines: KeyLines

    static let keys = ["title", "effective", "announcement", "currency", "prices", "packages", "draft"]

    static func read(_ file: SourceFile, _ reader: FrontMatter, renderer: MarkdownRenderer) -> PriceSheetFile? {
        let title = reader.string("title")
        let effective = reader.date("effective")
        let announcement = reader.string("announcement", required: false)
        let currency = reader.string("currency")
        let draft = reader.bool("draft") ?? false
        if let currency, !(currency.count == 3 && currency.allSatisfy({ $0.isASCII && $0.isUppercase })) {
            reader.error("'currency' must be an ISO 4217 code such as CNY, not '\(currency)'", line: reader.line(of: "currency"))
        }
        var lines: [PriceLine] = []
        var seen: [String: Int] = [:]
        for item in reader.list("prices") ?? [] {
            defer { reader.absorb(item) }
            let service = item.string("service")
            let unit = item.string("unit")
            let price = item.money("price")
            let description = item.string("description")
            if let service {
                let line = item.line(of: "service")
                if let first = seen[service] {
                    item.error("service '\(service)' is listed twice in this sheet (first on line \(first))", line: line)
                    continue
                }
                seen[service] = line
            }
            guard let service, let unit, let price, let description else { continue }
            lines.append(PriceLine(service: service, unit: unit, price: price, description: description))
        }
        if reader.has("prices"), lines.isEmpty, seen.isEmpty {
            reader.error("'prices' lists no services", line: reader.line(of: "prices"))
        }
        var packages: [PackageOffer] = []
        for item in reader.list("packages", required: false) ?? [] {
            defer { reader.absorb(item) }
            let name = item.string("name")
            let service = item.string("service")
            let segments = item.integer("segments")
            let price = item.money("price")
            let description = item.string("description")
            if let service, seen[service] == nil {
                item.error("package service '\(service)' has no price in this sheet", line: item.line(of: "service"))
            }
            guard let name, let service, let segments, let price, let description else { continue }
            packages.append(PackageOffer(name: name, service: service, segments: segments, price: price, description: description))
        }
        guard let title, let effective, let currency else { return nil }
        let sheet = PriceSheet(
            id: file.name, title: title, effective: effective, announcement: announcement,
            currency: currency, lines: lines, packages: packages)
        return PriceSheetFile(
            file: file, sheet: sheet, draft: draft,
            body: renderer.render(file.body, firstLine: file.bodyLine), lines: KeyLines(reader, keys: keys))
    }
}
