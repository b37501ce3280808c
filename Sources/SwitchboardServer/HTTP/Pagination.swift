/// Cursor pagination's page size: `limit` from 1 to 100, 20 when absent.
enum Pagination {
    static let defaultLimit = 20
    static let maximumLimit = 100

    static func limit(_ text: String?) throws -> Int {
        guard let text else { return defaultLimit }
        guard let value = Int(text), (1...maximumLimit).contains(value) else {
            throw APIError.invalidField("limit", "'limit' must be a whole number from 1 to \(maximumLimit).")
        }
        return value
    }
}
