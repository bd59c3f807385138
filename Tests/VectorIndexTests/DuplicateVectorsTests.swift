import Testing
import VectorCore
@testable import VectorIndex

/// Real data holds exact duplicates (text embeddings of identical documents):
/// groups of identical vectors larger than a node's link list. The neighbour
/// heuristic never prunes one duplicate by another (their distances tie), so
/// a group's members fill each other's lists; which members the ties favour
/// decides whether the group keeps any links out of itself. These tests build such data, seeded, on one
/// thread (so the graph is a pure function of the data and the seed).
@Suite("HNSW index with duplicate vectors")
struct DuplicateVectorsTests {
    static let dimension = 16
    static let groups = 8
    static let copies = 60
    static let satellitesPerGroup = 6

    /// Clustered unit vectors, `groups` vectors repeated `copies` times each,
    /// and near each group a few satellites (the group's vector slightly
    /// moved), all shuffled into one insertion order. Returns the rows and,
    /// per row, its group (or -1).
    static let data: (rows: [[Float]], group: [Int]) = {
        let clustered = TestVectors.clustered(count: 3000, queries: 0, dimension: dimension, clusters: 30, seed: 23)
        var generator = SeededGenerator(seed: 29)
        func unit(_ vector: [Float]) -> [Float] { TestVectors.normalized(vector).map { Float($0) } }
        var rows = clustered.base.map(unit)
        var group = [Int](repeating: -1, count: rows.count)
        for g in 0..<groups {
            let centre = rows[Int(generator.next() % UInt64(rows.count))]
            let duplicate = unit(centre.map { $0 + Float(generator.nextGaussian() * 0.2) })
            for _ in 0..<copies {
                rows.append(duplicate)
                group.append(g)
            }
            for _ in 0..<satellitesPerGroup {
                rows.append(unit(duplicate.map { $0 + Float(generator.nextGaussian() * 0.01) }))
                group.append(-1)
            }
        }
        var order = Array(rows.indices)
        for position in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(position, Int(generator.next() % UInt64(position + 1)))
        }
        return (order.map { rows[$0] }, order.map { group[$0] })
    }()

    static func built(seed: UInt64) throws -> HNSWIndex {
        let index = try HNSWIndex(dimension: dimension, metric: .innerProduct,
                                  parameters: .init(m: 8, efConstruction: 100, seed: seed), capacity: data.rows.count)
        let rows = TestVectors.flattened(data.rows)
        try rows.withUnsafeBufferPointer { try index.build(rows: $0.baseAddress!, count: data.rows.count, threads: 1) }
        return index
    }

    /// A group's members reach the rest of the graph only through links
    /// leaving the group. Ties ordered by arrival piled every new member's
    /// links onto the few members a search meets first; their full lists
    /// were pruned over and over, and since the pruning keeps the group's
    /// copies (distance zero) before any outsider, each prune dropped links
    /// leaving the group, until searches that entered it could not get out.
    /// Ties ordered towards the newest member leave the older members' exits
    /// in place: at least a full level-0 list of them per group.
    @Test("duplicate groups keep links out of themselves", arguments: [UInt64(1), 2, 3])
    func groupsLinkOutwards(seed: UInt64) throws {
        let index = try Self.built(seed: seed)
        let group = Self.data.group
        var outward = [Int](repeating: 0, count: Self.groups)
        for node in 0..<index.count {
            let row = Int(index.label(of: UInt32(node)))
            guard group[row] >= 0 else { continue }
            let links = index.linksPointer(UInt32(node), level: 0)
            for slot in 0..<Int(links[0]) where group[Int(index.label(of: links[1 + slot]))] != group[row] {
                outward[group[row]] += 1
            }
        }
        #expect(outward.min()! >= 16, "level-0 links leaving each group: \(outward), seed \(seed)")
    }

    /// Queries next to the groups, tie-aware: a returned point at the k-th
    /// exact distance counts, whichever copy it is.
    @Test("recall next to duplicate groups is close to exact search", arguments: [UInt64(1)])
    func recallNearGroups(seed: UInt64) throws {
        let index = try Self.built(seed: seed)
        let rows = Self.data.rows
        var generator = SeededGenerator(seed: 31 &+ seed)
        var hits = 0, total = 0
        for g in 0..<Self.groups {
            let member = rows[Self.data.group.firstIndex(of: g)!]
            for _ in 0..<8 {
                let query = member.map { $0 + Float(generator.nextGaussian() * 0.15) }
                let exact = rows.map { 1 - zip($0, query).reduce(Double(0)) { $0 + Double($1.0) * Double($1.1) } }.sorted()
                let kth = exact[9]
                for found in index.search(query, k: 10, ef: 40) {
                    let vector = rows[Int(found.id)]
                    let distance = 1 - zip(vector, query).reduce(Double(0)) { $0 + Double($1.0) * Double($1.1) }
                    if distance <= kth + 1e-5 * abs(kth) { hits += 1 }
                }
                total += 10
            }
        }
        let recall = Double(hits) / Double(total)
        #expect(recall >= 0.95, "tie-aware recall@10 next to the groups was \(recall), seed \(seed)")
    }
}
