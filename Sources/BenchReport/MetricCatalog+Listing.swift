import BenchModel

/// What `vecbench metrics` prints and `compare --metrics` validates
/// against: every metric id with its unit, better direction, class and
/// meaning.
extension MetricCatalog {
    public struct Listing: Sendable, Equatable, Encodable {
        public var id: String
        public var title: String
        public var unit: String
        /// `lower is better`, `higher is better` or `neutral`.
        public var direction: String
        /// `deterministic` or `statistical` (`MetricClass`).
        public var metricClass: String
        public var meaning: String

        enum CodingKeys: String, CodingKey {
            case id, title, unit, direction, metricClass = "class", meaning
        }
    }

    /// Every known metric, in catalog order. Figures of a named model
    /// (`modelled.<model>.<figure>`) are listed once, under the
    /// single-model id.
    public static var listing: [Listing] {
        knownIDs.compactMap { id in
            guard let metric = definition(id) else { return nil }
            return Listing(id: id, title: metric.title, unit: unitName(metric.unit), direction: metric.direction.rawValue,
                           metricClass: MetricClass.of(id).rawValue, meaning: meaning(id))
        }
    }

    /// The patterns of `--metrics` that name no known metric: an id that is
    /// not one, or a glob that matches none.
    public static func unknownPatterns(_ patterns: [String]) -> [String] {
        patterns.filter { pattern in
            if pattern.contains("*") { return !knownIDs.contains { Glob.matches(pattern, $0) } }
            return !isKnown(pattern)
        }
    }

    /// The definition of a known id.
    static func definition(_ id: String) -> MetricDefinition? {
        let fixed: [MetricDefinition] = [
            throughput, offeredRate, upsertPointRate, recall, recallMinimum, distanceEvaluations, pages4K, pages2M,
            distanceEvaluationsPerSegment, pages4KPerSegment, segmentsPerQuery, dTLBMisses, llcMisses, pageFaults,
            contextSwitches, cpuTime, rss, hugePageCoverage, fsyncRate, fsyncsPerWrite, walBytesPerWrite, fsyncP99, groupCommit, seals,
            sealWaitP99, sealDurationP99, measuredPerModelledWalks,
        ]
        if let metric = fixed.first(where: { $0.id == id }) { return metric }
        for kind in operationKinds {
            let perKind = [operationRate(kind), operationErrors(kind)] + percentiles.map { latency(kind, $0) }
            if let metric = perKind.first(where: { $0.id == id }) { return metric }
        }
        return ModelledFigure.allCases.map { modelled($0, model: "", single: true) }.first { $0.id == id }
    }

    static func unitName(_ unit: MetricDefinition.Unit) -> String {
        switch unit {
        case .microseconds: "µs"
        case .milliseconds: "ms"
        case .perSecond: "per second"
        case .fraction: "fraction (0–1)"
        case .perOperation: "per operation"
        case .perSearch: "per query"
        case .perSegmentSearch: "per segment search"
        case .bytes: "bytes"
        case .count: "count"
        case .mean: "mean"
        case .microsecondsPerOperation: "µs per operation"
        }
    }

    /// One sentence on what the figure measures.
    static func meaning(_ id: String) -> String {
        if let fixed = meanings[id] { return fixed }
        let parts = id.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2, let kind = OperationKind(rawValue: parts[0]) {
            switch parts[1] {
            case "rate": return "\(kind) operations completed per second of the phase"
            case "errors": return "\(kind) operations that failed in the phase"
            case "max": return "the slowest \(kind), from its intended start"
            default:
                let title = LatencyPercentile(rawValue: parts[1])?.title ?? parts[1]
                return "\(title) of \(kind) latency from the intended start (open loop: queueing included), over the phase's operations"
            }
        }
        if id.hasPrefix("modelled."), let figure = ModelledFigure.allCases.first(where: { id.hasSuffix(".\($0.rawValue)") }) {
            return modelledMeaning(figure) + "; with several models, `modelled.<model>.\(figure.rawValue)`"
        }
        return ""
    }

    static func modelledMeaning(_ figure: ModelledFigure) -> String {
        switch figure {
        case .l1dTLBMisses: "L1 dTLB misses per search, replayed through the modelled TLB (not measured)"
        case .pageWalks: "page walks (misses in every TLB level) per search, modelled"
        case .l1dMisses: "L1 data-cache misses per search, modelled"
        case .llcMisses: "last-level-cache misses per search, modelled"
        case .l1dTLBMissRate: "share of modelled L1 dTLB lookups that missed"
        case .stlbHitRate: "share of modelled second-level TLB lookups that hit"
        case .l1dHitRate: "share of modelled L1D lookups that hit"
        case .llcHitRate: "share of modelled LLC lookups that hit"
        case .overhead: "wall time the modelling took after the phase (untimed; not part of any latency)"
        }
    }

    static let meanings: [String: String] = [
        "throughput": "operations of every kind completed per second of the phase",
        "offered-rate": "operations per second the open-loop arrival process asked for (context, not a score)",
        "upsert.points-rate": "points upserted per second (upsert calls × batch size): what batching buys",
        "recall": "mean recall@k of the sampled searches against exact, tie-aware ground truth per tenant",
        "recall.min": "recall@k of the worst sampled query",
        "distance-evaluations": "distance computations per query, over every segment it searched (the index's own count)",
        "pages-4k": "distinct 4 KiB pages a query touched: a TLB working-set proxy usable without a PMU",
        "pages-2m": "distinct 2 MiB pages a query touched: the working set under huge pages",
        "distance-evaluations.per-segment": "distance computations per segment search: how hard one graph works",
        "pages-4k.per-segment": "distinct 4 KiB pages per segment search",
        "segments-per-query": "segments (sealed graphs and the appendable one) a query searched",
        "dtlb-misses": "measured dTLB load misses (perf) per operation of the phase; unavailable without a PMU",
        "llc-misses": "measured last-level-cache load misses (perf) per operation",
        "page-faults": "page faults per operation (perf software counter, else the OS fault counts)",
        "context-switches": "context switches per operation (perf software counter, else the OS counts)",
        "cpu-time": "CPU time (user + system) per operation, every thread of this process and its workers: perf task-clock, "
            + "else the OS CPU time; leaves out time spent waiting for a CPU, so machine load moves it far less than latency",
        "rss": "resident memory at the end of the phase, this process and its workers",
        "huge-page-coverage": "anonymous huge-page bytes as a share of RSS",
        "fsyncs-per-second": "WAL fdatasync calls per second of the phase",
        "fsyncs-per-operation": "WAL fdatasync calls per write operation (upsert or delete); group commit batches writes "
            + "by arrival, so it moves with timing",
        "wal-bytes-per-operation": "bytes appended to the WAL per write operation",
        "fsync.p99": "p99 duration of one WAL fdatasync",
        "group-commit": "writes made durable by one group-commit fsync, on average",
        "seals": "appendable segments sealed into HNSW segments during the phase (context)",
        "seal-wait.p99": "p99 time a full segment waited in the seal queue",
        "seal.p99": "p99 duration of sealing one segment",
        "dtlb-misses.measured-per-modelled-walk": "measured dTLB load misses per search ÷ modelled page walks per search",
    ]
}
