import BenchModel
import Foundation
import Synchronization
import VectorCore
import VectorIndex
import Workloads

/// Drives the full engine through a workload, once per configuration (and
/// repetition): a fresh data directory, the initial load, then every phase
/// in order, each measured with latency histograms, a per-second timeline,
/// sampled recall against exact ground truth, counters, OS readings and the
/// engine's own statistics. The operation stream is the same for every
/// configuration; a configuration that fails is marked failed with its
/// reason and the others still run.
public struct WorkloadRunner: Sendable {
    public struct Options: Sendable {
        /// Where configurations get their data directories.
        public var scratchDirectory: String
        public var repetitions: Int
        /// Counter names (perf / libpfm4 spelling); empty for none.
        public var events: [String]
        public var openLoopThreads: Int
        /// Keep each configuration's data directory after it ran.
        public var keepData: Bool
        /// Mean sampled recall below this fails a configuration loudly.
        public var minimumRecall: Double
        /// The vecbench executable worker processes run (`vecbench serve`);
        /// nil for this process's own executable.
        public var workerExecutable: String?
        /// Run each configuration in a child process of its own (nil: all in
        /// this process).
        public var configurationProcess: ConfigurationProcess?

        public init(scratchDirectory: String, repetitions: Int = 1, events: [String] = [], openLoopThreads: Int = 16,
                    keepData: Bool = false, minimumRecall: Double = 0.2, workerExecutable: String? = nil,
                    configurationProcess: ConfigurationProcess? = nil) {
            self.scratchDirectory = scratchDirectory
            self.repetitions = repetitions
            self.events = events
            self.openLoopThreads = openLoopThreads
            self.keepData = keepData
            self.minimumRecall = minimumRecall
            self.workerExecutable = workerExecutable
            self.configurationProcess = configurationProcess
        }
    }

    public let workload: Workload
    public let options: Options

    public init(workload: Workload, options: Options) {
        self.workload = workload
        self.options = options
    }

    public func run(runID: String, fileHash: String, progress: @escaping @Sendable (RunProgress) -> Void = { _ in }) throws -> RunResult {
        // A sweep runs the whole workload once per value: each value's
        // configurations get a scratch directory of their own and carry the
        // value in their record and in their progress lines.
        let points = workload.sweepPoints
        var results: [ConfigurationResult] = []
        var first: TenantDataGenerator?
        let total = workload.configurations().count * options.repetitions * points.count
        var index = 0
        for (sweepIndex, point) in points.enumerated() {
            var pointOptions = options
            if let value = point.value { pointOptions.scratchDirectory += "/sweep-\(sweepIndex)-\(Self.safe(value.description))" }
            let runner = WorkloadRunner(workload: point.workload, options: pointOptions)
            let generator = try TenantDataGenerator(workload: point.workload)
            if first == nil { first = generator }
            results += runner.runConfigurations(generator: generator, sweep: point.value.map { (sweepIndex, $0) },
                                                index: &index, total: total, progress: progress)
        }
        let sizes = first?.sizes ?? []
        return RunResult(
            runID: runID, context: RunContextProbe.current(),
            workload: WorkloadSummary(
                name: workload.name, source: workload.source, fileHash: fileHash,
                streamHash: workload.streamHash(), seed: workload.seed, tenants: workload.data.tenants,
                dimension: workload.data.dimension, metric: workload.data.metric.rawValue,
                initialPoints: sizes.reduce(0, +), phases: workload.phases.map(\.name)),
            configurations: results, sweep: workload.sweep?.summary)
    }

    /// Every configuration and repetition of this (unswept) workload;
    /// `sweep` is the point's index and value when it is one of a sweep.
    private func runConfigurations(
        generator: TenantDataGenerator, sweep: (index: Int, value: SweepValue)?, index: inout Int, total: Int,
        progress: @escaping @Sendable (RunProgress) -> Void
    ) -> [ConfigurationResult] {
        var results: [ConfigurationResult] = []
        for repetition in 1...options.repetitions {
            for configuration in workload.configurations() {
                index += 1
                let label = sweep.map { "\(configuration.name) @ \($0.value)" } ?? configuration.name
                progress(.configurationStarted(name: label, repetition: repetition, index: index, of: total))
                var result: ConfigurationResult
                if let child = options.configurationProcess {
                    result = child.run(configuration: configuration.name,
                                       settings: configuration.settings,
                                       overriddenKeys: workload.overriddenKeys(of: configuration.name),
                                       repetition: repetition, sweepIndex: sweep?.index, options: options)
                } else {
                    result = runConfiguration(configuration, repetition: repetition, generator: generator, progress: progress)
                }
                result.sweepValue = sweep?.value
                if case .failed(let reason) = result.status {
                    progress(.configurationFinished(name: label, failure: reason))
                } else {
                    progress(.configurationFinished(name: label, failure: nil))
                }
                results.append(result)
            }
        }
        return results
    }

    /// One configuration alone: what a configuration process runs.
    /// `sweepIndex` picks the point of a swept workload (the parent's
    /// scratch directory for that point is already in `options`).
    public func runConfiguration(
        named name: String, repetition: Int, sweepIndex: Int? = nil,
        progress: @escaping @Sendable (RunProgress) -> Void = { _ in }
    ) throws -> ConfigurationResult {
        if let sweepIndex {
            let points = workload.sweepPoints
            guard points.indices.contains(sweepIndex), let value = points[sweepIndex].value else {
                throw RunnerError.workload("the workload has no sweep value number \(sweepIndex + 1)")
            }
            var result = try WorkloadRunner(workload: points[sweepIndex].workload, options: options)
                .runConfiguration(named: name, repetition: repetition, progress: progress)
            result.sweepValue = value
            return result
        }
        guard let configuration = workload.configurations().first(where: { $0.name == name }) else {
            throw RunnerError.workload("the workload has no configuration named '\(name)'")
        }
        return runConfiguration(configuration, repetition: repetition, generator: try TenantDataGenerator(workload: workload),
                                progress: progress)
    }

    private func runConfiguration(
        _ configuration: (name: String, settings: EngineSettings), repetition: Int, generator: TenantDataGenerator,
        progress: @escaping @Sendable (RunProgress) -> Void
    ) -> ConfigurationResult {
        let settings = configuration.settings
        let overridden = workload.overriddenKeys(of: configuration.name)
        var result = ConfigurationResult(
            name: configuration.name, repetition: repetition, settings: settings,
            overriddenKeys: overridden, status: .completed, load: nil, phases: [], errors: ErrorSummary())
        let directory = options.scratchDirectory + "/\(Self.safe(configuration.name))-\(repetition)"
        var backend: (any TenantBackend)?
        do {
            try? FileManager.default.removeItem(atPath: directory)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            backend = try BackendFactory.make(settings: settings, data: workload.data, directory: directory, events: options.events,
                                              workerExecutable: options.workerExecutable)
            let shadows = (0..<workload.data.tenants).map { _ in ShadowTenant(dimension: workload.data.dimension, metric: workload.data.metric) }
            result.load = try load(backend!, shadows: shadows, generator: generator, progress: progress)
            guard (result.load?.points ?? 0) > 0 else { throw RunnerError.brokenIndex("the load put no points into the engine") }
            let queries = (0..<workload.data.tenants).map { generator.queries(tenant: $0) }
            for (phaseIndex, phase) in workload.phases.enumerated() {
                let phaseResult = try runPhase(phaseIndex, phase, backend: backend!, shadows: shadows, queries: queries,
                                               generator: generator, settings: settings, errors: &result.errors, progress: progress)
                result.phases.append(phaseResult)
            }
            // A benchmark that quietly measured a broken or empty index is worse than none.
            let measured = result.phases.filter { !$0.warmup }.compactMap(\.recall)
            if let worst = measured.min(by: { $0.mean < $1.mean }), worst.mean < options.minimumRecall {
                throw RunnerError.brokenIndex(String(format: "mean recall@%d was %.3f (< %.2f): the index is broken or empty",
                                                     worst.k, worst.mean, options.minimumRecall))
            }
            result.idleTenant = backend!.idleTenantCost(tenants: 1_000, dimension: workload.data.dimension)
        } catch {
            result.status = .failed(reason: "\(error)")
        }
        try? backend?.close()
        if !options.keepData { try? FileManager.default.removeItem(atPath: directory) }
        return result
    }

    private func load(_ backend: any TenantBackend, shadows: [ShadowTenant], generator: TenantDataGenerator,
                      progress: @escaping @Sendable (RunProgress) -> Void) throws -> LoadSummary {
        let sizes = generator.sizes
        let total = sizes.reduce(0, +)
        let before = backend.engineSnapshot()
        let start = MonotonicClock.nanoseconds()
        let nextTenant = Atomic<Int>(0), loaded = Atomic<Int>(0)
        let failure = Mutex<String?>(nil)
        let workers = DispatchGroup()
        for _ in 0..<2 {
            workers.enter()
            Thread {
                defer { workers.leave() }
                while failure.withLock({ $0 == nil }) {
                    let tenant = nextTenant.add(1, ordering: .relaxed).newValue - 1
                    guard tenant < sizes.count else { return }
                    let base = generator.baseVectors(tenant: tenant)
                    var row = 0
                    while row < base.count {
                        let end = min(row + 1000, base.count)
                        let ids = (row..<end).map { UInt64($0) }
                        let vectors = (row..<end).map { base.row($0) }
                        do {
                            try backend.upsert(tenant: tenant, ids: ids, vectors: vectors)
                        } catch {
                            failure.withLock { $0 = "loading tenant \(tenant): \(error)" }
                            return
                        }
                        shadows[tenant].upsert(ids: ids, vectors: vectors)
                        loaded.add(end - row, ordering: .relaxed)
                        row = end
                    }
                }
            }.start()
        }
        while workers.wait(timeout: .now() + 1) == .timedOut {
            progress(.loading(pointsDone: loaded.load(ordering: .relaxed), pointsTotal: total))
        }
        if let message = failure.withLock({ $0 }) { throw RunnerError.workload(message) }
        let loadSeconds = Double(MonotonicClock.nanoseconds() - start) / 1e9
        backend.waitForSeals()
        let sealSeconds = Double(MonotonicClock.nanoseconds() - start) / 1e9 - loadSeconds
        progress(.loaded(points: total, seconds: loadSeconds))
        return LoadSummary(points: total, seconds: loadSeconds, pointsPerSecond: Double(total) / max(loadSeconds, 1e-9),
                           sealSeconds: sealSeconds, engine: backend.engineSnapshot().delta(since: before).summary)
    }

    private func runPhase(
        _ index: Int, _ phase: PhaseSpecification, backend: any TenantBackend, shadows: [ShadowTenant],
        queries: [DenseMatrix<Float>], generator: TenantDataGenerator, settings: EngineSettings,
        errors: inout ErrorSummary, progress: @escaping @Sendable (RunProgress) -> Void
    ) throws -> PhaseResult {
        var expected: Double?
        if case .seconds(let seconds) = phase.length { expected = seconds }
        progress(.phaseStarted(name: phase.name, expectedSeconds: expected))
        // Before anything of the phase is measured: worker processes (and
        // their pids, counters and statistics) are new after a reopen.
        let reopened = try phase.reopen ? reopenTenants(backend) : nil
        var executor = PhaseExecutor(
            backend: backend, shadows: shadows, queries: queries, generator: generator, phase: phase, settings: settings,
            recallSamples: workload.data.recallSamples, openLoopThreads: options.openLoopThreads,
            overrunAllowance: max(5, (expected ?? 0) * 0.5))
        let modelled = !workload.models.isEmpty && !phase.warmup
        executor.recordSearchTrace = modelled
        let stream = OperationStream(workload: workload, phase: index, tenantSizes: generator.sizes,
                                     upsertBatchOverride: settings.upsertBatch)
        let probe = PhaseProbe(events: options.events, workerCounters: backend.workerCounters,
                               workerProcessIDs: backend.workerProcessIDs, dataPaths: backend.dataPaths)
        let before = backend.engineSnapshot()
        probe.begin()
        let phaseStart = MonotonicClock.nanoseconds()
        let outcome = executor.run(stream) { completed in
            progress(.phaseProgress(name: phase.name, completed: completed,
                                    elapsedSeconds: Double(MonotonicClock.nanoseconds() - phaseStart) / 1e9, expectedSeconds: expected))
        }
        let recorder = outcome.recorder
        let (counters, probedOS, probedNotes) = probe.end(operations: recorder.completed)
        var os = probedOS, notes = probedNotes
        os.fillLevelsIfAbsent(processes: backend.workerProcessIDs, dataPaths: backend.dataPaths)
        if let reopened { notes.insert(reopened, at: 0) }
        let engine = backend.engineSnapshot().delta(since: before).summary
        errors.count += recorder.errorCount + outcome.notIssued
        for message in recorder.errorMessages where errors.firstMessages.count < 10 {
            errors.firstMessages.append("\(phase.name): \(message)")
        }
        if outcome.notIssued > 0, errors.firstMessages.count < 10 {
            errors.firstMessages.append("\(phase.name): \(outcome.notIssued) operations never issued — the engine could not keep up with the offered rate")
        }
        progress(.phaseFinished(name: phase.name, operations: recorder.completed, seconds: outcome.seconds, errors: recorder.errorCount))
        let searches = recorder.searchStatistics
        // After every measurement of the phase is closed, so neither its
        // latencies nor its counters include the model.
        let models = modelled
            ? PhaseModeller(specifications: workload.models, defaultProcesses: Self.processes(of: settings)).model(
                trace: outcome.searchTrace, backend: backend, queries: queries, tenants: workload.data.tenants)
            : []
        var result = PhaseResult(
            name: phase.name, warmup: phase.warmup, arrival: phase.arrival.isOpenLoop ? .open : .closed,
            seconds: outcome.seconds, offeredRate: outcome.offeredRate,
            achievedRate: Double(recorder.completed) / max(outcome.seconds, 1e-9),
            operations: recorder.operationResults(), recall: recorder.recallSummary(k: workload.data.k),
            timeline: recorder.timeline(), counters: counters, os: os, engine: engine,
            search: Self.searchCosts(searches, queries: recorder.queriesWithStatistics), notes: notes)
        result.modelled = models
        result.tenancy = recorder.tenancySummary()
        return result
    }

    /// Costs per search operation and per segment search, each over its own
    /// count. `statistics.queries` counts segment searches.
    static func searchCosts(_ statistics: SearchStatistics, queries: Int) -> SearchCostSummary? {
        guard statistics.queries > 0 else { return nil }
        func cost(over count: Int) -> SearchCost {
            let n = Double(count)
            return SearchCost(distanceEvaluations: Double(statistics.distanceEvaluations) / n,
                              visitedNodes: Double(statistics.visitedNodes) / n,
                              pagesTouched4K: Double(statistics.pagesTouched4K) / n,
                              pagesTouched2M: Double(statistics.pagesTouched2M) / n)
        }
        return SearchCostSummary(queries: queries, segmentSearches: statistics.queries,
                                 perQuery: queries > 0 ? cost(over: queries) : nil,
                                 perSegmentSearch: cost(over: statistics.queries))
    }

    /// Address spaces a placement runs its tenants in.
    static func processes(of settings: EngineSettings) -> Int {
        if case .workers(let count) = settings.placement { return count }
        return 1
    }

    static func safe(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }
}

