/// An append-only array kept in chunks of 65,536 elements, for the indexes that grow by one
/// entry per send: growing never copies what it holds, so memory follows the count.
///
/// A doubling `Array` of a million 24-byte slots copies 24 MB into a new 48 MB buffer as it
/// passes a power of two, holding both for a moment, and the allocator may keep the freed one.
/// Here the first chunk grows as an ordinary array (a small index stays small) and each later
/// chunk is allocated at its full size once, never freed or moved while the index lives.
struct ChunkedArray<Element: Sendable>: Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
    private static var shift: Int { 16 }
    private static var chunkSize: Int { 1 << shift }
    private static var mask: Int { chunkSize - 1 }

    private var chunks: [[Element]] = []
    private(set) var count = 0

    init() {}

    init(arrayLiteral elements: Element...) {
        for element in elements { append(element) }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> Element {
        get {
            precondition(position >= 0 && position < count, "index out of range")
            return chunks[position >> Self.shift][position & Self.mask]
        }
        set {
            precondition(position >= 0 && position < count, "index out of range")
            chunks[position >> Self.shift][position & Self.mask] = newValue
        }
    }

    mutating func append(_ element: Element) {
        // Every chunk is full (or there is none yet): start the next one.
        if count == chunks.count << Self.shift {
            var chunk: [Element] = []
            if !chunks.isEmpty { chunk.reserveCapacity(Self.chunkSize) }
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }
}
