import Foundation
import SwitchboardCore

/// A price sheet as `/api/prices.json` and `GET /v1/prices` publish it: exact prices as
/// strings with their currency, the effective moment in the site's zone (PRICE-1).
public struct PublishedPriceSheet: Encodable, Sendable {
    public struct Line: Encodable, Sendable {
        let service: String
        let unit: String
        let price: Money
        let currency: String
        let description: String
    }

    public struct Package: Encodable, Sendable {
        let name: String
        let service: String
        let segments: Int
        let price: Money
        let currency: String
        let description: String
    }

    let id: String
    let title: String
    let effective: String
    let announcement: String?
    let currency: String
    let prices: [Line]
    let packages: [Package]

    public init(_ sheet: PriceSheet, time: SiteTime) {
        id = sheet.id
        title = sheet.title
        effective = time.rfc3339(sheet.effective)
        announcement = sheet.announcement
        currency = sheet.currency
        prices = sheet.lines.map {
            Line(service: $0.service, unit: $0.unit, price: $0.price, currency: sheet.currency, description: $0.description)
        }
        packages = sheet.packages.map {
            Package(
                name: $0.name, service: $0.service, segments: $0.segments, price: $0.price, currency: sheet.currency,
                description: $0.description)
        }
    }
}
