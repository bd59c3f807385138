import Testing
import VectorCore
@testable import VectorIndex

/// Brute force against a naive double-precision scan.
@Suite struct BruteForceIndexTests {
    /// Small integer components: every float sum is exact, so L2 and inner
    /// product agree with the double reference bit for bit, and ties are common.
    static func integerRows(count: Int, dimension: Int, seed: UInt64) -> [[Float]] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { _ in (0..<dimension).map { _ in Float(Int(random.next() % 9) - 4) } }
    }

    static func referenceDistance(_ metric: Metric, _ a: [Float], _ b: [Float]) -> Double {
        let x = a.map(Double.init), y = b.map(Double.init)
        switch metric {
        case .l2: return zip(x, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        case .innerProduct: return 1 - zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
        case .cosine:
            let nx = x.reduce(0) { $0 + $1 * $1 }.squareRoot(), ny = y.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard nx > 0, ny > 0 else { return 1 - 0 }
            return 1 - zip(x, y).reduce(0) { $0 + $1.0 * $1.1 } / (nx * ny)
        }
    }

    /// All (distance, id) pairs by the reference, nearest first, ties by id.
    static func referenceRanking(_ metric: Metric, rows: [[Float]], ids: [UInt64], query: [Float]) -> [(Double, UInt64)] {
        zip(rows, ids).map { (referenceDistance(metric, query, $0.0), $0.1) }
            .sorted { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
    }

    /// Ids shuffled so that row order and id order differ.
    static func shuffledIDs(_ count: Int, seed: UInt64) -> [UInt64] {
        var random = SeededGenerator(seed: seed)
        return (0..<UInt64(count)).map { $0 * 3 + 1000 }.shuffled(using: &random)
    }

    @Test(arguments: [Metric.l2, .innerProduct], [1, 7, 33])
    func exactMetricsMatchTheReferenceIncludingTieOrder(metric: Metric, dimension: Int) throws {
        let rows = Self.integerRows(count: 400, dimension: dimension, seed: UInt64(dimension))
        let ids = Self.shuffledIDs(rows.count, seed: 5)
        var index = BruteForceIndex(dimension: dimension, metric: metric)
        for (row, id) in zip(rows, ids) { try index.add(row, id: id) }
        let queries = Self.integerRows(count: 25, dimension: dimension, seed: 99)
        for query in queries {
            let found = try index.search(query, k: 17)
            let expected = Self.referenceRanking(metric, rows: rows, ids: ids, query: query).prefix(17)
            #expect(found.map(\.id) == expected.map(\.1))
            #expect(found.map { Double($0.distance) } == expected.map(\.0))
        }
    }

    @Test(arguments: [3, 16, 100])
    func cosineMatchesTheReferenceWithinRounding(dimension: Int) throws {
        var random = SeededGenerator(seed: 7)
        let rows = (0..<300).map { _ in (0..<dimension).map { _ in Float(random.nextGaussian()) } }
        let ids = Self.shuffledIDs(rows.count, seed: 8)
        var index = BruteForceIndex(dimension: dimension, metric: .cosine)
        for (row, id) in zip(rows, ids) { try index.add(row, id: id) }
        let tolerance = 1e-5
        for _ in 0..<20 {
            let query = (0..<dimension).map { _ in Float(random.nextGaussian() * 5) }
            let found = try index.search(query, k: 10)
            let ranking = Self.referenceRanking(.cosine, rows: rows, ids: ids, query: query)
            let reference = Dictionary(uniqueKeysWithValues: ranking.map { ($0.1, $0.0) })
            #expect(found.count == 10)
            for neighbor in found {
                #expect(abs(Double(neighbor.distance) - reference[neighbor.id]!) < tolerance)
            }
            #expect(zip(found, found.dropFirst()).allSatisfy { !($1 < $0) }, "sorted nearest first")
            // A valid top 10: nothing left out is nearer than the 10th found.
            let kth = reference[found.last!.id]!
            let foundIDs = Set(found.map(\.id))
            #expect(ranking.filter { !foundIDs.contains($0.1) }.allSatisfy { $0.0 >= kth - tolerance })
        }
    }

    @Test func equalDistancesAreOrderedBySmallerIDWhateverTheInsertionOrder() throws {
        for metric in Metric.allCases {
            var index = BruteForceIndex(dimension: 4, metric: metric)
            for id: UInt64 in [50, 10, 30, 20, 40] { try index.add([1, 2, 3, 4], id: id) }
            try index.add([-9, -9, -9, -9], id: 1)  // far by every metric
            let found = try index.search([1, 2, 3, 4], k: 3)
            #expect(found.map(\.id) == [10, 20, 30], "\(metric)")
        }
    }

    @Test func cosineNormalisesOnInsertAndQuery() throws {
        var index = BruteForceIndex(dimension: 3, metric: .cosine)
        try index.add([3, 0, 0], id: 1)
        try index.add([0, 0, 0.5], id: 2)
        #expect(abs(index.vector(at: 0)[0] - 1) < 1e-6)
        let found = try index.search([100, 1, 0], k: 2)
        #expect(found.map(\.id) == [1, 2])
        #expect(found[0].distance < 1e-3 && abs(found[1].distance - 1) < 1e-6)
    }

    @Test func batchSearchOnThreadsEqualsSingleSearches() throws {
        let rows = Self.integerRows(count: 500, dimension: 20, seed: 3)
        for metric in Metric.allCases {
            var index = BruteForceIndex(dimension: 20, metric: metric)
            try index.add(contentsOf: DenseMatrix(rows: rows), firstID: 7)
            let queries = DenseMatrix(rows: Self.integerRows(count: 37, dimension: 20, seed: 4))
            let batch = try index.search(queries: queries, k: 12, threads: 3)
            #expect(batch.count == 37)
            for q in 0..<37 { #expect(batch[q] == (try index.search(queries.row(q), k: 12)), "\(metric) query \(q)") }
        }
    }

    @Test func kLargerThanTheIndexReturnsEveryPoint() throws {
        var index = BruteForceIndex(dimension: 2, metric: .l2)
        try index.add([0, 0], id: 5)
        try index.add([1, 1], id: 6)
        #expect(try index.search([0, 0], k: 10).map(\.id) == [5, 6])
        #expect(try index.search([0, 0], k: 0).isEmpty)
        #expect(try BruteForceIndex(dimension: 2, metric: .l2).search([0, 0], k: 3).isEmpty)
    }

    @Test func invalidVectorsAreRefusedAndNotStored() throws {
        var index = BruteForceIndex(dimension: 3, metric: .l2)
        #expect(throws: VectorValidationError.wrongDimension(expected: 3, actual: 2)) { try index.add([1, 2], id: 1) }
        #expect(throws: VectorValidationError.self) { try index.add([1, .nan, 2], id: 1) }
        #expect(throws: VectorValidationError.self) {
            try index.add(contentsOf: DenseMatrix(rows: [[1, 2, 3], [1, 2, .infinity]]))
        }
        #expect(index.count == 0)
        #expect(throws: VectorValidationError.wrongDimension(expected: 3, actual: 1)) { try index.search([1], k: 1) }
    }
}
