import BenchModel
import Histogram
import VectorIndex
import Workloads

/// What one executor thread saw during a phase; recorders of all threads are
/// merged when the phase ends, so recording never contends.
struct PhaseRecorder {
    struct KindRecord {
        var count = 0
        var errors = 0
        var points = 0
        var latency = PhaseRecorder.histogram()
        var service = PhaseRecorder.histogram()
    }

    struct Second {
        var completed = 0
        var errors = 0
        var latency = PhaseRecorder.histogram()
    }

    var kinds: [WorkloadOperation.Kind: KindRecord] = [:]
    var seconds: [Int: Second] = [:]
    /// Summed over every segment search; `statistics.queries` counts segment
    /// searches, not search operations.
    var searchStatistics = SearchStatistics()
    /// Search operations whose statistics are in `searchStatistics`: the
    /// per-query denominator.
    var queriesWithStatistics = 0
    var recalls: [Double] = []
    var errorMessages: [String] = []
    var errorCount = 0
    /// Operations that had to open their tenant's collection, and their
    /// latency from intended start.
    var coldOpens = 0
    var coldOpenLatency = PhaseRecorder.histogram()
    /// Operations whose backend could not say whether they opened a tenant.
    var openUnknown = 0
    /// Tenancy levels sampled at the end of each second (set by the
    /// executor on the merged recorder, not merged).
    var samples: [Int: TenancySample] = [:]
    /// The phase's real length, seconds (set by the executor): the last
    /// timeline bucket is this long past its start.
    var phaseSeconds: Double?

    static func histogram() -> Histogram<UInt64> {
        var histogram = Histogram<UInt64>(highestTrackableValue: 600_000_000_000, numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
        return histogram
    }

    /// Records one finished operation. Latency from the intended start,
    /// service time from the actual start; `second` is the completion second.
    mutating func record(_ kind: WorkloadOperation.Kind, points: Int, latency: UInt64, service: UInt64, second: Int, error: String?) {
        kinds[kind, default: KindRecord()].count += 1
        kinds[kind]!.points += points
        _ = kinds[kind]!.latency.record(max(latency, 1))
        _ = kinds[kind]!.service.record(max(service, 1))
        seconds[second, default: Second()].completed += 1
        _ = seconds[second]!.latency.record(max(latency, 1))
        if let error {
            kinds[kind]!.errors += 1
            seconds[second]!.errors += 1
            errorCount += 1
            if errorMessages.count < 5 { errorMessages.append(error) }
        }
    }

    /// Notes whether a finished operation opened its tenant (nil: unknown).
    mutating func recordOpen(_ opened: Bool?, latency: UInt64) {
        switch opened {
        case true?:
            coldOpens += 1
            _ = coldOpenLatency.record(max(latency, 1))
        case false?: break
        case nil: openUnknown += 1
        }
    }

    mutating func merge(_ other: PhaseRecorder) {
        for (kind, record) in other.kinds {
            kinds[kind, default: KindRecord()].count += record.count
            kinds[kind]!.errors += record.errors
            kinds[kind]!.points += record.points
            kinds[kind]!.latency.add(record.latency)
            kinds[kind]!.service.add(record.service)
        }
        for (second, bucket) in other.seconds {
            seconds[second, default: Second()].completed += bucket.completed
            seconds[second]!.errors += bucket.errors
            seconds[second]!.latency.add(bucket.latency)
        }
        searchStatistics += other.searchStatistics
        queriesWithStatistics += other.queriesWithStatistics
        recalls += other.recalls
        errorCount += other.errorCount
        coldOpens += other.coldOpens
        coldOpenLatency.add(other.coldOpenLatency)
        openUnknown += other.openUnknown
        for message in other.errorMessages where errorMessages.count < 5 { errorMessages.append(message) }
    }

    var completed: Int { kinds.values.reduce(0) { $0 + $1.count } }

    func operationResults() -> [OperationResult] {
        [WorkloadOperation.Kind.search, .upsert, .delete].compactMap { kind in
            guard let record = kinds[kind] else { return nil }
            return OperationResult(kind: kind.result, count: record.count, errors: record.errors, points: record.points,
                                   latency: Self.summary(record.latency), service: Self.summary(record.service))
        }
    }

    /// One bucket per second of the phase: completions, latency, the
    /// tenancy sampled at its end, and its real length (the last bucket is
    /// partial, so a rate read as `completed / seconds` does not drop).
    func timeline() -> [TimelinePoint] {
        var lastSecond = seconds.keys.max() ?? -1
        if let phaseSeconds, phaseSeconds > 0 { lastSecond = max(lastSecond, Int(phaseSeconds.rounded(.up)) - 1) }
        guard lastSecond >= 0 else { return [] }
        return (0...lastSecond).map { second in
            let bucket = seconds[second] ?? Second()
            let sample = samples[second]
            return TimelinePoint(second: second, completed: bucket.completed, errors: bucket.errors,
                                 p50: bucket.completed > 0 ? Double(bucket.latency.valueAtPercentile(50)) / 1000 : 0,
                                 p99: bucket.completed > 0 ? Double(bucket.latency.valueAtPercentile(99)) / 1000 : 0,
                                 tenantsOpen: sample?.tenantsOpen, openFiles: sample?.openFiles,
                                 seconds: phaseSeconds.map { min(1, max($0 - Double(second), 0)) })
        }
    }

    /// Cold opens over the phase, with collections open at its end and the
    /// most seen open at a sample; nil when the backend could tell nothing.
    func tenancySummary() -> TenancySummary? {
        let end = samples.keys.max().flatMap { samples[$0]?.tenantsOpen }
        let peak = samples.values.compactMap(\.tenantsOpen).max()
        let known = completed - openUnknown
        guard known > 0 || end != nil else { return nil }
        return TenancySummary(
            coldOpens: coldOpens, coldOpenRate: Double(coldOpens) / max(phaseSeconds ?? 0, 1e-9),
            coldOpenLatency: coldOpens > 0 ? Self.summary(coldOpenLatency) : nil, tenantsOpen: end, peakTenantsOpen: peak)
    }

    func recallSummary(k: Int) -> RecallSummary? {
        guard !recalls.isEmpty else { return nil }
        return RecallSummary(k: k, samples: recalls.count, mean: recalls.reduce(0, +) / Double(recalls.count),
                             minimum: recalls.min()!, belowHalf: Double(recalls.filter { $0 < 0.5 }.count) / Double(recalls.count))
    }

    static let curvePercentiles: [Double] = [0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100]

    /// Microseconds; each of p50…p99.9 with its 95 % distribution-free
    /// confidence interval (`PercentileInterval`), read from the histogram at
    /// the bounding ranks.
    static func summary(_ histogram: Histogram<UInt64>) -> LatencySummary {
        guard histogram.totalCount > 0 else { return .empty }
        func micros(_ percentile: Double) -> Double { Double(histogram.valueAtPercentile(percentile)) / 1000 }
        let count = Int(histogram.totalCount)
        func interval(_ percentile: Double) -> [Double]? {
            let ranks = PercentileInterval.ranks(count: count, quantile: percentile / 100)
            guard let lower = ranks.lower else { return nil }
            return [micros(rankPercentile(lower, of: count))] + (ranks.upper.map { [micros(rankPercentile($0, of: count))] } ?? [])
        }
        return LatencySummary(
            count: count, mean: histogram.mean / 1000, p50: micros(50), p90: micros(90), p99: micros(99),
            p999: micros(99.9), max: Double(histogram.max) / 1000,
            curve: curvePercentiles.map { [$0, $0 == 0 ? Double(histogram.min) / 1000 : micros($0)] },
            p50Interval: interval(50), p90Interval: interval(90), p99Interval: interval(99), p999Interval: interval(99.9))
    }

    /// The percentile at which HdrHistogram's `valueAtPercentile` returns
    /// the `rank`-th smallest sample: it rounds percentile·count to the
    /// nearest whole count, so a quarter below the rank lands on it whatever
    /// the floating-point error.
    static func rankPercentile(_ rank: Int, of count: Int) -> Double {
        100 * (Double(rank) - 0.25) / Double(count)
    }
}

extension WorkloadOperation.Kind {
    /// The result document's spelling of this kind.
    var result: OperationKind {
        switch self {
        case .search: .search
        case .upsert: .upsert
        case .delete: .delete
        }
    }
}
