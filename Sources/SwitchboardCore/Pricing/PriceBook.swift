import Foundation

/// Every price sheet in effective order: the one source of truth for what a send costs (PRICE-1).
public struct PriceBook: Sendable, Equatable {
    /// Sheets sorted by `effective`, oldest first.
    public let sheets: [PriceSheet]

    public init(sheets: [PriceSheet]) {
        self.sheets = sheets.sorted { $0.effective < $1.effective }
    }

    /// The sheet in effect at `moment`: the latest whose `effective` is not after it (PRICE-2).
    public func sheet(at moment: Date) -> PriceSheet? {
        sheets.last { $0.effective <= moment }
    }

    /// The next sheet to take effect after `moment`, if one is announced.
    public func upcoming(after moment: Date) -> PriceSheet? {
        sheets.first { $0.effective > moment }
    }

    /// The sheet in effect just before `sheet`, to show old → new.
    public func predecessor(of sheet: PriceSheet) -> PriceSheet? {
        sheets.last { $0.effective < sheet.effective }
    }

    /// The price of one unit of `service` at `moment`.
    public func price(for service: String, at moment: Date) -> PriceLine? {
        sheet(at: moment)?.line(for: service)
    }
}
