import Testing

@testable import SwitchboardCore

@Suite("PackageHolding")
struct PackageHoldingTests {
    func holding(price: String, segments: Int, remaining: Int, purchasedAt: String = "2026-08-31T10:00:00Z") -> PackageHolding {
        PackageHolding(
            id: "pkg_1", name: "SMS 1000", service: "sms", segments: segments, remaining: remaining,
            pricePaid: Money(price, maximumFractionDigits: 6)!,
            purchasedAt: .utc(purchasedAt))
    }

    @Test(
        "PKG-1 a package expires 6 calendar months after purchase, clamped to the month's end",
        arguments: [
            ("2026-08-31T10:00:00Z", "2027-02-28T10:00:00.000Z"), ("2027-08-31T10:00:00Z", "2028-02-29T10:00:00.000Z"),
            ("2026-05-31T00:00:00Z", "2026-11-30T00:00:00.000Z"), ("2026-01-15T23:59:59Z", "2026-07-15T23:59:59.000Z"),
            ("2026-12-31T12:00:00Z", "2027-06-30T12:00:00.000Z"),
        ])
    func expiry(purchasedAt: String, expiresAt: String) {
        #expect(holding(price: "1", segments: 1, remaining: 1, purchasedAt: purchasedAt).expiresAt.description == expiresAt)
    }

    @Test(
        "PKG-2 the unused value is price × remaining / segments, rounded down to the micro-unit",
        arguments: [
            ("100", 1000, 1000, "100"), ("100", 1000, 0, "0"), ("100", 1000, 250, "25"), ("10", 3, 1, "3.333333"),
            ("10", 3, 2, "6.666666"), ("0.000001", 2, 1, "0"), ("0.000005", 2, 1, "0.000002"), ("45", 1000, 1, "0.045"),
            ("0", 100, 50, "0"), ("1", 0, 0, "0"), ("1", 0, 5, "0"), ("7", 10, 11, "7"), ("-5", 10, 5, "0"),
            ("999999999999.9999", 7, 6, "857142857142.857057"),
        ])
    func unusedValue(price: String, segments: Int, remaining: Int, expected: String) {
        let value = holding(price: price, segments: segments, remaining: remaining).unusedValue
        #expect(value == Money(expected, maximumFractionDigits: 6))
    }

    @Test("PKG-1 a package is active until the moment it expires, and awaits forfeit from that moment")
    func activeUntilExpiry() {
        let package = holding(price: "100", segments: 1000, remaining: 10)
        let expiry = Timestamp.utc("2027-02-28T10:00:00Z")
        #expect(package.isActive(at: expiry.adding(seconds: -1)))
        #expect(!package.awaitsForfeit(at: expiry.adding(seconds: -1)))
        #expect(!package.isActive(at: expiry))
        #expect(package.awaitsForfeit(at: expiry))
    }

    @Test("PKG-1 a used-up or closed package is neither active nor awaiting forfeit")
    func usedUpOrClosed() {
        let now = Timestamp.utc("2027-06-01T00:00:00Z")
        #expect(!holding(price: "1", segments: 10, remaining: 0).awaitsForfeit(at: now))
        var closed = holding(price: "1", segments: 10, remaining: 5)
        closed.closedAt = .utc("2027-03-01T00:00:00Z")
        #expect(!closed.awaitsForfeit(at: now))
        #expect(!closed.isActive(at: .utc("2026-09-01T00:00:00Z")))
    }
}
