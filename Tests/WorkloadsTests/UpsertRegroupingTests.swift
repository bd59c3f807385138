import Testing
@testable import Workloads

/// A configuration's `upsert_batch` regroups the phase's upserts: the same
/// points, other batch sizes.
@Suite struct UpsertRegroupingTests {
    typealias F = WorkloadFixtures

    /// (tenant, local id) of every upserted point, in stream order per tenant.
    func upsertedPoints(_ stream: OperationStream) -> [Int: [UInt64]] {
        var points: [Int: [UInt64]] = [:]
        for operation in stream where operation.kind == .upsert {
            points[operation.tenant, default: []] += (0..<UInt64(operation.count)).map { operation.firstID + $0 }
        }
        return points
    }

    func workload(batch: Int, arrival: ArrivalProcess = .poisson(rate: 5_000)) -> Workload {
        F.workload(tenants: 30, arrival: arrival, length: .seconds(4),
                   mix: F.mix(search: 0.5, upsert: 0.4, delete: 0.1, upsertBatch: batch))
    }

    @Test(arguments: [(100, 1), (1, 100), (10, 25), (25, 10), (7, 7)])
    func sameFiniteStreamSamePoints(phaseBatch: Int, override: Int) {
        let workload = workload(batch: phaseBatch)
        let original = OperationStream(workload: workload, phase: 0)
        let regrouped = OperationStream(workload: workload, phase: 0, upsertBatchOverride: override)
        #expect(regrouped.upsertBatch == override)
        #expect(upsertedPoints(original) == upsertedPoints(regrouped))
        let operations = Array(regrouped)
        let upserts = operations.filter { $0.kind == .upsert }
        // Full batches, except at most one flushed remainder per tenant at the end.
        let partial = upserts.filter { $0.count != override }
        #expect(partial.count <= 30 && partial.allSatisfy { $0.count < override })
        #expect(operations.map(\.sequence) == Array(0..<operations.count))
        // Intended starts stay in order; searches and deletes are untouched.
        let starts = operations.map { $0.intendedStart! }
        #expect(zip(starts, starts.dropFirst()).allSatisfy { $0 <= $1 })
        let others = { (ops: [WorkloadOperation]) in ops.filter { $0.kind != .upsert }.map { var o = $0; o.sequence = 0; return o } }
        #expect(others(operations) == others(Array(original)))
    }

    @Test func splittingKeepsTheTriggeringStart() {
        let workload = workload(batch: 100)
        let original = Array(OperationStream(workload: workload, phase: 0)).filter { $0.kind == .upsert }
        let split = Array(OperationStream(workload: workload, phase: 0, upsertBatchOverride: 1)).filter { $0.kind == .upsert }
        #expect(split.count == original.count * 100)
        for (index, operation) in original.enumerated() {
            let pieces = split[(index * 100)..<((index + 1) * 100)]
            #expect(pieces.allSatisfy { $0.intendedStart == operation.intendedStart && $0.tenant == operation.tenant })
            #expect(pieces.map(\.firstID) == (0..<100).map { operation.firstID + $0 })
        }
    }

    @Test func overrideEqualToThePhaseBatchIsTheSameStream() {
        let workload = workload(batch: 5)
        #expect(OperationStream(workload: workload, phase: 0, upsertBatchOverride: 5).streamHash(limit: .max)
            == OperationStream(workload: workload, phase: 0).streamHash(limit: .max))
    }

    @Test func closedLoopMergingFillsFullBatchesLazily() {
        let workload = workload(batch: 1, arrival: .closedLoop(clients: 2))
        let merged = OperationStream(workload: workload, phase: 0, upsertBatchOverride: 50)
        let upserts = merged.lazy.filter { $0.kind == .upsert }.prefix(100)
        #expect(upserts.allSatisfy { $0.count == 50 && $0.intendedStart == nil })
    }
}
