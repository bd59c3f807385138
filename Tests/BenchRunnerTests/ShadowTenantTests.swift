import Testing
import VectorCore
@testable import BenchRunner

@Suite("Recall ground truth")
struct ShadowTenantTests {
    @Test("exact neighbours on a hand-checked case, as the tenant's data changes")
    func handChecked() {
        let tenant = ShadowTenant(dimension: 2, metric: .l2)
        // Points on a line: id i at (i, 0).
        tenant.upsert(ids: [0, 1, 2, 3, 4], vectors: [[0, 0], [1, 0], [2, 0], [3, 0], [4, 0]])
        // Query at (2.2, 0): distances 2.2², 1.2², 0.2², 0.8², 1.8² → order 2, 3, 1, 4, 0.
        #expect(tenant.exactNeighbours(of: [2.2, 0], k: 3).map(\.id) == [2, 3, 1])
        // Delete 3; move 0 next to the query: (2.3, 0) → distance 0.1².
        tenant.delete(ids: [3])
        tenant.upsert(ids: [0], vectors: [[2.3, 0]])
        #expect(tenant.exactNeighbours(of: [2.2, 0], k: 3).map(\.id) == [0, 2, 1])
        #expect(tenant.count == 4)
        // Fewer points than k: all of them.
        tenant.delete(ids: [1, 2, 4, 99])
        #expect(tenant.exactNeighbours(of: [2.2, 0], k: 3).map(\.id) == [0])
    }

    @Test("ties break by smaller id; cosine compares directions")
    func tiesAndCosine() {
        let tied = ShadowTenant(dimension: 1, metric: .l2)
        tied.upsert(ids: [7, 3, 5], vectors: [[1], [-1], [1]])
        #expect(tied.exactNeighbours(of: [0], k: 2).map(\.id) == [3, 5])
        let cosine = ShadowTenant(dimension: 2, metric: .cosine)
        cosine.upsert(ids: [1, 2], vectors: [[10, 0], [0, 0.1]])
        #expect(cosine.exactNeighbours(of: [0, 5], k: 1).map(\.id) == [2])
    }

    @Test("runner recall is tie-aware: another point at the k-th distance is a hit, a deleted id a miss")
    func tieAwareRecall() throws {
        let tenant = ShadowTenant(dimension: 1, metric: .l2)
        // Ids 1 and 2 both at distance 1 from the query 0; id 3 at 4.
        tenant.upsert(ids: [0, 1, 2, 3], vectors: [[0], [1], [-1], [2]])
        // Exact top-2 is [0, 1] (tie broken by id); returning 2 instead of 1 is as good.
        #expect(tenant.recall(of: [0, 2], query: [0], k: 2) == 1)
        #expect(tenant.recall(of: [0, 3], query: [0], k: 2) == 0.5)
        // An id the tenant does not hold counts as a miss, even if it was once a neighbour.
        tenant.delete(ids: [2])
        #expect(tenant.recall(of: [0, 2], query: [0], k: 2) == 0.5)
        // Fewer points than k: recall over what exists.
        let small = ShadowTenant(dimension: 1, metric: .l2)
        small.upsert(ids: [5], vectors: [[3]])
        #expect(small.recall(of: [5], query: [0], k: 10) == 1)
        #expect(ShadowTenant(dimension: 1, metric: .l2).recall(of: [], query: [0], k: 3) == nil)
    }

    @Test("cosine recall compares directions, as the ground truth does")
    func cosineRecall() {
        let tenant = ShadowTenant(dimension: 2, metric: .cosine)
        tenant.upsert(ids: [1, 2, 3], vectors: [[10, 0], [0, 0.1], [0, 7]])
        // 2 and 3 point the same way as the query: both at the 1st true distance.
        #expect(tenant.recall(of: [3], query: [0, 5], k: 1) == 1)
        #expect(tenant.recall(of: [1], query: [0, 5], k: 1) == 0)
    }
}
