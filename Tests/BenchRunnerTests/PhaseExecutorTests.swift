import BenchModel
import HardwareCounters
import Foundation
import Synchronization
import Testing
import VectorCore
import VectorIndex
import Workloads
@testable import BenchRunner

/// A phase clock that moves only when told: sleeping jumps to the deadline,
/// a backend's work advances it by its service time. With one executor
/// thread, every latency is then exact, whatever the machine is doing.
final class VirtualPhaseClock: PhaseClock {
    private let time = Mutex<UInt64>(1_000_000_000)

    func now() -> UInt64 { time.withLock { $0 } }
    func sleep(until deadline: UInt64) { time.withLock { $0 = max($0, deadline) } }
    func advance(nanoseconds: UInt64) { time.withLock { $0 += nanoseconds } }
}

/// A backend whose searches take 0.2 ms, except one that stalls; on a
/// virtual clock when given one, else really sleeping.
final class StallingBackend: TenantBackend, @unchecked Sendable {
    let stallAt: Int
    let stallSeconds: Double
    let clock: VirtualPhaseClock?
    let searches = Atomic<Int>(0)

    init(stallAt: Int, stallSeconds: Double, clock: VirtualPhaseClock? = nil) {
        self.stallAt = stallAt
        self.stallSeconds = stallSeconds
        self.clock = clock
    }

    func upsert(tenant: Int, ids: [UInt64], vectors: [[Float]]) throws {}
    func delete(tenant: Int, ids: [UInt64]) throws {}
    func search(tenant: Int, query: [Float], k: Int, ef: Int, statistics: UnsafeMutablePointer<SearchStatistics>?) throws -> [UInt64] {
        let n = searches.add(1, ordering: .relaxed).newValue
        let nanoseconds: UInt64 = n == stallAt ? UInt64(stallSeconds * 1e9) : 200_000
        if let clock { clock.advance(nanoseconds: nanoseconds) } else { PhaseExecutor.sleep(nanoseconds: nanoseconds) }
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
        var executor = PhaseExecutor(
            backend: backend, shadows: (0..<workload.data.tenants).map { _ in ShadowTenant(dimension: 8, metric: .l2) },
            queries: (0..<workload.data.tenants).map { generator.queries(tenant: $0) }, generator: generator,
            phase: phase, settings: workload.base, recallSamples: 0, openLoopThreads: 1, overrunAllowance: 5)
        if let clock = backend.clock { executor.clock = clock }
        return executor
    }

    @Test("a stalled service inflates open-loop latency (from the intended start) but not service time")
    func coordinatedOmission() throws {
        var workload = try RunnerFixtures.workload()
        var phase = workload.phases[1]
        phase.arrival = .poisson(rate: 200)
        phase.length = .seconds(2)
        phase.mix = OperationMix(search: 1, upsert: 0, delete: 0, upsertBatch: 1, deleteBatch: 1, searchK: 5, searchEF: 16)
        workload.phases = [phase]
        // On a virtual clock: the test replays the phase's arrivals exactly,
        // however loaded the machine running it is.
        let backend = StallingBackend(stallAt: 40, stallSeconds: 0.4, clock: VirtualPhaseClock())
        let stream = OperationStream(workload: workload, phase: 0)
        let outcome = try executor(phase, backend: backend, workload: workload).run(stream) { _ in }
        let search = try #require(outcome.recorder.operationResults().first { $0.kind == .search })
        let issued = Array(OperationStream(workload: workload, phase: 0)).count
        #expect(outcome.notIssued == 0)
        #expect(search.count == issued && issued > 300, "\(search.count) of \(issued) searches")
        #expect(search.service.max >= 400_000)
        // Operations due during the 0.4 s stall waited behind it: the
        // latency tail holds that wait, the service time does not.
        #expect(search.latency.p99 >= 200_000, "latency p99 \(search.latency.p99) µs should include the queueing behind the stall")
        #expect(search.latency.p90 > 5 * search.service.p90, "latency p90 \(search.latency.p90) vs service p90 \(search.service.p90)")
        #expect(search.service.p99 < 1_000, "only one search stalled: service p99 \(search.service.p99) µs")
        // An operation served on time has latency equal to its service time.
        #expect(search.latency.p50 == search.service.p50)
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
