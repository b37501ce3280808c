/// A list answer, in the shape every list of the API shares (`data`, and `hasMore` for pages).
struct ListView<Item: Encodable & Sendable>: Encodable, Sendable {
    let data: [Item]
    let hasMore: Bool

    init(_ data: [Item], hasMore: Bool = false) {
        self.data = data
        self.hasMore = hasMore
    }
}
