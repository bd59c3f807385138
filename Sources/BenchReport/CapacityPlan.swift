import BenchModel
import Foundation

/// A capacity plan from measured figures: for each configuration of a
/// result document, the bytes a vector costs (computed from the formats and
/// corrected by what the run measured), RAM and disk per tenant, nodes
/// needed by RAM and by CPU at the target recall, TLB reach, and the fsync
/// and seal budget. Pure arithmetic over `PlanMeasurements`; every formula
/// is stated where it is computed and in the report (`formulas`).
///
/// Measured costs are scaled to the planned dimension by a stated model
/// (search time: `distanceShare` of it ∝ dimension; pages: the pages a
/// vector spans), and every step beyond what the run measured — dimension,
/// tenants, points — is said in `warnings`.
public struct CapacityPlan: Sendable {
    /// Bytes per vector by part.
    public struct BytesPerVector: Sendable, Equatable {
        /// float32 × dimension.
        public var vectors: Double
        /// Level 0: (m0 + 1) × 4 with m0 = 2m; upper levels: on average
        /// 1/(m − 1) levels per node (level multiplier 1/ln m) of (m + 1) × 4;
        /// plus the level byte.
        public var links: Double
        /// External id (8, in the graph) + segment id, version (8 + 8) and
        /// tenant tag (4).
        public var overhead: Double
        /// One WAL record of a batch, shared by its points: header 16 +
        /// payload header 16 + per point (id 8, tenant tag 4 if shared
        /// collection, vector 4·d) + CRC 4, rounded up to 8, ÷ batch.
        public var wal: Double

        public var index: Double { vectors + links + overhead }

        public static func computed(dimension: Int, m: Int, upsertBatch: Int, tenantTags: Bool) -> BytesPerVector {
            let m = Double(max(m, 2)), batch = Double(max(upsertBatch, 1)), d = Double(dimension)
            let level0 = (2 * m + 1) * 4
            let upper = (m + 1) * 4 / (m - 1)
            let point = 8 + (tenantTags ? 4 : 0) + 4 * d
            let record = ((16 + 16 + batch * point + 4) / 8).rounded(.up) * 8
            return BytesPerVector(vectors: 4 * d, links: level0 + upper + 1, overhead: 28, wal: record / batch)
        }
    }

    /// How measured search costs carry over to the planned dimension.
    public struct DimensionScaling: Sendable, Equatable {
        public var measured: Int
        public var planned: Int
        /// Search time at the planned dimension ÷ at the measured one:
        /// share × planned/measured + (1 − share).
        public var searchTime: Double
        /// Distinct pages per query at the planned dimension ÷ measured:
        /// the pages a vector at a random offset spans, 1 + (4·d − 1)/page.
        public var pages4K: Double
        public var pages2M: Double

        init(measured: Int, planned: Int, distanceShare: Double) {
            self.measured = measured
            self.planned = planned
            let ratio = Double(planned) / Double(max(measured, 1))
            searchTime = distanceShare * ratio + (1 - distanceShare)
            pages4K = Self.span(planned, 4096) / Self.span(max(measured, 1), 4096)
            pages2M = Self.span(planned, 2_097_152) / Self.span(max(measured, 1), 2_097_152)
        }

        /// Mean pages a vector of `dimension` float32 spans at a random offset.
        static func span(_ dimension: Int, _ page: Double) -> Double { 1 + (4 * Double(dimension) - 1) / page }
    }

    public struct TLBReach: Sendable {
        public var entries: Int
        public var reach4K: Double
        public var reach2M: Double
        /// Distinct pages one query touches, scaled to the planned dimension.
        public var pagesPerQuery4K: Double?
        public var pagesPerQuery2M: Double?
        /// Index bytes a node holds: what its searches range over.
        public var workingSetPerNode: Double
        public var hugePageCoverage: Double?
        /// As measured, at the run's dimension (not scaled).
        public var dTLBMissesPerOperation: MetricValue
    }

    /// The WALs of one node: how many there are, and the disk they hold.
    public struct WALLayout: Sendable, Equatable {
        /// Processes per node (worker placement keeps the run's worker count).
        public var processes: Int
        public var collections: Int
        /// One per collection with `wal_scope: per-collection`, one per
        /// process with a shared WAL.
        public var wals: Int
        /// Unsealed records the node's WALs hold: per collection at most the
        /// indexing threshold's points.
        public var tailBytes: Double
        /// Whole preallocated segments: each WAL holds at least one.
        public var diskBytes: Double
    }

    public struct FsyncBudget: Sendable {
        public var writesPerSecondPerNode: Double
        /// True when the write rate came from `--writes-per-second`, false
        /// when it was derived from the run's mix.
        public var writeRateGiven: Bool
        public var fsyncsPerWrite: Double
        public var fsyncsPerSecondPerNode: Double
        /// nil: unknown (no bench-wal document or flag).
        public var device: DeviceFsyncRate?
        public var sealsPerSecondPerNode: Double?
        public var sealSeconds: Double?
        public var sealSlots: Int?
        public var fsyncUtilization: Double? { device.map { fsyncsPerSecondPerNode / $0.perSecond } }
        /// Seals/s × seal duration ÷ seals at once: above 1 the seal queue grows without bound.
        public var sealUtilization: Double? {
            guard let seals = sealsPerSecondPerNode, let seconds = sealSeconds, let slots = sealSlots, slots > 0 else { return nil }
            return seals * seconds / Double(slots)
        }
    }

    public struct ConfigurationPlan: Sendable {
        public var measurements: PlanMeasurements
        /// The formula at the run's dimension, and at the planned one.
        public var computedAtRun: BytesPerVector
        public var computed: BytesPerVector
        /// measured ÷ computed at the run's dimension: allocation, alignment
        /// and headers the formula leaves out. Applied to the planned dimension.
        public var indexCorrection: Double?
        public var walCorrection: Double?
        public var indexBytesPerVector: Double
        public var walBytesPerVector: Double
        /// The run's RSS per vector carried to the planned dimension (plus
        /// the index bytes the larger vectors add); nil when it bounds
        /// nothing — below the index bytes the run itself measured, because
        /// mapped segments were not all resident.
        public var rssBoundPerVector: Double?
        public var ramPerTenant: Double
        /// Index bytes plus the tenant's share of its node's WAL disk.
        public var diskPerTenant: Double
        public var diskPerNode: Double
        public var wal: WALLayout?
        public var scaling: DimensionScaling
        /// The phase chosen at the target recall (the fastest per core that
        /// reaches it), as measured.
        public var searchPoint: PlanMeasurements.SearchPoint?
        /// Its QPS per core carried to the planned dimension.
        public var qpsPerCore: Double?
        public var bestRecall: Double?
        public var nodesByRAM: Int
        public var nodesByCPU: Int?
        public var nodes: Int?
        public var tenantsPerNode: Int?
        public var tlb: TLBReach
        public var fsync: FsyncBudget?
        /// Where the plan goes beyond what the run measured.
        public var warnings: [String]
        public var notes: [String]

        /// Which resource decides the node count.
        public var bindingResource: String {
            guard let cpu = nodesByCPU else { return "unknown (target recall not reached)" }
            return cpu > nodesByRAM ? "CPU" : (cpu == nodesByRAM ? "RAM and CPU" : "RAM")
        }
    }

    public var request: CapacityPlanRequest
    public var source: String
    public var configurations: [ConfigurationPlan]
    /// From a document that swept the tenant count: each configuration's
    /// curve, fitted and held against the request's limits (`+Curve`).
    public var curves: [CurvePlan] = []

    public init(request: CapacityPlanRequest, measurements: [PlanMeasurements], source: String,
                curves: [TenantCurve] = []) throws(ReportError) {
        try request.validate()
        guard !measurements.isEmpty else {
            throw ReportError.nothingToReport(source: source, detail: "no completed configuration to plan from")
        }
        self.request = request
        self.source = source
        configurations = measurements.map { Self.plan($0, request) }
        self.curves = curves.map { CurvePlan($0, request) }
    }

    static func plan(_ measured: PlanMeasurements, _ request: CapacityPlanRequest) -> ConfigurationPlan {
        var notes: [String] = []
        let tags = measured.tenancy == .sharedCollection
        let atRun = BytesPerVector.computed(dimension: measured.measuredDimension, m: measured.m, upsertBatch: measured.upsertBatch, tenantTags: tags)
        let planned = BytesPerVector.computed(dimension: request.dimension, m: measured.m, upsertBatch: measured.upsertBatch, tenantTags: tags)
        let indexCorrection = measured.segmentBytesPerVector.map { $0 / atRun.index }
        let walCorrection = measured.walBytesPerVector.map { $0 / atRun.wal }
        let indexBytes = planned.index * (indexCorrection ?? 1)
        let walBytes = planned.wal * (walCorrection ?? 1)
        let vectors = Double(request.vectorsPerTenant), tenants = Double(request.tenants)
        let ramPerTenant = vectors * indexBytes

        // RSS at the run bounds the index's memory at the run's dimension
        // only if it holds the index; carried to the planned dimension by
        // the bytes the larger vectors add.
        var rssBound: Double?
        if let rss = measured.rssBytesPerVector {
            let measuredIndex = measured.segmentBytesPerVector ?? atRun.index
            if rss >= measuredIndex {
                rssBound = rss + (indexBytes - measuredIndex)
            } else {
                notes.append("RSS per vector at the run (\(NumberFormatting.significant(rss)) B) is below the index bytes the run "
                    + "measured (\(NumberFormatting.significant(measuredIndex)) B): its segments were not all resident, so RSS bounds nothing")
            }
        }

        let usableRAM = request.nodeRAMBytes * request.ramUsable
        let nodesByRAM = Saturating.ceiling(tenants * ramPerTenant / usableRAM, minimum: 1)
        if ramPerTenant > usableRAM {
            notes.append("one tenant (\(NumberFormatting.bytes(ramPerTenant))) exceeds a node's usable RAM: it must be sharded")
        }

        let scaling = DimensionScaling(measured: measured.measuredDimension, planned: request.dimension, distanceShare: request.distanceShare)
        let qualifying = measured.searchPoints.filter { $0.recall >= request.targetRecall && $0.qpsPerCore.isFinite && $0.qpsPerCore > 0 }
        let point = qualifying.max { $0.qpsPerCore < $1.qpsPerCore }
        let bestRecall = measured.searchPoints.map(\.recall).max()
        let qpsPerCore = point.map { $0.qpsPerCore / scaling.searchTime }
        var nodesByCPU: Int?
        if let qpsPerCore {
            nodesByCPU = Saturating.ceiling(request.peakQPS / (qpsPerCore * Double(request.nodeCores) * request.cpuUtilization), minimum: 1)
        } else if let bestRecall {
            notes.append("no measured phase reached recall \(NumberFormatting.fixed(request.targetRecall, 3)) "
                + "(best \(NumberFormatting.fixed(bestRecall, 4))): raise ef and measure again")
        } else {
            notes.append("the run measured no recall, so QPS per core at a recall is unknown")
        }
        let nodes = nodesByCPU.map { max($0, nodesByRAM) }
        let nodeCount = Double(nodes ?? nodesByRAM)
        let tenantsPerNode = Saturating.ceiling(tenants / nodeCount, minimum: 1)
        if let workers = measured.placement.workerCount {
            notes.append("placement \(measured.placement) (\(workers) worker processes per node, as the run had): each worker "
                + "process adds its own baseline RSS, not included per tenant")
        }

        let warnings = extrapolationWarnings(measured, request, scaling: scaling, tenantsPerNode: tenantsPerNode)

        let tlbPoint = point ?? measured.searchPoints.first
        let tlb = TLBReach(
            entries: request.dTLBEntries, reach4K: Double(request.dTLBEntries) * 4096, reach2M: Double(request.dTLBEntries) * 2_097_152,
            pagesPerQuery4K: tlbPoint?.pagesTouched4K.map { $0 * scaling.pages4K },
            pagesPerQuery2M: tlbPoint?.pagesTouched2M.map { $0 * scaling.pages2M },
            workingSetPerNode: Double(tenantsPerNode) * ramPerTenant, hugePageCoverage: measured.hugePageCoverage,
            dTLBMissesPerOperation: tlbPoint?.dTLBMissesPerOperation ?? .unavailable("no search phase"))

        let wal = measured.walScope.map { scope in
            walLayout(measured, scope: scope, walBytesPerVector: walBytes, tenantsPerNode: tenantsPerNode, vectors: vectors)
        }
        let indexPerNode = Double(tenantsPerNode) * ramPerTenant
        let diskPerNode = indexPerNode + (wal?.diskBytes ?? 0)
        let diskPerTenant = diskPerNode / Double(tenantsPerNode)
        if let wal, measured.walScope == .perCollection, measured.tenancy == .collectionPerTenant,
           measured.walSegmentBytes > wal.tailBytes / Double(max(wal.wals, 1)), measured.walSegmentBytes > ramPerTenant {
            let segment = NumberFormatting.bytes(measured.walSegmentBytes)
            notes.append("a WAL per collection preallocates \(segment) per tenant, more than its data: "
                + "\(NumberFormatting.bytes(wal.diskBytes * nodeCount)) of WAL disk across the fleet; a shared WAL or a smaller "
                + "wal_segment_mib avoids it")
        }

        let fsync = fsyncBudget(measured, request, nodeCount: nodeCount, notes: &notes)
        return ConfigurationPlan(
            measurements: measured, computedAtRun: atRun, computed: planned, indexCorrection: indexCorrection,
            walCorrection: walCorrection, indexBytesPerVector: indexBytes, walBytesPerVector: walBytes, rssBoundPerVector: rssBound,
            ramPerTenant: ramPerTenant, diskPerTenant: diskPerTenant, diskPerNode: diskPerNode, wal: wal, scaling: scaling,
            searchPoint: point, qpsPerCore: qpsPerCore, bestRecall: bestRecall, nodesByRAM: nodesByRAM, nodesByCPU: nodesByCPU,
            nodes: nodes, tenantsPerNode: tenantsPerNode, tlb: tlb, fsync: fsync, warnings: warnings, notes: notes)
    }

    /// A node's WALs. Collections: one per tenant, or one shared one per
    /// process. WALs: one per collection, or one per process when shared.
    static func walLayout(_ measured: PlanMeasurements, scope: EngineSettings.WALScope, walBytesPerVector: Double, tenantsPerNode: Int,
                          vectors: Double) -> WALLayout {
        let processes = measured.placement.workerCount ?? 1
        let collections = measured.tenancy == .collectionPerTenant ? tenantsPerNode : processes
        let wals = scope == .perCollection ? collections : processes
        let pointsPerCollection = Double(tenantsPerNode) * vectors / Double(collections)
        let tailPoints = measured.indexingThreshold > 0 ? min(pointsPerCollection, Double(measured.indexingThreshold)) : 0
        let tail = Double(collections) * tailPoints * walBytesPerVector
        let segment = max(measured.walSegmentBytes, 1)
        // Each WAL holds whole segments, at least one, however little it writes.
        let segmentsPerWAL = max(1, (tail / Double(wals) / segment).rounded(.up))
        return WALLayout(processes: processes, collections: collections, wals: wals, tailBytes: tail,
                         diskBytes: Double(wals) * segmentsPerWAL * segment)
    }

    static func extrapolationWarnings(_ measured: PlanMeasurements, _ request: CapacityPlanRequest, scaling: DimensionScaling,
                                      tenantsPerNode: Int) -> [String] {
        var warnings: [String] = []
        if request.dimension != measured.measuredDimension {
            warnings.append("dimension \(request.dimension) was not measured (the run had \(measured.measuredDimension)): QPS per core "
                + "is divided by \(NumberFormatting.significant(scaling.searchTime)) (search time model) and pages per query "
                + "multiplied by \(NumberFormatting.significant(scaling.pages4K)); measure at \(request.dimension) to replace the model")
        }
        if tenantsPerNode > measured.measuredTenants {
            warnings.append("\(NumberFormatting.grouped(tenantsPerNode)) tenants per node, the run measured "
                + "\(NumberFormatting.grouped(measured.measuredTenants)): switching among more tenants than measured may cost "
                + "more than the run saw (TLB, open collections)")
        }
        let measuredPerTenant = measured.measuredPoints / Double(max(measured.measuredTenants, 1))
        if Double(request.vectorsPerTenant) > measuredPerTenant {
            warnings.append("\(NumberFormatting.grouped(request.vectorsPerTenant)) vectors per tenant, the run measured "
                + "\(NumberFormatting.grouped(measuredPerTenant.rounded())): larger graphs take more hops per search than measured")
        }
        let plannedPerNode = Double(tenantsPerNode) * Double(request.vectorsPerTenant)
        if plannedPerNode > measured.measuredPoints {
            warnings.append("\(NumberFormatting.grouped(plannedPerNode)) vectors per node, the run held "
                + "\(NumberFormatting.grouped(measured.measuredPoints)): RSS, page cache and TLB figures were measured on less data")
        }
        return warnings
    }

    static func fsyncBudget(_ measured: PlanMeasurements, _ request: CapacityPlanRequest, nodeCount: Double,
                            notes: inout [String]) -> FsyncBudget? {
        guard measured.walScope != nil, measured.writes > 0 else { return nil }
        let fleetWrites: Double
        if let given = request.writesPerSecond {
            fleetWrites = given
        } else if let ratio = measured.writesPerSearch {
            fleetWrites = request.peakQPS * ratio
            notes.append("write rate from the run's mix: \(NumberFormatting.significant(ratio)) writes per search × "
                + "\(NumberFormatting.grouped(request.peakQPS)) searches/s = \(NumberFormatting.significant(fleetWrites)) writes/s "
                + "over the fleet; pass --writes-per-second for the service's own")
        } else {
            notes.append("the run wrote without searching: pass --writes-per-second for the fsync budget")
            return nil
        }
        let writesPerNode = fleetWrites / nodeCount
        let fsyncsPerWrite = measured.fsyncs / measured.writes
        var budget = FsyncBudget(
            writesPerSecondPerNode: writesPerNode, writeRateGiven: request.writesPerSecond != nil, fsyncsPerWrite: fsyncsPerWrite,
            fsyncsPerSecondPerNode: writesPerNode * fsyncsPerWrite, device: request.deviceFsync)
        if measured.upsertedPoints > 0, measured.seals > 0, let sealMilliseconds = measured.sealDurationP99Milliseconds {
            let pointsPerNode = writesPerNode * measured.upsertedPoints / measured.writes
            budget.sealsPerSecondPerNode = pointsPerNode * measured.seals / measured.upsertedPoints
            budget.sealSeconds = sealMilliseconds / 1000
            budget.sealSlots = measured.sealConcurrency ?? request.nodeCores
        }
        if let utilization = budget.fsyncUtilization, utilization > 1 {
            notes.append("fsync demand exceeds the device: group commit must absorb \(NumberFormatting.fixed(utilization, 1))× "
                + "more writes per fsync, or acknowledgements queue")
        }
        if budget.device == nil {
            notes.append("device fsync rate unknown: pass --device-from with a bench-wal document (make bench-wal) or "
                + "--device-fsyncs-per-second; fsync utilization is not computed")
        }
        if let seal = budget.sealUtilization, seal > 1 {
            notes.append("seals arrive faster than \(budget.sealSlots ?? 0) seal slots finish them: the seal queue grows")
        }
        return budget
    }
}
