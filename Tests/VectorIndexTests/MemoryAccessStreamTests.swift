import Testing
import VectorCore
@testable import VectorIndex

/// The access stream a memory model is fed: every index access of a search,
/// insert or exact scan, consistent with the search statistics and inside
/// the index's own memory.
@Suite("memory access stream")
struct MemoryAccessStreamTests {
    static let data = TestVectors.clustered(count: 1500, queries: 20, dimension: 16, clusters: 12, seed: 5)

    func built() throws -> HNSWIndex {
        let index = try HNSWIndex(dimension: 16, metric: .l2, parameters: .init(m: 8, efConstruction: 60),
                                  capacity: Self.data.base.count)
        let rows = TestVectors.flattened(Self.data.base)
        try rows.withUnsafeBufferPointer { try index.build(rows: $0.baseAddress!, count: Self.data.base.count, threads: 1) }
        return index
    }

    func count(_ log: MemoryAccessLog, _ kind: MemoryAccessKind) -> Int { log.accesses.filter { $0.kind == kind }.count }

    @Test("a recorded search answers the same and reports each read the statistics count")
    func searchStreamMatchesStatistics() throws {
        let index = try built()
        let geometry = index.pageGeometry
        let vectors = geometry.vectorBase..<geometry.vectorBase + UInt(geometry.vectorBytes)
        let links = geometry.linkBase..<geometry.linkBase + UInt(geometry.linkBytes)
        for query in Self.data.queries {
            var statistics = SearchStatistics()
            var log = MemoryAccessLog()
            let recorded = index.search(query, k: 10, ef: 40, statistics: &statistics, accesses: &log)
            #expect(recorded == index.search(query, k: 10, ef: 40))
            #expect(count(log, .vector) == statistics.distanceEvaluations)
            #expect(count(log, .level0Links) == statistics.expandedNodes)
            #expect(count(log, .label) == recorded.count)
            // One mark per node reached plus one per already-seen neighbour checked.
            #expect(count(log, .visitedMark) >= statistics.visitedNodes)
            if index.maxLevel > 0 { #expect(count(log, .upperLinks) > 0) }
            for access in log.accesses {
                switch access.kind {
                case .vector:
                    #expect(vectors.contains(access.address) && access.bytes == 64)
                case .level0Links:
                    #expect(links.contains(access.address) && access.bytes >= 4 && access.bytes <= UInt32(index.level0Stride * 4))
                case .visitedMark: #expect(access.bytes == 2)
                case .label: #expect(access.bytes == 8)
                case .upperLinks: #expect(access.bytes >= 4)
                }
            }
        }
    }

    @Test("an insert reports its writes and the graph reads of linking")
    func insertStream() throws {
        let index = try HNSWIndex(dimension: 16, metric: .l2, parameters: .init(m: 8, efConstruction: 60), capacity: 600)
        for (row, vector) in Self.data.base.prefix(500).enumerated() { try index.insert(vector, id: UInt64(row)) }
        var log = MemoryAccessLog()
        try Self.data.base[500].withUnsafeBufferPointer { try index.insert($0, id: 500, accesses: &log) }
        #expect(log.accesses.first?.kind == .vector)
        #expect(log.accesses.first?.address == UInt(bitPattern: index.vectorPointer(500)))
        #expect(count(log, .vector) > 20)
        #expect(count(log, .level0Links) > 0)
        #expect(count(log, .visitedMark) > 0)
        #expect(index.search(Self.data.base[500], k: 1, ef: 20).first?.id == 500)
    }

    @Test("an exact scan reads every stored vector once, in order")
    func exactScanStream() throws {
        var exact = BruteForceIndex(dimension: 16, metric: .l2)
        for (row, vector) in Self.data.base.prefix(300).enumerated() { try exact.add(vector, id: UInt64(row)) }
        var log = MemoryAccessLog()
        let found = try Self.data.queries[0].withUnsafeBufferPointer { try exact.search($0, k: 5, accesses: &log) }
        #expect(found == (try exact.search(Self.data.queries[0], k: 5)))
        let rows = log.accesses.filter { $0.kind == .vector }
        #expect(rows.count == 300)
        #expect(zip(rows, rows.dropFirst()).allSatisfy { $1.address == $0.address + 64 })
    }
}
