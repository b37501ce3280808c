import Foundation
import SwitchboardCore

/// `/api/prices.json`: every public sheet with exact prices as strings (PRICE-1).
struct PricesExport {
    let portal: Portal

    struct Document: Encodable {
        let current: String?
        let upcoming: String?
        let sheets: [PublishedPriceSheet]
    }

    func json() -> Data {
        let sheets = portal.sheets.map { PublishedPriceSheet($0.sheet, time: portal.time) }
        return JSON.encode(Document(current: portal.currentSheet?.sheet.id, upcoming: portal.upcomingSheet?.sheet.id, sheets: sheets))
    }
}
