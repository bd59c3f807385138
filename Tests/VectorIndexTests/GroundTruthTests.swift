import Foundation
import Testing
import VectorCore
@testable import VectorIndex

@Suite struct GroundTruthTests {
    @Test(arguments: Metric.allCases)
    func matchesBruteForceWithRowIndexIDs(metric: Metric) throws {
        let base = DenseMatrix(rows: BruteForceIndexTests.integerRows(count: 700, dimension: 12, seed: 21))
        let queries = DenseMatrix(rows: BruteForceIndexTests.integerRows(count: 41, dimension: 12, seed: 22))
        let truth = try GroundTruth.compute(base: base, queries: queries, k: 25, metric: metric, threads: 2)
        #expect(truth.k == 25 && truth.queryCount == 41)
        var index = BruteForceIndex(dimension: 12, metric: metric)
        try index.add(contentsOf: base)
        for q in 0..<41 {
            #expect(truth.neighbors(ofQuery: q) == (try index.search(queries.row(q), k: 25)))
        }
    }

    @Test func exactAgainstTheDoubleReferenceOnL2() throws {
        let rows = BruteForceIndexTests.integerRows(count: 300, dimension: 9, seed: 31)
        let queryRows = BruteForceIndexTests.integerRows(count: 10, dimension: 9, seed: 32)
        let truth = try GroundTruth.compute(base: DenseMatrix(rows: rows), queries: DenseMatrix(rows: queryRows),
                                            k: 30, metric: .l2, threads: 1)
        for (q, query) in queryRows.enumerated() {
            let expected = BruteForceIndexTests.referenceRanking(.l2, rows: rows, ids: (0..<300).map(UInt64.init), query: query)
            #expect(truth.ids.row(q).map(Int.init) == expected.prefix(30).map { Int($0.1) })
            #expect(truth.distances.row(q).map(Double.init) == expected.prefix(30).map(\.0))
        }
    }

    @Test func threadCountDoesNotChangeTheAnswer() throws {
        let output = ClusteredDatasetGenerator(count: 3_000, dimension: 16, clusters: 8, queries: 70, seed: 5).generate()
        let one = try GroundTruth.compute(base: output.base, queries: output.queries, k: 10, metric: .l2, threads: 1)
        let three = try GroundTruth.compute(base: output.base, queries: output.queries, k: 10, metric: .l2, threads: 3)
        #expect(one.ids == three.ids && one.distances == three.distances)
    }

    @Test func kIsClampedToTheBaseCount() throws {
        let base = DenseMatrix<Float>(rows: [[0, 0], [1, 0], [0, 2]])
        let truth = try GroundTruth.compute(base: base, queries: DenseMatrix(rows: [[0, 0]]), k: 100, metric: .l2)
        #expect(truth.k == 3)
        #expect(truth.ids.row(0) == [0, 1, 2] && truth.distances.row(0) == [0, 1, 4])
    }

    @Test func writesIvecsAndDistanceFvecsThatReadBack() throws {
        let directory = NSTemporaryDirectory() + "/vecbench-gt-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = ClusteredDatasetGenerator(count: 500, dimension: 8, clusters: 4, queries: 9, seed: 1).generate()
        let truth = try GroundTruth.compute(base: output.base, queries: output.queries, k: 5, metric: .innerProduct, threads: 2)
        try truth.write(idsTo: directory + "/gt.ivecs", distancesTo: directory + "/gt.dist.fvecs")
        #expect(try DatasetReader.readInt32s(directory + "/gt.ivecs") == truth.ids)
        #expect(try DatasetReader.readFloats(directory + "/gt.dist.fvecs") == truth.distances)
    }

    @Test func mismatchedDimensionsAreRefused() {
        #expect(throws: VectorValidationError.wrongDimension(expected: 2, actual: 3)) {
            try GroundTruth.compute(base: DenseMatrix(rows: [[0, 0]]), queries: DenseMatrix(rows: [[0, 0, 0]]), k: 1, metric: .l2)
        }
    }
}
