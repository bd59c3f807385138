import BenchModel
import HardwareCounters
import Foundation
import Synchronization
import Testing
import VectorCore
import VectorIndex
import Workloads
@testable import BenchRunner

/// A backend whose searches take ~0.2 ms, except one that stalls.
final class StallingBackend: TenantBackend, @unchecked Sendable {
    let stallAt: Int
    let stallSeconds: Double
    let searches = Atomic<Int>(0)

    init(stallAt: Int, stallSeconds: Double) {
        self.stallAt = stallAt
        self.stallSeconds = stallSeconds
    }

    func upsert(tenant: Int, ids: [UInt64], vectors: [[Float]]) throws {}
    func delete(tenant: Int, ids: [UInt64]) throws {}
    func search(tenant: Int, query: [Float], k: Int, ef: Int, statistics: UnsafeMutablePointer<SearchStatistics>?) throws -> [UInt64] {
        let n = searches.add(1, ordering: .relaxed).newValue
        PhaseExecutor.sleep(nanoseconds: n == stallAt ? UInt64(stallSeconds * 1e9) : 200_000)
        return []
    }
    func waitForSeals() {}
    func engineSnapshot() -> EngineSnapshot { EngineSnapshot() }
    var workerCounters: CounterSet? { nil }
    var workerProcessIDs: [Int32] { [] }
    var dataPaths: [String] { [] }
    func close() throws {}
}

@Suite("Phase executor")
struct PhaseExecutorTests {
    func executor(_ phase: PhaseSpecification, backend: StallingBackend, workload: Workload) throws -> PhaseExecutor {
        let generator = try TenantDataGenerator(workload: workload)
        return PhaseExecutor(
            backend: backend, shadows: (0..<workload.data.tenants).map { _ in ShadowTenant(dimension: 8, metric: .l2) },
            queries: (0..<workload.data.tenants).map { generator.queries(tenant: $0) }, generator: generator,
            phase: phase, settings: workload.base, recallSamples: 0, openLoopThreads: 1, overrunAllowance: 5)
    }

    @Test("a stalled service inflates open-loop latency (from the intended start) but not service time")
    func coordinatedOmission() throws {
        var workload = try RunnerFixtures.workload()
        var phase = workload.phases[1]
        phase.arrival = .poisson(rate: 200)
        phase.length = .seconds(2)
        phase.mix = OperationMix(search: 1, upsert: 0, delete: 0, upsertBatch: 1, deleteBatch: 1, searchK: 5, searchEF: 16)
        workload.phases = [phase]
        let backend = StallingBackend(stallAt: 40, stallSeconds: 0.4)
        let outcome = try executor(phase, backend: backend, workload: workload)
            .run(OperationStream(workload: workload, phase: 0)) { _ in }
        let search = try #require(outcome.recorder.operationResults().first { $0.kind == .search })
        // ~80 operations were due during the 0.4 s stall and had to wait for it.
        #expect(search.latency.p99 >= 200_000, "latency p99 \(search.latency.p99) µs should include the queueing behind the stall")
        #expect(search.latency.p90 > 5 * search.service.p90, "latency p90 \(search.latency.p90) vs service p90 \(search.service.p90)")
        #expect(search.service.max >= 400_000)
        #expect(search.count > 300)
    }

    @Test("a closed loop measures service time only: latency equals service")
    func closedLoop() throws {
        var workload = try RunnerFixtures.workload()
        var phase = workload.phases[0]
        phase.arrival = .closedLoop(clients: 1)
        phase.length = .operations(200)
        workload.phases = [phase]
        let backend = StallingBackend(stallAt: 50, stallSeconds: 0.2)
        let outcome = try executor(phase, backend: backend, workload: workload)
            .run(OperationStream(workload: workload, phase: 0)) { _ in }
        let search = try #require(outcome.recorder.operationResults().first { $0.kind == .search })
        #expect(search.count == 200)
        #expect(search.latency == search.service)
        #expect(outcome.offeredRate == nil)
    }
}
