import Testing

@testable import SwitchboardStore

/// The indexes' append-only array: the same elements in the same places as an `Array`, across
/// chunk boundaries, for reads, writes and slices.
@Suite("Chunked array")
struct ChunkedArrayTests {
    @Test("200,000 appended values read back in order, across three chunk boundaries")
    func appendsAcrossChunks() {
        var chunked: ChunkedArray<Int32> = []
        var plain: [Int32] = []
        for value in 0..<200_000 {
            let element = Int32(value &* 7919 % 100_003)
            chunked.append(element)
            plain.append(element)
        }
        #expect(chunked.count == 200_000)
        #expect(Array(chunked) == plain)
        for position in [0, 65_535, 65_536, 65_537, 131_071, 131_072, 199_999] {
            #expect(chunked[position] == plain[position], "at \(position)")
        }
    }

    @Test("A write changes one element only, on either side of a chunk boundary")
    func writes() {
        var chunked = ChunkedArray<Int>()
        for value in 0..<70_000 { chunked.append(value) }
        chunked[65_535] = -1
        chunked[65_536] = -2
        #expect(chunked[65_534] == 65_534)
        #expect(chunked[65_535] == -1)
        #expect(chunked[65_536] == -2)
        #expect(chunked[65_537] == 65_537)
        let expected: Int = (0..<70_000).reduce(0, +) - 65_535 - 65_536 - 3
        #expect(chunked.reduce(0, +) == expected)
    }

    @Test("Slices, filters and binary searches see the same elements as an Array's")
    func collectionOperations() {
        var chunked: ChunkedArray<Int> = [3, 1, 4]
        for value in 0..<100_000 { chunked.append(value * 2) }
        let plain = [3, 1, 4] + (0..<100_000).map { $0 * 2 }
        #expect(Array(chunked[65_530..<65_540]) == Array(plain[65_530..<65_540]))
        #expect(chunked.filter { $0 % 1000 == 0 } == plain.filter { $0 % 1000 == 0 })
        #expect(chunked.last == plain.last)
        #expect(ChunkedArray<Int>().isEmpty)
    }

    @Test("A copy is independent of the original")
    func valueSemantics() {
        var original: ChunkedArray<Int> = [1, 2, 3]
        let copy = original
        original[0] = 10
        original.append(4)
        #expect(Array(copy) == [1, 2, 3])
        #expect(Array(original) == [10, 2, 3, 4])
    }
}
