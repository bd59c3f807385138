import BenchModel
import Foundation
import Synchronization
import VectorCore
import VectorIndex
import Workloads

/// Runs one phase's operation stream against a backend.
///
/// Closed loop: `clients` threads each take the next operation when their
/// last one finished; latency is service time. Open loop: a pool of threads
/// takes operations in stream order and starts each at its intended time;
/// when every thread is busy the next operation waits, and its latency —
/// measured from the intended start — includes that wait. A stalled engine
/// therefore shows up in the percentiles instead of silently slowing the
/// offered load (coordinated omission).
struct PhaseExecutor: @unchecked Sendable {
    let backend: any TenantBackend
    let shadows: [ShadowTenant]
    let queries: [DenseMatrix<Float>]
    let generator: TenantDataGenerator
    let phase: PhaseSpecification
    let settings: EngineSettings
    let recallSamples: Int
    let openLoopThreads: Int
    /// Open-loop phases stop issuing this long after their nominal end when
    /// the engine cannot keep up; what was never issued is reported.
    let overrunAllowance: Double
    /// What "now" is: the system's monotonic clock outside tests.
    var clock: any PhaseClock = SystemPhaseClock()
    /// Keep, for each search that succeeded, what a memory model needs to
    /// search it again untimed after the phase (`PhaseModeller`).
    var recordSearchTrace = false
    /// Sample collections and files open each second (off in tests whose
    /// backend has neither).
    var sampleTenancy = true

    struct Outcome {
        var recorder: PhaseRecorder
        var seconds: Double
        var offeredRate: Double?
        var notIssued: Int
        /// Successful searches in the order they completed (empty unless
        /// `recordSearchTrace`).
        var searchTrace: [TracedSearch] = []
    }

    func run<Stream: Sequence>(_ stream: Stream, progress: (Int) -> Void) -> Outcome where Stream.Iterator: Sendable, Stream.Element == WorkloadOperation {
        let threads: Int
        let duration: Double?
        switch phase.arrival {
        case .closedLoop(let clients): threads = clients
        default: threads = openLoopThreads
        }
        if case .seconds(let seconds) = phase.length { duration = seconds } else { duration = nil }
        let iterator = Mutex(stream.makeIterator())
        let sampled = Atomic<Int>(0)
        let completed = Atomic<Int>(0)
        let notIssued = Atomic<Int>(0)
        let recorders = Mutex<[PhaseRecorder]>([])
        let traces = Mutex<[TracedSearch]>([])
        let start = clock.now()
        let hardStop: UInt64? = duration.map { start + UInt64(($0 + (phase.arrival.isOpenLoop ? overrunAllowance : 0)) * 1e9) }
        let done = DispatchGroup()
        for threadIndex in 0..<max(threads, 1) {
            done.enter()
            let thread = Thread { [self] in
                var recorder = PhaseRecorder()
                var trace: [TracedSearch] = []
                while let operation = iterator.withLock({ $0.next() }) {
                    let now = clock.now()
                    if let hardStop, now >= hardStop {
                        if operation.intendedStart != nil { notIssued.add(1, ordering: .relaxed) }
                        // Closed loop: time is up. Open loop: saturated — count the rest.
                        if operation.intendedStart == nil { break }
                        continue
                    }
                    let succeeded = execute(operation, phaseStart: start, recorder: &recorder, sampled: sampled)
                    let order = completed.add(1, ordering: .relaxed).newValue
                    if recordSearchTrace, succeeded, operation.kind == .search {
                        trace.append(TracedSearch(
                            order: order, thread: threadIndex, tenant: operation.tenant,
                            queryRow: operation.queryIndex % max(queries[operation.tenant].count, 1),
                            k: operation.k, ef: settings.ef ?? operation.ef))
                    }
                }
                recorders.withLock { $0.append(recorder) }
                if !trace.isEmpty { traces.withLock { $0.append(contentsOf: trace) } }
                done.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        // Tenancy is sampled at the end of each second of the phase, on
        // this thread: the executor threads never wait for a reading.
        var samples: [Int: TenancySample] = [:]
        let sampleStart = DispatchTime.now().uptimeNanoseconds
        var second = 0
        while done.wait(timeout: DispatchTime(uptimeNanoseconds: sampleStart + UInt64(second + 1) * 1_000_000_000)) == .timedOut {
            if sampleTenancy { samples[second] = TenancySample.read(backend) }
            second += 1
            progress(completed.load(ordering: .relaxed))
        }
        let seconds = Double(clock.now() - start) / 1e9
        var merged = PhaseRecorder()
        for recorder in recorders.withLock({ $0 }) { merged.merge(recorder) }
        // The last, partial second ends with the phase.
        if sampleTenancy { samples[max(Int(seconds.rounded(.up)) - 1, 0)] = TenancySample.read(backend) }
        merged.samples = samples
        merged.phaseSeconds = seconds
        let trace = traces.withLock { $0 }.sorted { $0.order < $1.order }
        return Outcome(recorder: merged, seconds: seconds, offeredRate: offeredRate(), notIssued: notIssued.load(ordering: .relaxed),
                       searchTrace: trace)
    }

    /// Mean rate the arrival process asks for, over the phase.
    func offeredRate() -> Double? {
        switch phase.arrival {
        case .closedLoop: return nil
        case .poisson(let rate): return rate
        case .onOff(let burstRate, let burstSeconds, let idleRate, let idleSeconds):
            return (burstRate * burstSeconds + idleRate * idleSeconds) / max(burstSeconds + idleSeconds, 1e-9)
        case .steps(let steps):
            let seconds = steps.reduce(0) { $0 + $1.seconds }
            return seconds > 0 ? steps.reduce(0) { $0 + $1.rate * $1.seconds } / seconds : nil
        }
    }

    /// Runs and records one operation; true when it succeeded.
    private func execute(
        _ operation: WorkloadOperation, phaseStart: UInt64, recorder: inout PhaseRecorder, sampled: borrowing Atomic<Int>
    ) -> Bool {
        let tenant = operation.tenant
        // Prepare the payload before the clock starts.
        var upsertIDs: [UInt64] = [], upsertVectors: [[Float]] = []
        if operation.kind == .upsert {
            let vectors = generator.vectors(for: operation)
            upsertIDs = (0..<operation.count).map { operation.firstID + UInt64($0) }
            upsertVectors = (0..<vectors.count).map { vectors.row($0) }
        }
        let intended = operation.intendedStart.map { phaseStart + $0 }
        if let intended { clock.sleep(until: intended) }
        let started = clock.now()
        var error: String?
        var points = 0
        var statistics = SearchStatistics()
        var found: [UInt64] = []
        var opened: Bool?
        let query: [Float]? = operation.kind == .search
            ? queries[tenant].row(operation.queryIndex % max(queries[tenant].count, 1)) : nil
        do {
            switch operation.kind {
            case .search:
                (found, opened) = try backend.searchNotingOpen(tenant: tenant, query: query!, k: operation.k,
                                                               ef: settings.ef ?? operation.ef, statistics: &statistics)
            case .upsert:
                opened = try backend.upsertNotingOpen(tenant: tenant, ids: upsertIDs, vectors: upsertVectors)
                points = upsertIDs.count
            case .delete:
                opened = try backend.deleteNotingOpen(tenant: tenant, ids: operation.deleteIDs)
                points = operation.deleteIDs.count
            }
        } catch let failure {
            error = "\(failure)"
        }
        let finished = clock.now()
        let second = Int((finished - phaseStart) / 1_000_000_000)
        recorder.record(operation.kind, points: points, latency: finished - (intended ?? started),
                        service: finished - started, second: second, error: error)
        guard error == nil else { return false }
        recorder.recordOpen(opened, latency: finished - (intended ?? started))
        switch operation.kind {
        case .search:
            // A worker placement keeps its statistics in the worker: only
            // queries that brought statistics back count as their denominator.
            if statistics.queries > 0 {
                recorder.searchStatistics += statistics
                recorder.queriesWithStatistics += 1
            }
            if operation.sequence % 7 == 0, sampled.add(1, ordering: .relaxed).newValue <= recallSamples {
                if let recall = shadows[tenant].recall(of: found, query: query!, k: operation.k) {
                    recorder.recalls.append(recall)
                }
            }
        case .upsert:
            shadows[tenant].upsert(ids: upsertIDs, vectors: upsertVectors)
        case .delete:
            shadows[tenant].delete(ids: operation.deleteIDs)
        }
        return true
    }

    static func sleep(nanoseconds: UInt64) {
        var request = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 { request = remaining }
    }
}
