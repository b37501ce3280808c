import Foundation

/// One price sheet: the prices of every service from its effective moment on (PRICE-1).
public struct PriceSheet: Sendable, Equatable {
    /// The sheet's name, from its file: `2027-01`.
    public let id: String
    public let title: String
    public let effective: Date
    /// Slug of the price-change announcement; `nil` only for the first sheet.
    public let announcement: String?
    public let currency: String
    public let lines: [PriceLine]
    public let packages: [PackageOffer]

    public init(
        id: String, title: String, effective: Date, announcement: String?, currency: String,
        lines: [PriceLine], packages: [PackageOffer]
    ) {
        self.id = id
        self.title = title
        self.effective = effective
        self.announcement = announcement
        self.currency = currency
        self.lines = lines
        self.packages = packages
    }

    public func line(for service: String) -> PriceLine? { lines.first { $0.service == service } }
}

/// The price of one service per unit.
public struct PriceLine: Sendable, Equatable, Codable {
    public let service: String
    public let unit: String
    public let price: Money
    public let description: String

    public init(service: String, unit: String, price: Money, description: String) {
        self.service = service
        self.unit = unit
        self.price = price
        self.description = description
    }
}

/// A prepaid package on sale: `segments` of `service` for `price`, valid six months (PKG-1).
public struct PackageOffer: Sendable, Equatable, Codable {
    public let name: String
    public let service: String
    public let segments: Int
    public let price: Money
    public let description: String

    public init(name: String, service: String, segments: Int, price: Money, description: String) {
        self.name = name
        self.service = service
        self.segments = segments
        self.price = price
        self.description = description
    }
}
