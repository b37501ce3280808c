/// The `id`s a page defines, for `#fragment` link checks.
///
/// A notice restored from the build cache keeps them as the cache wrote them and decodes them
/// only if a link asks: a 10,000-notice rebuild would otherwise spend a tenth of its time
/// building sets nobody reads.
struct Anchors: Sendable {
    private enum Storage: Sendable {
        case decoded(Set<String>)
        /// `BuildCache`'s field: escaped ids separated by U+001F.
        case encoded(ArraySlice<UInt8>)
    }

    private let storage: Storage

    init(_ ids: Set<String> = []) { storage = .decoded(ids) }

    init(encoded field: ArraySlice<UInt8>) { storage = .encoded(field) }

    var ids: Set<String> {
        switch storage {
        case .decoded(let ids): ids
        case .encoded(let field): Set(field.split(separator: 0x1F).map(BuildCache.unescape))
        }
    }

    func contains(_ id: String) -> Bool { ids.contains(id) }

    /// The cache's field for these ids.
    var encodedField: String {
        switch storage {
        case .decoded(let ids): ids.sorted().map(BuildCache.escape).joined(separator: "\u{1F}")
        case .encoded(let field): String(decoding: field, as: UTF8.self)
        }
    }

    /// An order-free hash of the ids and their count, the same in either form.
    var fingerprint: (sum: UInt64, count: UInt64) {
        var sum: UInt64 = 0
        var count: UInt64 = 0
        switch storage {
        case .decoded(let ids):
            for id in ids {
                sum &+= Fingerprint.of(Array(BuildCache.escape(id).utf8))
                count += 1
            }
        case .encoded(let field):
            for id in field.split(separator: 0x1F) {
                sum &+= Fingerprint.of(id)
                count += 1
            }
        }
        return (sum, count)
    }
}
