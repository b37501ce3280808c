import Foundation
import SwitchboardCore

/// `/api/prices.json`: every public sheet with exact prices as strings (PRICE-1).
struct PricesExport {
    let portal: Portal

    struct Document: Encodable {
        let current: String?
        let upcoming: String?
        let sheets: [Sheet]
    }

    struct Sheet: Encodable {
        let id: String
        let title: String
        let effective: String
        let announcement: String?
        let currency: String
        let prices: [Line]
        let packages: [Package]
    }

    struct Line: Encodable {
        let service: String
        let unit: String
        let price: Money
        let currency: String
        let description: String
    }

    struct Package: Encodable {
        let name: String
        let service: String
        let segments: Int
        let price: Money
        let currency: String
        let description: String
    }

    func json() -> Data {
        let time = portal.time
        let sheets = portal.sheets.map(\.sheet).map { sheet in
            Sheet(
                id: sheet.id, title: sheet.title, effective: time.rfc3339(sheet.effective), announcement: sheet.announcement,
                currency: sheet.currency,
                prices: sheet.lines.map {
                    Line(service: $0.service, unit: $0.unit, price: $0.price, currency: sheet.currency, description: $0.description)
                },
                packages: sheet.packages.map {
                    Package(
                        name: $0.name, service: $0.service, segments: $0.segments, price: $0.price, currency: sheet.currency,
                        description: $0.description)
                })
        }
        return JSON.encode(Document(current: portal.currentSheet?.sheet.id, upcoming: portal.upcomingSheet?.sheet.id, sheets: sheets))
    }
}
