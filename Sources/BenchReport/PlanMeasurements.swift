import BenchModel

/// What the capacity plan takes from one configuration of a result
/// document: its settings, the bytes it measured per vector, its best
/// search speed per core at each recall, pages touched, and write costs.
/// Built from a run document (one per completed configuration) or an ANN
/// result (one, without WAL figures).
public struct PlanMeasurements: Sendable, Equatable {
    /// A measured phase (or ef) that could serve searches.
    public struct SearchPoint: Sendable, Equatable {
        public var phase: String
        public var recall: Double
        /// Searches one core serves per second.
        public var qpsPerCore: Double
        /// How `qpsPerCore` was obtained, for the report.
        public var basis: String
        public var pagesTouched4K: Double?
        public var pagesTouched2M: Double?
        public var dTLBMissesPerOperation: MetricValue
    }

    public var configuration: String
    public var placement: String
    public var tenancy: String
    public var walScope: String
    public var fsyncPolicy: String
    public var m: Int
    /// Points per upsert call (WAL record size).
    public var upsertBatch: Int
    public var indexingThreshold: Int
    public var sealConcurrency: Int?
    /// The run's data: dimension and points loaded.
    public var measuredDimension: Int
    public var measuredPoints: Int
    public var measuredTenants: Int
    /// Sealed-segment bytes (vectors, links, ids) per point after the load.
    public var segmentBytesPerVector: Double?
    public var walBytesPerVector: Double?
    /// Largest RSS of a measured phase per point: an upper bound (it holds
    /// the process's own baseline too).
    public var rssBytesPerVector: Double?
    public var hugePageCoverage: Double?
    public var searchPoints: [SearchPoint]
    /// Over measured phases: searches, write operations, upserted points,
    /// fsyncs, seals.
    public var searches: Int
    public var writes: Int
    public var upsertedPoints: Int
    public var fsyncs: Int
    public var seals: Int
    public var fsyncP99Milliseconds: Double?
    public var sealDurationP99Milliseconds: Double?
    /// WAL segment size: each WAL preallocates whole segments (documents
    /// from before the setting existed ran with 16 MiB).
    public var walSegmentBytes: Int = 16 << 20

    public static func from(_ document: ResultDocument) -> [PlanMeasurements] {
        switch document {
        case .run(let run): from(run)
        case .ann(let ann): [from(ann)]
        }
    }

    static func from(_ run: RunResult) -> [PlanMeasurements] {
        RunReport.groups(run).compactMap { _, runs in
            guard let configuration = RunReport.representative(runs) else { return nil }
            return from(configuration, run: run)
        }
    }

    static func from(_ configuration: ConfigurationResult, run: RunResult) -> PlanMeasurements {
        let settings = configuration.settings
        let measured = configuration.phases.filter { !$0.warmup }
        var plan = PlanMeasurements(
            configuration: configuration.name, placement: settings.placement.description,
            tenancy: settings.tenancy.rawValue, walScope: settings.walScope.rawValue,
            fsyncPolicy: settings.fsync.description, m: settings.m,
            upsertBatch: max(1, settings.upsertBatch ?? 1),
            indexingThreshold: settings.indexingThreshold,
            sealConcurrency: settings.sealConcurrency, measuredDimension: run.workload.dimension,
            measuredPoints: configuration.load?.points ?? run.workload.initialPoints, measuredTenants: run.workload.tenants,
            segmentBytesPerVector: nil, walBytesPerVector: nil, rssBytesPerVector: nil, hugePageCoverage: nil, searchPoints: [],
            searches: 0, writes: 0, upsertedPoints: 0, fsyncs: 0, seals: 0, fsyncP99Milliseconds: nil,
            sealDurationP99Milliseconds: nil)
        if let load = configuration.load, load.points > 0, let engine = load.engine {
            if engine.mappedBytes > 0 { plan.segmentBytesPerVector = Double(engine.mappedBytes) / Double(load.points) }
            if engine.walBytes > 0 { plan.walBytesPerVector = Double(engine.walBytes) / Double(load.points) }
        }
        if let rss = measured.compactMap({ $0.os.rssBytes.value }).max(), plan.measuredPoints > 0 {
            plan.rssBytesPerVector = rss / Double(plan.measuredPoints)
        }
        plan.hugePageCoverage = measured.compactMap { MetricCatalog.hugePageShare($0).number }.max()
        for phase in measured {
            let search = phase.operation(.search)
            let searchCount = search?.count ?? 0
            plan.searches += searchCount
            for kind in [OperationKind.upsert, .delete] { plan.writes += phase.operation(kind)?.count ?? 0 }
            plan.upsertedPoints += phase.operation(.upsert)?.points ?? 0
            if let engine = phase.engine {
                // A phase without writes still fsyncs on an interval policy;
                // those fsyncs do not scale with writes, so only phases that
                // wrote count towards fsyncs per write.
                if (phase.operation(.upsert)?.count ?? 0) + (phase.operation(.delete)?.count ?? 0) > 0 {
                    plan.fsyncs += engine.fsyncs
                    plan.seals += engine.seals
                }
                if engine.fsyncs > 0 { plan.fsyncP99Milliseconds = max(plan.fsyncP99Milliseconds ?? 0, engine.fsyncP99Milliseconds) }
                if engine.seals > 0 {
                    plan.sealDurationP99Milliseconds = max(plan.sealDurationP99Milliseconds ?? 0, engine.sealDurationP99Milliseconds)
                }
            }
            guard let search, searchCount > 0, let recall = phase.recall, recall.samples > 0 else { continue }
            // A closed loop kept every core busy: its search rate over the
            // machine's cores is a measured per-core rate, contention included.
            // An open loop ran below capacity: one core serves 1 s ÷ mean
            // service time of searches.
            let point: (Double, String)
            if phase.arrival == .closed, phase.seconds > 0, run.context.cores > 0 {
                point = (Double(searchCount) / phase.seconds / Double(run.context.cores), "closed loop: searches/s ÷ \(run.context.cores) cores")
            } else if search.service.mean > 0 {
                point = (1_000_000 / search.service.mean, "open loop: 1 s ÷ mean search service time")
            } else {
                continue
            }
            plan.searchPoints.append(SearchPoint(
                phase: phase.name, recall: recall.mean, qpsPerCore: point.0, basis: point.1,
                pagesTouched4K: phase.search?.perQuery?.pagesTouched4K, pagesTouched2M: phase.search?.perQuery?.pagesTouched2M,
                dTLBMissesPerOperation: MetricCatalog.counterPerOperation(phase, MetricCatalog.dTLBCounter)))
        }
        plan.walSegmentBytes = max(1, settings.walSegmentMiB) << 20
        // When the phases set the batch, the batch the run actually used is
        // points per upsert call.
        if settings.upsertBatch == nil {
            let calls = measured.reduce(0) { $0 + ($1.operation(.upsert)?.count ?? 0) }
            if calls > 0 { plan.upsertBatch = max(1, Int((Double(plan.upsertedPoints) / Double(calls)).rounded())) }
        }
        return plan
    }

    static func from(_ ann: AnnResult) -> PlanMeasurements {
        let build = ann.build
        return PlanMeasurements(
            configuration: MeasurementSet.annConfigurationName(ann), placement: "embedded", tenancy: "collection-per-tenant",
            walScope: "none", fsyncPolicy: "none", m: build.m, upsertBatch: 1, indexingThreshold: 0, sealConcurrency: nil,
            measuredDimension: ann.dataset.dimension, measuredPoints: ann.dataset.count, measuredTenants: 1,
            segmentBytesPerVector: ann.dataset.count > 0 ? Double(build.indexBytes) / Double(ann.dataset.count) : nil,
            walBytesPerVector: nil,
            rssBytesPerVector: ann.dataset.count > 0 ? ann.peakRSSBytes.map { Double($0) / Double(ann.dataset.count) } : nil,
            hugePageCoverage: build.mappedResidentBytes.flatMap { resident in
                build.mappedHugePageBytes.map { resident > 0 ? Double($0) / Double(resident) : 0 }
            },
            searchPoints: ann.runs.map {
                SearchPoint(phase: "ef=\($0.ef)", recall: $0.recall, qpsPerCore: $0.qps, basis: "one thread, median QPS",
                            pagesTouched4K: $0.meanPagesTouched4K, pagesTouched2M: $0.meanPagesTouched2M,
                            dTLBMissesPerOperation: .unavailable("not counted by vecbench ann"))
            },
            searches: 0, writes: 0, upsertedPoints: 0, fsyncs: 0, seals: 0, fsyncP99Milliseconds: nil,
            sealDurationP99Milliseconds: nil)
    }
}
