import HeapModule
import Testing
import VectorCore
@testable import VectorIndex

/// The candidate list replaces hnswlib's two heaps; these tests hold it to
/// the two-heap algorithm it replaces, written out here with swift-collections'
/// `Heap` exactly as hnswlib's searchBaseLayerST reads.
@Suite("Candidate list")
struct CandidateListTests {
    /// hnswlib's level-0 search with a frontier min-heap and a result max-heap,
    /// over `index`'s graph, from `start`: the reference ordering.
    static func twoHeapSearch<E: SearchExclusion>(
        _ index: HNSWIndex, _ query: [Float], start: UInt32, ef: Int, k: Int, excluding exclusion: E
    ) -> (ids: [UInt64], evaluations: Int, expansions: Int) {
        var evaluations = 0, expansions = 0
        let distance = { (node: UInt32) -> Float in
            evaluations += 1
            return query.withUnsafeBufferPointer {
                index.metric.distance($0.baseAddress!, index.vectorPointer(node), index.dimension)
            }
        }
        let startDistance = distance(start)
        var seen: Set<UInt32> = [start]
        var frontier = Heap<Candidate>([Candidate(distance: startDistance, id: start)])
        var results = Heap<Candidate>()
        if !exclusion.excludes(start) { results.insert(Candidate(distance: startDistance, id: start)) }
        while let closest = frontier.min {
            if results.count >= ef && closest.distance > results.max!.distance { break }
            frontier.removeMin()
            expansions += 1
            let links = index.linksPointer(closest.id, level: 0)
            for slot in 0..<Int(links[0]) {
                let node = links[1 + slot]
                guard seen.insert(node).inserted else { continue }
                let d = distance(node)
                guard results.count < ef || d < results.max!.distance else { continue }
                frontier.insert(Candidate(distance: d, id: node))
                if !exclusion.excludes(node) {
                    results.insert(Candidate(distance: d, id: node))
                    if results.count > ef { results.removeMax() }
                }
            }
        }
        let sorted = results.unordered.sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }
        return (sorted.prefix(k).map { index.label(of: $0.id) }, evaluations, expansions)
    }

    /// Search with the upper levels cut off (maxLevel 0 view), so both sides
    /// start level 0 from the same node.
    static func flatIndex(count: Int, seed: UInt64) throws -> HNSWIndex {
        let data = TestVectors.clustered(count: count, queries: 0, dimension: 16, clusters: 20, seed: seed)
        let index = try HNSWIndex(dimension: 16, metric: .l2, parameters: .init(m: 8, efConstruction: 60, seed: seed),
                                  capacity: count)
        let rows = TestVectors.flattened(data.base)
        try rows.withUnsafeBufferPointer { try index.build(rows: $0.baseAddress!, count: count, threads: 1) }
        return index
    }

    struct EveryThird: SearchExclusion {
        func excludes(_ node: UInt32) -> Bool { node % 3 == 0 }
    }

    @Test("level-0 search visits like hnswlib's two heaps and returns the same ids", arguments: [1, 10, 40, 200])
    func matchesTwoHeapSearch(ef: Int) throws {
        let index = try Self.flatIndex(count: 3000, seed: 5)
        let queries = TestVectors.clustered(count: 0, queries: 60, dimension: 16, clusters: 20, seed: 5).queries
        let k = min(ef, 10)
        var exclusionsSeen = 0
        for query in queries {
            let start = index.entry.withLock { $0.entryPoint }
            // Same ids, and the same work: as many distances and expansions.
            let plain = index.searchLevel0(query, from: start, k: k, ef: ef, excluding: NoExclusion())
            let plainReference = Self.twoHeapSearch(index, query, start: start, ef: ef, k: k, excluding: NoExclusion())
            #expect(plain.ids == plainReference.ids)
            #expect(plain.statistics.distanceEvaluations == plainReference.evaluations)
            #expect(plain.statistics.expandedNodes == plainReference.expansions)
            let filtered = index.searchLevel0(query, from: start, k: k, ef: ef, excluding: EveryThird())
            let filteredReference = Self.twoHeapSearch(index, query, start: start, ef: ef, k: k, excluding: EveryThird())
            #expect(filtered.ids == filteredReference.ids)
            #expect(filtered.statistics.distanceEvaluations == filteredReference.evaluations)
            #expect(filtered.statistics.expandedNodes == filteredReference.expansions)
            #expect(filtered.ids.allSatisfy { index.internalID(of: $0)! % 3 != 0 })
            exclusionsSeen += filtered.ids.count
        }
        #expect(exclusionsSeen == queries.count * k)
    }

    @Test("holds the ef nearest allowed entries sorted, and expands nearest first")
    func listInvariants() {
        var generator = SeededGenerator(seed: 9)
        let storage = UnsafeMutablePointer<CandidateList.Entry>.allocate(capacity: 2)
        var list = CandidateList(ef: 8, storage: storage, capacity: 2)
        defer { list.entries.deallocate() }
        var inserted: [(Float, UInt32, Bool)] = []
        var expanded: [Float] = []
        for id in UInt32(0)..<400 {
            let distance = Float(generator.nextUnitDouble())
            let excluded = id % 4 == 0
            if list.insert(distance: distance, id: id, excluded: excluded) != nil { inserted.append((distance, id, excluded)) }
            if id % 7 == 0, let next = list.nextToExpand() { expanded.append(next.distance) }
            // Sorted, ef allowed at most, and nothing excluded behind the worst allowed.
            let held = (0..<list.count).map { list.entries[$0] }
            #expect(zip(held, held.dropFirst()).allSatisfy { $0.distance <= $1.distance })
            #expect(held.filter { !$0.isExcluded }.count == min(list.allowedCount, 8))
            if list.allowedCount == 8 { #expect(held.last.map { !$0.isExcluded } == true) }
        }
        // The allowed entries are the 8 nearest allowed of all inserted.
        let allowed = inserted.filter { !$0.2 }.map(\.0).sorted().prefix(8)
        var held: [Float] = []
        list.forEachAllowed { held.append($0.distance); return true }
        #expect(held == Array(allowed))
        // Excluded entries made the list outgrow its first storage.
        #expect(list.capacity > 2)
        // Draining expands in nondecreasing order from here on.
        var rest: [Float] = []
        while let next = list.nextToExpand() { rest.append(next.distance) }
        #expect(zip(rest, rest.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(list.nextToExpand() == nil)
    }
}
