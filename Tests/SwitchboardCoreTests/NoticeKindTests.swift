import Foundation
import Testing

@testable import SwitchboardCore

@Suite("NoticeKind")
struct NoticeKindTests {
    @Test("Kinds are written in front matter as price-change, agreement-update, maintenance, feature-change, general")
    func rawValues() {
        #expect(
            NoticeKind.allCases.map(\.rawValue) == [
                "price-change", "agreement-update", "maintenance", "feature-change", "general",
            ])
        #expect(NoticeKind(rawValue: "price-change") == .priceChange)
        #expect(NoticeKind(rawValue: "priceChange") == nil)
        #expect(NoticeKind(rawValue: "Maintenance") == nil)
    }

    @Test("Price, agreement and feature changes take effect on a date; maintenance and general notices do not")
    func effectiveDate() {
        #expect(NoticeKind.priceChange.hasEffectiveDate)
        #expect(NoticeKind.agreementUpdate.hasEffectiveDate)
        #expect(NoticeKind.featureChange.hasEffectiveDate)
        #expect(!NoticeKind.maintenance.hasEffectiveDate)
        #expect(!NoticeKind.general.hasEffectiveDate)
    }

    @Test("Every kind has a reader's title")
    func titles() {
        #expect(
            NoticeKind.allCases.map(\.title) == [
                "Price changes", "Agreement updates", "Maintenance", "Feature changes", "General",
            ])
    }

    @Test("Kinds encode and decode as their front-matter strings")
    func codable() throws {
        let data = try JSONEncoder().encode([NoticeKind.featureChange, .maintenance])
        #expect(String(decoding: data, as: UTF8.self) == #"["feature-change","maintenance"]"#)
        #expect(try JSONDecoder().decode([NoticeKind].self, from: data) == [.featureChange, .maintenance])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([NoticeKind].self, from: Data(#"["outage"]"#.utf8))
        }
    }
}
