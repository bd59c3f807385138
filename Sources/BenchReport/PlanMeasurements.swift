import BenchModel

/// What the capacity plan takes from one configuration of a result
/// document: its settings, the bytes it measured per vector, its best
/// search speed per core at each recall, pages touched, and write costs.
/// Built from a run document (one per completed configuration) or an ANN
/// result (one, without WAL figures).
///
/// Counts are kept as `Double`: a document is input, and a sum of hostile
/// counts (`Int64.max` twice) must give a huge figure, not a trap.
public struct PlanMeasurements: Sendable, Equatable {
    /// A measured phase (or ef) that could serve searches.
    public struct SearchPoint: Sendable, Equatable {
        public var phase: String
        public var recall: Double
        /// Searches one core served per second, at the run's dimension.
        public var qpsPerCore: Double
        /// How `qpsPerCore` was obtained, for the report.
        public var basis: String
        /// Distinct pages one query touched, at the run's dimension.
        public var pagesTouched4K: Double?
        public var pagesTouched2M: Double?
        public var dTLBMissesPerOperation: MetricValue
    }

    public var configuration: String
    public var placement: EngineSettings.Placement
    public var tenancy: EngineSettings.Tenancy
    /// nil when the document measured no WAL (an ANN result).
    public var walScope: EngineSettings.WALScope?
    public var fsync: EngineSettings.Fsync?
    public var m: Int
    /// Points per upsert call (WAL record size).
    public var upsertBatch: Int
    public var indexingThreshold: Int
    public var sealConcurrency: Int?
    /// The run's data: dimension, points loaded, tenants.
    public var measuredDimension: Int
    public var measuredPoints: Double
    public var measuredTenants: Int
    /// Sealed-segment bytes (vectors, links, ids) per point after the load.
    public var segmentBytesPerVector: Double?
    public var walBytesPerVector: Double?
    /// Largest RSS of a measured phase per point loaded, at the run's
    /// dimension (it holds the process's own baseline too).
    public var rssBytesPerVector: Double?
    public var hugePageCoverage: Double?
    public var searchPoints: [SearchPoint]
    /// Over measured phases: searches, write operations (upserts and
    /// deletes), upserted points; fsyncs and seals of the phases that wrote.
    public var searches: Double
    public var writes: Double
    public var upsertedPoints: Double
    public var fsyncs: Double
    public var seals: Double
    public var sealDurationP99Milliseconds: Double?
    /// WAL segment size: each WAL preallocates whole segments.
    public var walSegmentBytes: Double
    /// Bytes per vector in RAM and on disk as the engine counted them.
    public var placementBytes: PlacementBytes? = nil

    /// Searches per write at the run's mix, when it both searched and wrote.
    public var writesPerSearch: Double? {
        searches > 0 && writes > 0 ? writes / searches : nil
    }

    public static func from(_ document: ResultDocument) -> [PlanMeasurements] {
        switch document {
        case .run(let run): from(run)
        case .ann(let ann): [from(ann)]
        }
    }

    /// One per configuration. From a sweep, the records at the largest
    /// swept value (the last in run order when a value is a word): for a
    /// tenant sweep, the most tenants measured, the least extrapolation.
    /// The whole curve is `TenantCurve`'s.
    static func from(_ run: RunResult) -> [PlanMeasurements] {
        var run = run
        if let sweep = run.sweep, let last = sweep.values.last {
            let largest = sweep.values.allSatisfy { $0.numeric != nil } ? sweep.values.max { $0.numeric! < $1.numeric! }! : last
            run.configurations = run.configurations.filter { $0.sweepValue == largest }
        }
        return RunReport.groups(run).compactMap { _, runs in
            guard let configuration = RunReport.representative(runs) else { return nil }
            return from(configuration, run: run)
        }
    }

    static func from(_ configuration: ConfigurationResult, run: RunResult) -> PlanMeasurements {
        let settings = configuration.settings
        let measured = configuration.phases.filter { !$0.warmup }
        var plan = PlanMeasurements(
            configuration: configuration.label, placement: settings.placement, tenancy: settings.tenancy,
            walScope: settings.walScope, fsync: settings.fsync, m: settings.m,
            upsertBatch: max(1, settings.upsertBatch ?? 1), indexingThreshold: settings.indexingThreshold,
            sealConcurrency: settings.sealConcurrency, measuredDimension: run.workload.dimension,
            measuredPoints: Double(configuration.load?.points ?? run.workload.initialPoints), measuredTenants: measuredTenants(configuration, run),
            segmentBytesPerVector: nil, walBytesPerVector: nil, rssBytesPerVector: nil, hugePageCoverage: nil, searchPoints: [],
            searches: 0, writes: 0, upsertedPoints: 0, fsyncs: 0, seals: 0, sealDurationP99Milliseconds: nil,
            walSegmentBytes: Double(max(1, settings.walSegmentMiB)) * 1_048_576)
        plan.placementBytes = PlacementBytes.measured(configuration, dimension: run.workload.dimension)
        if let load = configuration.load, load.points > 0, let engine = load.engine {
            if engine.mappedBytes > 0 { plan.segmentBytesPerVector = Double(engine.mappedBytes) / Double(load.points) }
            if engine.walBytes > 0 { plan.walBytesPerVector = Double(engine.walBytes) / Double(load.points) }
        }
        if let rss = measured.compactMap({ $0.os.rssBytes.value }).max(), plan.measuredPoints > 0 {
            plan.rssBytesPerVector = rss / plan.measuredPoints
        }
        plan.hugePageCoverage = measured.compactMap { MetricCatalog.hugePageShare($0).number }.max()
        var upsertCalls = 0.0
        for phase in measured {
            let search = phase.operation(.search)
            let searchCount = Double(search?.count ?? 0)
            let phaseWrites = [OperationKind.upsert, .delete].reduce(0.0) { $0 + Double(phase.operation($1)?.count ?? 0) }
            plan.searches += searchCount
            plan.writes += phaseWrites
            plan.upsertedPoints += Double(phase.operation(.upsert)?.points ?? 0)
            upsertCalls += Double(phase.operation(.upsert)?.count ?? 0)
            if let engine = phase.engine {
                // A phase without writes still fsyncs on an interval policy;
                // those fsyncs do not scale with writes, so only phases that
                // wrote count towards fsyncs per write.
                if phaseWrites > 0 {
                    plan.fsyncs += Double(engine.fsyncs)
                    plan.seals += Double(engine.seals)
                }
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
                point = (searchCount / phase.seconds / Double(run.context.cores), "closed loop: searches/s ÷ \(run.context.cores) cores")
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
        // When the phases set the batch, the batch the run actually used is
        // points per upsert call.
        if settings.upsertBatch == nil, upsertCalls > 0 {
            plan.upsertBatch = Saturating.count(plan.upsertedPoints / upsertCalls, minimum: 1)
        }
        return plan
    }

    /// The tenants a record ran with: its swept value in a tenant sweep.
    static func measuredTenants(_ configuration: ConfigurationResult, _ run: RunResult) -> Int {
        guard run.sweep?.path == TenantCurve.tenantPath, let value = configuration.sweepValue?.numeric else {
            return run.workload.tenants
        }
        return Saturating.count(value, minimum: 1)
    }

    static func from(_ ann: AnnResult) -> PlanMeasurements {
        let build = ann.build
        let count = Double(ann.dataset.count)
        return PlanMeasurements(
            configuration: MeasurementSet.annConfigurationName(ann), placement: .embedded, tenancy: .collectionPerTenant,
            walScope: nil, fsync: nil, m: build.m, upsertBatch: 1, indexingThreshold: 0, sealConcurrency: nil,
            measuredDimension: ann.dataset.dimension, measuredPoints: count, measuredTenants: 1,
            segmentBytesPerVector: count > 0 ? Double(build.indexBytes) / count : nil,
            walBytesPerVector: nil,
            rssBytesPerVector: count > 0 ? ann.peakRSSBytes.map { Double($0) / count } : nil,
            hugePageCoverage: build.mappedResidentBytes.flatMap { resident in
                build.mappedHugePageBytes.map { resident > 0 ? Double($0) / Double(resident) : 0 }
            },
            searchPoints: ann.runs.map {
                SearchPoint(phase: "ef=\($0.ef)", recall: $0.recall, qpsPerCore: $0.qps, basis: "one thread, median QPS",
                            pagesTouched4K: $0.meanPagesTouched4K, pagesTouched2M: $0.meanPagesTouched2M,
                            dTLBMissesPerOperation: .unavailable("not counted by vecbench ann"))
            },
            searches: 0, writes: 0, upsertedPoints: 0, fsyncs: 0, seals: 0, sealDurationP99Milliseconds: nil,
            walSegmentBytes: 0)
    }
}
