import BenchModel

/// Every metric vecbench reports for a measured phase, and how each is read
/// out of a `PhaseResult`. Writers, `compare` and `check` all go through
/// here, so a figure has one id and one meaning everywhere.
public enum MetricCatalog {
    public static let operationKinds = OperationKind.allCases
    static let percentiles = LatencyPercentile.allCases

    /// The counter names read for the per-operation hardware figures, as perf spells them.
    public static let dTLBCounter = "dTLB-load-misses"
    public static let llcCounter = "LLC-load-misses"
    public static let pageFaultCounter = "page-faults"
    public static let contextSwitchCounter = "context-switches"
    /// perf's software clock of the counted threads' CPU time, in nanoseconds.
    public static let taskClockCounter = "task-clock"

    public static let throughput = MetricDefinition(id: "throughput", title: "throughput", unit: .perSecond, direction: .higherIsBetter)
    public static let offeredRate = MetricDefinition(id: "offered-rate", title: "offered rate", unit: .perSecond, direction: .neutral)
    public static let recall = MetricDefinition(id: "recall", title: "recall (mean)", unit: .fraction, direction: .higherIsBetter)
    public static let recallMinimum = MetricDefinition(id: "recall.min", title: "recall (worst query)", unit: .fraction, direction: .higherIsBetter)
    /// Per search operation (query), summed over every segment it searched:
    /// what a user's query costs.
    public static let distanceEvaluations = MetricDefinition(
        id: "distance-evaluations", title: "distance evaluations", unit: .perSearch, direction: .lowerIsBetter)
    public static let pages4K = MetricDefinition(id: "pages-4k", title: "4 KiB pages touched", unit: .perSearch, direction: .lowerIsBetter)
    public static let pages2M = MetricDefinition(id: "pages-2m", title: "2 MiB pages touched", unit: .perSearch, direction: .lowerIsBetter)
    /// Per segment searched: how hard one graph (or exact scan) works,
    /// apart from how many segments a query has to search.
    public static let distanceEvaluationsPerSegment = MetricDefinition(
        id: "distance-evaluations.per-segment", title: "distance evaluations per segment search", unit: .perSegmentSearch,
        direction: .lowerIsBetter)
    public static let pages4KPerSegment = MetricDefinition(
        id: "pages-4k.per-segment", title: "4 KiB pages per segment search", unit: .perSegmentSearch, direction: .lowerIsBetter)
    public static let segmentsPerQuery = MetricDefinition(
        id: "segments-per-query", title: "segments searched per query", unit: .mean, direction: .lowerIsBetter)
    public static let dTLBMisses = MetricDefinition(id: "dtlb-misses", title: "dTLB load misses", unit: .perOperation, direction: .lowerIsBetter)
    public static let llcMisses = MetricDefinition(id: "llc-misses", title: "LLC load misses", unit: .perOperation, direction: .lowerIsBetter)
    public static let pageFaults = MetricDefinition(id: "page-faults", title: "page faults", unit: .perOperation, direction: .lowerIsBetter)
    public static let contextSwitches = MetricDefinition(
        id: "context-switches", title: "context switches", unit: .perOperation, direction: .lowerIsBetter)
    /// CPU time per operation: unlike latency it leaves out time spent
    /// waiting for a CPU, so a loaded machine moves it far less than a
    /// slower code path does.
    public static let cpuTime = MetricDefinition(
        id: "cpu-time", title: "CPU time", unit: .microsecondsPerOperation, direction: .lowerIsBetter)
    public static let rss = MetricDefinition(id: "rss", title: "RSS", unit: .bytes, direction: .lowerIsBetter)
    public static let hugePageCoverage = MetricDefinition(
        id: "huge-page-coverage", title: "huge-page coverage of RSS", unit: .fraction, direction: .neutral)
    public static let fsyncRate = MetricDefinition(id: "fsyncs-per-second", title: "fsyncs", unit: .perSecond, direction: .lowerIsBetter)
    public static let fsyncP99 = MetricDefinition(id: "fsync.p99", title: "fsync p99", unit: .milliseconds, direction: .lowerIsBetter)
    /// Per write operation (upsert or delete): what the fsync policy costs
    /// a write, apart from how many writes the phase managed.
    public static let fsyncsPerWrite = MetricDefinition(
        id: "fsyncs-per-operation", title: "fsyncs per write", unit: .perOperation, direction: .lowerIsBetter)
    public static let walBytesPerWrite = MetricDefinition(
        id: "wal-bytes-per-operation", title: "WAL bytes per write", unit: .perOperation, direction: .lowerIsBetter)
    public static let groupCommit = MetricDefinition(id: "group-commit", title: "writes per group commit", unit: .mean, direction: .higherIsBetter)
    public static let seals = MetricDefinition(id: "seals", title: "seals", unit: .count, direction: .neutral)
    public static let sealWaitP99 = MetricDefinition(id: "seal-wait.p99", title: "seal queue wait p99", unit: .milliseconds, direction: .lowerIsBetter)
    public static let sealDurationP99 = MetricDefinition(id: "seal.p99", title: "seal duration p99", unit: .milliseconds, direction: .lowerIsBetter)
    /// Points upserted per second: what batching buys (upsert calls per
    /// second alone hide the batch size).
    public static let upsertPointRate = MetricDefinition(
        id: "upsert.points-rate", title: "upserted points/s", unit: .perSecond, direction: .higherIsBetter)

    /// Every metric id a document can carry, for validating thresholds files.
    public static var knownIDs: [String] {
        let perOperation = operationKinds.flatMap { kind in
            ["\(kind).rate"] + percentiles.map { latency(kind, $0).id } + ["\(kind).errors"]
        }
        return [throughput, offeredRate, upsertPointRate].map(\.id) + perOperation + [
            recall, recallMinimum, distanceEvaluations, pages4K, pages2M, distanceEvaluationsPerSegment, pages4KPerSegment,
            segmentsPerQuery, dTLBMisses, llcMisses, pageFaults, contextSwitches, cpuTime,
            rss, hugePageCoverage, fsyncRate, fsyncsPerWrite, walBytesPerWrite, fsyncP99, groupCommit, seals, sealWaitP99, sealDurationP99,
        ].map(\.id) + modelledIDs
    }

    /// Known, or a figure of a named model (`modelled.<name>.<figure>`).
    public static func isKnown(_ id: String) -> Bool {
        if knownIDs.contains(id) { return true }
        guard id.hasPrefix("modelled.") else { return false }
        return ModelledFigure.allCases.contains { id.hasSuffix(".\($0.rawValue)") }
    }

    /// `search.p99` and friends.
    public static func latency(_ kind: OperationKind, _ percentile: LatencyPercentile) -> MetricDefinition {
        MetricDefinition(id: "\(kind).\(percentile.rawValue)", title: "\(kind) \(percentile.title)", unit: .microseconds,
                         direction: .lowerIsBetter)
    }

    public static func operationRate(_ kind: OperationKind) -> MetricDefinition {
        MetricDefinition(id: "\(kind).rate", title: "\(kind) rate", unit: .perSecond, direction: .higherIsBetter)
    }

    public static func operationErrors(_ kind: OperationKind) -> MetricDefinition {
        MetricDefinition(id: "\(kind).errors", title: "\(kind) errors", unit: .count, direction: .lowerIsBetter)
    }

    /// Every metric of `phase`, in report order; metrics that do not apply
    /// (no upserts in the phase, no engine statistics) are left out, and
    /// metrics that apply but were not measured say why.
    public static func values(of phase: PhaseResult) -> [(MetricDefinition, MetricValue)] {
        var out: [(MetricDefinition, MetricValue)] = [(throughput, .value(phase.achievedRate))]
        if let offered = phase.offeredRate { out.append((offeredRate, .value(offered))) }
        for kind in operationKinds {
            guard let operation = phase.operation(kind), operation.count > 0 else { continue }
            out.append((operationRate(kind), .value(phase.seconds > 0 ? Double(operation.count) / phase.seconds : 0)))
            if kind == .upsert {
                out.append((upsertPointRate, .value(phase.seconds > 0 ? Double(operation.points) / phase.seconds : 0)))
            }
            for percentile in percentiles {
                out.append((latency(kind, percentile), .value(percentile.read(operation.latency))))
            }
            out.append((operationErrors(kind), .value(Double(operation.errors))))
        }
        if let recall = phase.recall, recall.samples > 0 {
            out.append((Self.recall, .value(recall.mean)))
            out.append((recallMinimum, .value(recall.minimum)))
        }
        if let search = phase.search, search.segmentSearches > 0 {
            if let perQuery = search.perQuery, let queries = search.queries, queries > 0 {
                out.append((distanceEvaluations, .value(perQuery.distanceEvaluations)))
                out.append((pages4K, .value(perQuery.pagesTouched4K)))
                out.append((pages2M, .value(perQuery.pagesTouched2M)))
                out.append((segmentsPerQuery, .value(Double(search.segmentSearches) / Double(queries))))
            } else {
                let reason = "this document recorded search costs per segment search only (vecbench.run/1)"
                out.append((distanceEvaluations, .unavailable(reason)))
                out.append((pages4K, .unavailable(reason)))
                out.append((pages2M, .unavailable(reason)))
            }
            out.append((distanceEvaluationsPerSegment, .value(search.perSegmentSearch.distanceEvaluations)))
            out.append((pages4KPerSegment, .value(search.perSegmentSearch.pagesTouched4K)))
        }
        out.append((dTLBMisses, counterPerOperation(phase, dTLBCounter)))
        out.append((llcMisses, counterPerOperation(phase, llcCounter)))
        out.append((pageFaults, pageFaultsPerOperation(phase)))
        out.append((contextSwitches, contextSwitchesPerOperation(phase)))
        out.append((cpuTime, cpuTimePerOperation(phase)))
        out.append((rss, reading(phase.os.rssBytes)))
        out.append((hugePageCoverage, hugePageShare(phase)))
        if phase.engine?.adapterStatistics != nil {
            // An external engine's summary holds its own figures; vecbench's WAL counts are not measurements there.
            out.append((fsyncRate, .unavailable("an external engine does not report its fsyncs; see the OS disk writes")))
        } else if let engine = phase.engine {
            out.append((fsyncRate, .value(phase.seconds > 0 ? Double(engine.fsyncs) / phase.seconds : 0)))
            let writes = [OperationKind.upsert, .delete].reduce(0.0) { $0 + Double(phase.operation($1)?.count ?? 0) }
            if writes > 0 {
                out.append((fsyncsPerWrite, .value(Double(engine.fsyncs) / writes)))
                out.append((walBytesPerWrite, .value(Double(engine.walBytes) / writes)))
            }
            if engine.fsyncs > 0 {
                out.append((fsyncP99, .value(engine.fsyncP99Milliseconds)))
                out.append((groupCommit, .value(engine.meanGroupCommit)))
            }
            out.append((seals, .value(Double(engine.seals))))
            if engine.seals > 0 {
                out.append((sealWaitP99, .value(engine.sealQueueWaitP99Milliseconds)))
                out.append((sealDurationP99, .value(engine.sealDurationP99Milliseconds)))
            }
        }
        out += modelledValues(of: phase)
        return out
    }

    /// In `Double`: counts come from a document, and a sum must not trap.
    static func totalOperations(_ phase: PhaseResult) -> Double { phase.operations.reduce(0) { $0 + Double($1.count) } }

    /// A counter's value per operation of the phase, or why there is none.
    static func counterPerOperation(_ phase: PhaseResult, _ name: String) -> MetricValue {
        guard let counter = phase.counters.first(where: { $0.name == name }) else {
            return .unavailable("\(name) not measured in this run")
        }
        if let perOperation = counter.perOperation { return .value(perOperation) }
        if let value = counter.value {
            let operations = totalOperations(phase)
            return operations > 0 ? .value(value / operations) : .unavailable("no operations in the phase")
        }
        return .unavailable(counter.reason ?? "\(name): \(counter.status)")
    }

    /// The `page-faults` software counter, or else the OS minor + major fault
    /// deltas; unavailable (with both reasons) only when neither was read.
    static func pageFaultsPerOperation(_ phase: PhaseResult) -> MetricValue {
        let counted = counterPerOperation(phase, pageFaultCounter)
        if counted.number != nil { return counted }
        return osPerOperation(phase, [phase.os.minorFaults, phase.os.majorFaults], fallbackReason: counted.unavailableReason)
    }

    static func contextSwitchesPerOperation(_ phase: PhaseResult) -> MetricValue {
        let counted = counterPerOperation(phase, contextSwitchCounter)
        if counted.number != nil { return counted }
        return osPerOperation(phase, [phase.os.voluntaryContextSwitches, phase.os.involuntaryContextSwitches],
                              fallbackReason: counted.unavailableReason)
    }

    /// µs of CPU per operation: the `task-clock` software counter (ns) of
    /// every thread of the runner and its workers, else the OS's user +
    /// system time of the same processes; unavailable (with both reasons)
    /// only when neither was read — documents older than the OS CPU time
    /// carry only the counter.
    static func cpuTimePerOperation(_ phase: PhaseResult) -> MetricValue {
        let counted = counterPerOperation(phase, taskClockCounter)
        if let nanos = counted.number { return .value(nanos / 1000) }
        guard let user = phase.os.userCPUMicros, let system = phase.os.systemCPUMicros else {
            return .unavailable("\(counted.unavailableReason ?? "task-clock not measured"); no OS CPU time in this document")
        }
        return osPerOperation(phase, [user, system], fallbackReason: counted.unavailableReason)
    }

    static func osPerOperation(_ phase: PhaseResult, _ readings: [Reading], fallbackReason: String?) -> MetricValue {
        let operations = totalOperations(phase)
        guard operations > 0 else { return .unavailable("no operations in the phase") }
        var sum = 0.0
        for reading in readings {
            guard let value = reading.value else {
                return .unavailable(reading.unavailable ?? fallbackReason ?? "not measured")
            }
            sum += value
        }
        return .value(sum / Double(operations))
    }

    static func reading(_ reading: Reading) -> MetricValue {
        if let value = reading.value { return .value(value) }
        return .unavailable(reading.unavailable ?? "not measured")
    }

    /// Anonymous huge-page bytes as a share of RSS.
    static func hugePageShare(_ phase: PhaseResult) -> MetricValue {
        guard let rss = phase.os.rssBytes.value else { return reading(phase.os.rssBytes) }
        guard let huge = phase.os.anonHugePageBytes.value else { return reading(phase.os.anonHugePageBytes) }
        return rss > 0 ? .value(huge / rss) : .unavailable("RSS read as 0 bytes")
    }
}
