import BenchModel

/// Hand-built result documents with realistic figures: a machine with a PMU
/// running three configurations (embedded shared process, eight worker
/// processes, one that failed), and a virtual machine without a PMU running
/// one configuration three times. Every test and golden file is derived
/// from these, so they change only on purpose.
enum RunFixtures {
    static let vmReason = "no CPU PMU exposed — virtual machine (KVM); the hypervisor passes no hardware events"

    static func context(pmu: Bool, cpu: String = "AMD EPYC 7B13", cores: Int = 8, host: String = "bench-1") -> RunContext {
        RunContext(
            cpuModel: cpu, cores: cores, kernel: "6.1.0-27-amd64", swiftVersion: "6.3.1", gitCommit: "57c6629fd89d81d3d3ccbc96",
            createdAt: "2026-11-21T03:00:00Z", pmuAvailable: pmu, pmuReason: pmu ? nil : vmReason,
            transparentHugePages: "madvise", hostname: host)
    }

    static let workload = WorkloadSummary(
        name: "tenant-burst-mini", source: "workloads/tenant-burst-mini.yaml", fileHash: "f1e2d3c4", streamHash: "a9b8c7d6",
        seed: 42, tenants: 200, dimension: 96, metric: "l2", initialPoints: 100_000, phases: ["warmup", "steady", "burst"])

    /// A latency summary whose curve passes through the given percentiles;
    /// the points between are interpolated so the CDF is monotone.
    static func latency(count: Int, p50: Double, p90: Double, p99: Double, p999: Double, max: Double) -> LatencySummary {
        let minimum = p50 * 0.35
        let curve: [[Double]] = [
            [0, minimum], [10, p50 * 0.6], [25, p50 * 0.8], [50, p50], [75, (p50 + p90) / 2], [90, p90],
            [95, (p90 + p99) / 2], [99, p99], [99.5, (p99 + p999) / 2], [99.9, p999], [99.99, (p999 + max) / 2], [100, max],
        ]
        return LatencySummary(count: count, mean: p50 * 1.15, p50: p50, p90: p90, p99: p99, p999: p999, max: max, curve: curve)
    }

    static func counted(_ name: String, perOperation: Double, operations: Int) -> CounterMeasurement {
        CounterMeasurement(name: name, status: .counted, reason: nil, value: perOperation * Double(operations),
                           perOperation: perOperation, runningPercent: 100)
    }

    static func unsupported(_ name: String) -> CounterMeasurement {
        CounterMeasurement(name: name, status: .unsupported, reason: vmReason, value: nil, perOperation: nil, runningPercent: nil)
    }

    static func os(rss: Double, huge: Double, faults: Double, switches: Double, cpuMicros: Double? = nil) -> OSSummary {
        OSSummary(
            rssBytes: Reading(value: rss), anonHugePageBytes: Reading(value: huge), minorFaults: Reading(value: faults),
            majorFaults: Reading(value: 0), voluntaryContextSwitches: Reading(value: switches * 0.9),
            involuntaryContextSwitches: Reading(value: switches * 0.1), readBytes: Reading(value: 0),
            writeBytes: Reading(value: 48_000_000), diskWrites: Reading(value: 1_200), diskWriteWaitMilliseconds: Reading(value: 950),
            userCPUMicros: cpuMicros.map { Reading(value: $0 * 0.8) }, systemCPUMicros: cpuMicros.map { Reading(value: $0 * 0.2) })
    }

    static func engine(fsyncs: Int, walBytes: Int, seals: Int, sealWait: Double, mapped: Int) -> EngineSummary {
        EngineSummary(fsyncs: fsyncs, fsyncP99Milliseconds: 4.2, walBytes: walBytes, meanGroupCommit: 3.5, seals: seals,
                      sealQueueWaitP99Milliseconds: sealWait, sealDurationP99Milliseconds: 850, sealedSegments: 50 + seals,
                      mappedBytes: mapped, residentBytes: mapped * 9 / 10, hugePageBytes: 0, openCollections: 200)
    }

    /// Per-second points: `rates[i]` completions in second i, p99 rising with load past `capacity`.
    static func timeline(_ rates: [Int], p50: Double, p99: Double, capacity: Int) -> [TimelinePoint] {
        rates.enumerated().map { second, rate in
            let overload = Swift.max(0, Double(rate - capacity)) / Double(capacity)
            return TimelinePoint(second: second, completed: rate, errors: 0, p50: p50 * (1 + overload), p99: p99 * (1 + 6 * overload))
        }
    }

    /// One configuration's three phases. `slowdown` scales latency (worker
    /// processes pay TLB churn), `pmu` decides whether hardware counters count.
    static func phases(slowdown: Double, dTLB: Double, llc: Double, switches: Double, rss: Double, pmu: Bool,
                       capacity: Int, jitter: Double = 1) -> [PhaseResult] {
        func counters(operations: Int, scale: Double) -> [CounterMeasurement] {
            let hardware = pmu
                ? [counted("dTLB-load-misses", perOperation: dTLB * scale * jitter, operations: operations),
                   counted("LLC-load-misses", perOperation: llc * scale * jitter, operations: operations)]
                : [unsupported("dTLB-load-misses"), unsupported("LLC-load-misses")]
            return hardware + [
                counted("page-faults", perOperation: 0.8 * scale, operations: operations),
                counted("context-switches", perOperation: switches * scale, operations: operations),
            ] + (pmu ? [counted("task-clock", perOperation: 140_000 * slowdown * scale * jitter, operations: operations)] : [])
        }
        let s = slowdown * jitter
        let warmupSearch = OperationResult(
            kind: .search, count: 20_000, errors: 0, points: 0,
            latency: latency(count: 20_000, p50: 290 * s, p90: 520 * s, p99: 1_100 * s, p999: 2_600 * s, max: 9_000 * s),
            service: latency(count: 20_000, p50: 290 * s, p90: 520 * s, p99: 1_100 * s, p999: 2_600 * s, max: 9_000 * s))
        let warmup = PhaseResult(
            name: "warmup", warmup: true, arrival: .closed, seconds: 4, offeredRate: nil, achievedRate: 5_000 / s,
            operations: [warmupSearch], recall: nil, timeline: timeline(Array(repeating: Int(5_000 / s), count: 4), p50: 290 * s, p99: 1_100 * s, capacity: 100_000),
            counters: counters(operations: 20_000, scale: 1.3), os: os(rss: rss * 0.97, huge: 0, faults: 26_000, switches: 400),
            engine: nil, search: SearchCostSummary(queries: 20_000, segmentSearches: 20_000, perQuery: SearchCost(distanceEvaluations: 1_480, visitedNodes: nil, pagesTouched4K: 905, pagesTouched2M: 11.5), perSegmentSearch: SearchCost(distanceEvaluations: 1_480, visitedNodes: nil, pagesTouched4K: 905, pagesTouched2M: 11.5)))

        let steadyCount = 20_000
        let steadySearch = OperationResult(
            kind: .search, count: steadyCount, errors: 0, points: 0,
            latency: latency(count: steadyCount, p50: 310 * s, p90: 560 * s, p99: 1_250 * s, p999: 2_900 * s, max: 11_000 * s),
            service: latency(count: steadyCount, p50: 300 * s, p90: 530 * s, p99: 1_150 * s, p999: 2_500 * s, max: 9_500 * s))
        let steady = PhaseResult(
            name: "steady", warmup: false, arrival: .open, seconds: 10, offeredRate: 2_000, achievedRate: 1_998,
            operations: [steadySearch], recall: RecallSummary(k: 10, samples: 500, mean: 0.962, minimum: 0.6, belowHalf: 0),
            timeline: timeline([1_996, 2_004, 1_990, 2_010, 1_999, 2_001, 1_985, 2_012, 2_003, 1_980], p50: 310 * s, p99: 1_250 * s, capacity: capacity),
            counters: counters(operations: steadyCount, scale: 1), os: os(rss: rss, huge: 0, faults: 16_000, switches: Double(steadyCount) * switches),
            engine: engine(fsyncs: 200, walBytes: 0, seals: 0, sealWait: 0, mapped: 56_400_000),
            search: SearchCostSummary(queries: steadyCount, segmentSearches: steadyCount, perQuery: SearchCost(distanceEvaluations: 1_512, visitedNodes: nil, pagesTouched4K: 921, pagesTouched2M: 11.8), perSegmentSearch: SearchCost(distanceEvaluations: 1_512, visitedNodes: nil, pagesTouched4K: 921, pagesTouched2M: 11.8)))

        let burstRates = [8_000, 7_990, 1_000, 1_010, 8_010, 7_980, 995, 1_005].map { Swift.min($0, capacity + ($0 - capacity) / 4) }
        let searches = burstRates.reduce(0, +) * 8 / 10
        let upserts = burstRates.reduce(0, +) * 15 / 100
        let deletes = burstRates.reduce(0, +) - searches - upserts
        let burstSearch = OperationResult(
            kind: .search, count: searches, errors: 0, points: 0,
            latency: latency(count: searches, p50: 380 * s * s, p90: 900 * s * s, p99: 3_400 * s * s, p999: 9_800 * s * s, max: 31_000 * s),
            service: latency(count: searches, p50: 330 * s, p90: 640 * s, p99: 1_500 * s, p999: 3_300 * s, max: 12_000 * s))
        let burstUpsert = OperationResult(
            kind: .upsert, count: upserts, errors: 0, points: upserts * 10,
            latency: latency(count: upserts, p50: 2_100 * s, p90: 4_800 * s, p99: 9_500 * s, p999: 21_000 * s, max: 48_000 * s),
            service: latency(count: upserts, p50: 1_900 * s, p90: 4_100 * s, p99: 8_200 * s, p999: 17_000 * s, max: 40_000 * s))
        let burstDelete = OperationResult(
            kind: .delete, count: deletes, errors: 0, points: deletes,
            latency: latency(count: deletes, p50: 1_700 * s, p90: 3_900 * s, p99: 8_800 * s, p999: 19_000 * s, max: 41_000 * s),
            service: latency(count: deletes, p50: 1_500 * s, p90: 3_300 * s, p99: 7_400 * s, p999: 15_000 * s, max: 33_000 * s))
        let burstTotal = searches + upserts + deletes
        let burst = PhaseResult(
            name: "burst", warmup: false, arrival: .open, seconds: 8, offeredRate: 4_500, achievedRate: Double(burstTotal) / 8,
            operations: [burstSearch, burstUpsert, burstDelete],
            recall: RecallSummary(k: 10, samples: 400, mean: 0.951, minimum: 0.5, belowHalf: 0),
            timeline: timeline(burstRates, p50: 380 * s, p99: 3_400 * s, capacity: capacity),
            counters: counters(operations: burstTotal, scale: 1.1),
            os: os(rss: rss * 1.04, huge: 0, faults: Double(burstTotal), switches: Double(burstTotal) * switches * 1.2),
            engine: engine(fsyncs: 160, walBytes: 17_000_000, seals: 4, sealWait: 35 * s, mapped: 58_600_000),
            search: SearchCostSummary(queries: searches, segmentSearches: searches, perQuery: SearchCost(distanceEvaluations: 1_530, visitedNodes: nil, pagesTouched4K: 934, pagesTouched2M: 12.1), perSegmentSearch: SearchCost(distanceEvaluations: 1_530, visitedNodes: nil, pagesTouched4K: 934, pagesTouched2M: 12.1)))
        return [warmup, steady, burst]
    }

    static func settings(placement: EngineSettings.Placement, tenancy: EngineSettings.Tenancy, hugePages: Bool = false) -> EngineSettings {
        EngineSettings(
            placement: placement, tenancy: tenancy, storage: .mmap, advice: hugePages ? .hugepage : .random,
            hugePages: hugePages, walScope: .perCollection, fsync: .interval(milliseconds: 50), sealConcurrency: 2, m: 16,
            efConstruction: 100, ef: 64, upsertBatch: 10, indexingThreshold: 2_000)
    }

    static let load = LoadSummary(
        points: 100_000, seconds: 14.2, pointsPerSecond: 7_042, sealSeconds: 18.5,
        engine: EngineSummary(fsyncs: 290, fsyncP99Milliseconds: 4.1, walBytes: 39_240_000, meanGroupCommit: 3.4, seals: 50,
                              sealQueueWaitP99Milliseconds: 120, sealDurationP99Milliseconds: 850, sealedSegments: 50,
                              mappedBytes: 56_000_000, residentBytes: 52_000_000, hugePageBytes: 0, openCollections: 200))

    /// Three configurations on a machine with a PMU: one in-process, one over
    /// eight workers (TLB churn), one that could not run.
    static func threeConfigurations() -> RunResult {
        let shared = ConfigurationResult(
            name: "shared-process", repetition: 1, settings: settings(placement: .embedded, tenancy: .collectionPerTenant),
            overriddenKeys: [], status: .completed, load: load,
            phases: phases(slowdown: 1, dTLB: 1_850, llc: 420, switches: 0.05, rss: 318_000_000, pmu: true, capacity: 9_000),
            errors: ErrorSummary())
        let workers = ConfigurationResult(
            name: "workers-8", repetition: 1, settings: settings(placement: .workers(8), tenancy: .collectionPerTenant),
            overriddenKeys: ["placement"], status: .completed, load: load,
            phases: phases(slowdown: 1.35, dTLB: 4_700, llc: 980, switches: 2.1, rss: 522_000_000, pmu: true, capacity: 6_000),
            errors: ErrorSummary(count: 2, firstMessages: ["worker 5: connection reset by peer during search (tenant 117)"]))
        let huge = ConfigurationResult(
            name: "huge-pages", repetition: 1, settings: settings(placement: .embedded, tenancy: .collectionPerTenant, hugePages: true),
            overriddenKeys: ["huge_pages", "advice"],
            status: .failed(reason: "madvise(MADV_HUGEPAGE) on segment 3 of tenant 0: EINVAL — transparent huge pages are [never] on this kernel"),
            load: nil, phases: [], errors: ErrorSummary(count: 1, firstMessages: ["madvise EINVAL"]))
        // Eight workers' counters did not fit the PMU at once: the burst
        // multiplexed LLC misses, and the counter groups were split.
        var multiplexed = workers
        multiplexed.phases[2].notes = ["counter group split: hardware and software counters read as two groups"]
        if let llc = multiplexed.phases[2].counters.firstIndex(where: { $0.name == "LLC-load-misses" }) {
            multiplexed.phases[2].counters[llc].status = .scaled
            multiplexed.phases[2].counters[llc].runningPercent = 62.5
        }
        return RunResult(runID: "20261121T030000Z-tenant-burst-mini", context: context(pmu: true), workload: workload,
                         configurations: [shared, multiplexed, huge])
    }

    /// One configuration run three times on a virtual machine without a PMU:
    /// hardware counters unsupported, software counters counted.
    static func repeatedOnVirtualMachine(jitters: [Double] = [1.0, 1.04, 0.98], slowdown: Double = 1,
                                         cpu: String = "Intel Xeon (Cascade Lake, KVM)") -> RunResult {
        let runs = jitters.enumerated().map { index, jitter in
            ConfigurationResult(
                name: "shared-process", repetition: index + 1, settings: settings(placement: .embedded, tenancy: .collectionPerTenant),
                overriddenKeys: [], status: .completed, load: load,
                phases: phases(slowdown: slowdown, dTLB: 0, llc: 0, switches: 0.06, rss: 321_000_000, pmu: false, capacity: 9_000,
                               jitter: jitter),
                errors: ErrorSummary())
        }
        return RunResult(runID: "20261121T040000Z-vm", context: context(pmu: false, cpu: cpu, cores: 4, host: "ci-runner"),
                         workload: workload, configurations: runs)
    }
}
