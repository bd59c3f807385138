import Testing
@testable import BenchRunner

@Suite("Tie-aware recall")
struct TieAwareRecallTests {
    let recall = TieAwareRecall(k: 3)

    @Test("ids in the first k count; others do not")
    func plainHits() {
        let results: [(id: UInt64, distance: Float)] = [(1, 0.1), (9, 0.5), (3, 0.7)]
        #expect(recall.hits(results: results, truth: [1, 2, 3, 4], kthTrueDistance: 0.3) == 2)
    }

    @Test("a different id at the k-th distance is a hit (a tie), a farther one is not")
    func ties() {
        // True top-3: ids 1, 2, 3 at 0.1, 0.2, 0.3; id 7 is also at 0.3.
        let tie: [(id: UInt64, distance: Float)] = [(1, 0.1), (2, 0.2), (7, 0.3)]
        #expect(recall.hits(results: tie, truth: [1, 2, 3], kthTrueDistance: 0.3) == 3)
        let farther: [(id: UInt64, distance: Float)] = [(1, 0.1), (2, 0.2), (8, 0.31)]
        #expect(recall.hits(results: farther, truth: [1, 2, 3], kthTrueDistance: 0.3) == 2)
    }

    @Test("only the first k results are judged and hits never exceed k")
    func bounded() {
        let many: [(id: UInt64, distance: Float)] = (0..<10).map { (id: UInt64($0), distance: 0) }
        #expect(recall.hits(results: many, truth: [0, 1, 2], kthTrueDistance: 0) == 3)
        #expect(recall.hits(results: [], truth: [0, 1, 2], kthTrueDistance: 0) == 0)
    }

    @Test("negative distances (inner product) use an absolute tolerance floor")
    func negativeDistances() {
        let results: [(id: UInt64, distance: Float)] = [(5, -3.0), (6, -2.0), (9, -1.0)]
        #expect(recall.hits(results: results, truth: [5, 6, 7], kthTrueDistance: -1.0) == 3)
        #expect(recall.hits(results: results, truth: [5, 6, 7], kthTrueDistance: -1.5) == 2)
    }
}
