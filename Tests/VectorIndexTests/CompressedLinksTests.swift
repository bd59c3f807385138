import Testing
import VectorCore
@testable import VectorIndex

@Suite("Compressed level-0 links")
struct CompressedLinksTests {
    static func built(_ metric: Metric, count: Int = 3000, dimension: Int = 20, seed: UInt64 = 23) throws -> (HNSWIndex, [[Float]]) {
        let data = TestVectors.clustered(count: count, queries: 80, dimension: dimension, clusters: 25, seed: seed)
        let index = try HNSWIndex(dimension: dimension, metric: metric, parameters: .init(m: 10, efConstruction: 80), capacity: count)
        let rows = TestVectors.flattened(data.base)
        try rows.withUnsafeBufferPointer { try index.build(rows: $0.baseAddress!, count: count, threads: 2) }
        return (index, data.queries)
    }

    @Test("compressed and plain links give identical results and costs", arguments: Metric.allCases)
    func identicalResults(_ metric: Metric) throws {
        let (index, queries) = try Self.built(metric)
        let plain = try HNSWIndex(image: index.image())
        let compressed = try HNSWIndex(image: index.image(links: .compressed))
        #expect(compressed.linkLayout == .compressed && plain.linkLayout == .plain)
        for ef in [10, 40, 120] {
            for query in queries {
                var plainStats = SearchStatistics(), compressedStats = SearchStatistics()
                let expected = plain.search(query, k: 10, ef: ef, statistics: &plainStats)
                let got = compressed.search(query, k: 10, ef: ef, statistics: &compressedStats)
                #expect(got == expected, "ef \(ef)")
                #expect(got == index.search(query, k: 10, ef: ef))
                #expect(compressedStats.distanceEvaluations == plainStats.distanceEvaluations)
                #expect(compressedStats.visitedNodes == plainStats.visitedNodes)
                #expect(compressedStats.expandedNodes == plainStats.expandedNodes)
            }
        }
        #expect(compressed.memoryBytes < plain.memoryBytes)
    }

    @Test("compressing and decompressing keeps every node's neighbour set")
    func roundTrip() throws {
        let (index, _) = try Self.built(.l2, count: 800)
        let compressed = index.image(links: .compressed)
        let back = try HNSWIndex(image: compressed).image(links: .plain)
        let original = index.image()
        let stride = index.parameters.m0 + 1
        let a = original.level0Links.typed(UInt32.self), b = back.level0Links.typed(UInt32.self)
        for node in 0..<index.count {
            let degree = Int(a[node * stride])
            #expect(Int(b[node * stride]) == degree)
            let left = (0..<degree).map { a[node * stride + 1 + $0] }.sorted()
            let right = (0..<degree).map { b[node * stride + 1 + $0] }
            #expect(left == right, "node \(node)")
        }
        // Re-compressing a compressed index borrows the same bytes.
        let again = try HNSWIndex(image: compressed).image(links: .compressed)
        #expect(Array(UnsafeRawBufferPointer(start: again.level0Links.base, count: again.level0Links.count))
                == Array(UnsafeRawBufferPointer(start: compressed.level0Links.base, count: compressed.level0Links.count)))
    }

    @Test("varints of every length round trip")
    func varints() {
        for value: UInt32 in [0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455, 268_435_456, .max] {
            var bytes: [UInt8] = []
            CompressedLinks.appendVarint(value, to: &bytes)
            #expect(bytes.count == (32 - value.leadingZeroBitCount + 6) / 7 + (value == 0 ? 1 : 0))
            bytes.withUnsafeBufferPointer { buffer in
                var cursor = buffer.baseAddress!
                #expect(CompressedLinks.readVarint(&cursor) == value)
                #expect(cursor == buffer.baseAddress! + bytes.count)
            }
        }
    }

    @Test("a damaged block or offset is refused with node and byte offset")
    func damagedBlocks() throws {
        let (index, _) = try Self.built(.l2, count: 300)
        let image = index.image(links: .compressed)
        var blocks = Array(UnsafeRawBufferPointer(start: image.level0Links.base, count: image.level0Links.count))
        let offsets = Array(image.level0Offsets.typed(UInt64.self))
        func validate(_ blocks: [UInt8], _ offsets: [UInt64]) -> HNSWError? {
            var damaged = image
            damaged.level0Links = blocks.withUnsafeBytes { MemoryRegion.copying($0) }
            damaged.level0Offsets = offsets.withUnsafeBytes { MemoryRegion.copying($0) }
            do { try damaged.validate(); return nil } catch { return error }
        }
        #expect(validate(blocks, offsets) == nil)

        // Node 7's degree byte beyond m0.
        let node = 7, start = Int(offsets[node])
        blocks[start] = UInt8(index.parameters.m0 + 1)
        guard case .corruptLinks(.blocks, node, start, let reason)? = validate(blocks, offsets) else {
            Issue.record("degree > m0 accepted: \(String(describing: validate(blocks, offsets)))"); return
        }
        #expect(reason.contains("degree"))
        blocks[start] = 0x80  // a varint that never ends inside the block
        guard case .corruptLinks(.blocks, node, _, _)? = validate(blocks, offsets) else { Issue.record("endless varint accepted"); return }

        // A link past count.
        blocks = Array(UnsafeRawBufferPointer(start: image.level0Links.base, count: image.level0Links.count))
        blocks[start + 1] = 0x7F
        blocks.insert(contentsOf: [0xFF, 0x0F], at: start + 2)
        var shifted = offsets
        for later in (node + 1)..<shifted.count { shifted[later] += 2 }
        guard case .corruptLinks(.blocks, node, _, _)? = validate(blocks, shifted) else { Issue.record("wild link accepted"); return }

        // Offsets out of order.
        var disordered = offsets
        disordered[node + 1] = disordered[node] - 1
        guard case .corruptLinks(.offsets, node, _, _)? = validate(Array(UnsafeRawBufferPointer(start: image.level0Links.base,
                                                                                             count: image.level0Links.count)),
                                                                    disordered) else {
            Issue.record("offsets out of order accepted"); return
        }
    }
}
