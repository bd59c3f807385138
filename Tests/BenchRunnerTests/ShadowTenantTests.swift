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
        #expect(tenant.exactNeighbours(of: [2.2, 0], k: 3) == [2, 3, 1])
        // Delete 3; move 0 next to the query: (2.3, 0) → distance 0.1².
        tenant.delete(ids: [3])
        tenant.upsert(ids: [0], vectors: [[2.3, 0]])
        #expect(tenant.exactNeighbours(of: [2.2, 0], k: 3) == [0, 2, 1])
        #expect(tenant.count == 4)
        // Fewer points than k: all of them.
        tenant.delete(ids: [1, 2, 4, 99])
        #expect(tenant.exactNeighbours(of: [2.2, 0], k: 3) == [0])
    }

    @Test("ties break by smaller id; cosine compares directions")
    func tiesAndCosine() {
        let tied = ShadowTenant(dimension: 1, metric: .l2)
        tied.upsert(ids: [7, 3, 5], vectors: [[1], [-1], [1]])
        #expect(tied.exactNeighbours(of: [0], k: 2) == [3, 5])
        let cosine = ShadowTenant(dimension: 2, metric: .cosine)
        cosine.upsert(ids: [1, 2], vectors: [[10, 0], [0, 0.1]])
        #expect(cosine.exactNeighbours(of: [0, 5], k: 1) == [2])
    }
}
