import Foundation

/// A capacity plan from measured figures: for each configuration of a
/// result document, the bytes a vector costs (computed from the formats and
/// corrected by what the run measured), RAM and disk per tenant, nodes
/// needed by RAM and by CPU at the target recall, TLB reach, and the fsync
/// and seal budget. Pure arithmetic over `PlanMeasurements`; every formula
/// is stated where it is computed and in the report.
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
            let m = Double(max(m, 2)), batch = max(upsertBatch, 1)
            let level0 = (2 * m + 1) * 4
            let upper = (m + 1) * 4 / (m - 1)
            let point = 8 + (tenantTags ? 4 : 0) + 4 * dimension
            let record = (16 + 16 + batch * point + 4 + 7) / 8 * 8
            return BytesPerVector(vectors: Double(4 * dimension), links: level0 + upper + 1, overhead: 28,
                                  wal: Double(record) / Double(batch))
        }
    }

    public struct TLBReach: Sendable {
        public var entries: Int
        public var reach4K: Double
        public var reach2M: Double
        /// Distinct pages one query touches (the index's exact count).
        public var pagesPerQuery4K: Double?
        public var pagesPerQuery2M: Double?
        /// Index bytes a node holds: what its searches range over.
        public var workingSetPerNode: Double
        public var hugePageCoverage: Double?
        public var dTLBMissesPerOperation: MetricValue
    }

    public struct FsyncBudget: Sendable {
        public var writesPerSecondPerNode: Double
        public var fsyncsPerWrite: Double
        public var fsyncsPerSecondPerNode: Double
        public var deviceFsyncRate: Double
        /// True when the device rate was estimated from the run's fsync p99.
        public var deviceRateEstimated: Bool
        public var sealsPerSecondPerNode: Double?
        public var sealSeconds: Double?
        public var sealSlots: Int?
        public var fsyncUtilization: Double { fsyncsPerSecondPerNode / deviceFsyncRate }
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
        public var ramPerTenant: Double
        public var diskPerTenant: Double
        /// The phase chosen at the target recall (the fastest per core that reaches it).
        public var searchPoint: PlanMeasurements.SearchPoint?
        public var bestRecall: Double?
        public var nodesByRAM: Int
        public var nodesByCPU: Int?
        public var nodes: Int?
        public var tenantsPerNode: Int?
        public var tlb: TLBReach
        public var fsync: FsyncBudget?
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

    public init(request: CapacityPlanRequest, measurements: [PlanMeasurements], source: String) throws {
        try request.validate()
        guard !measurements.isEmpty else {
            throw ReportError.nothingToReport(source: source, detail: "no completed configuration to plan from")
        }
        self.request = request
        self.source = source
        configurations = measurements.map { Self.plan($0, request) }
    }

    static func plan(_ measured: PlanMeasurements, _ request: CapacityPlanRequest) -> ConfigurationPlan {
        let tags = measured.tenancy == "shared-collection"
        let atRun = BytesPerVector.computed(dimension: measured.measuredDimension, m: measured.m, upsertBatch: measured.upsertBatch, tenantTags: tags)
        let planned = BytesPerVector.computed(dimension: request.dimension, m: measured.m, upsertBatch: measured.upsertBatch, tenantTags: tags)
        let indexCorrection = measured.segmentBytesPerVector.map { $0 / atRun.index }
        let walCorrection = measured.walBytesPerVector.map { $0 / atRun.wal }
        let indexBytes = planned.index * (indexCorrection ?? 1)
        let walBytes = planned.wal * (walCorrection ?? 1)
        let vectors = Double(request.vectorsPerTenant)
        let ramPerTenant = vectors * indexBytes
        // The WAL holds a collection's unsealed tail: at most the indexing
        // threshold's worth of points, then a seal truncates it.
        let walPoints = measured.indexingThreshold > 0 ? min(vectors, Double(measured.indexingThreshold)) : 0
        // A WAL per collection preallocates whole segments: every tenant
        // reserves at least one, however little it writes.
        let walTail = walPoints * walBytes
        let perCollectionWAL = measured.walScope == "per-collection"
        let walReserved = perCollectionWAL ? max(walTail, Double(measured.walSegmentBytes)) : walTail
        let diskPerTenant = vectors * indexBytes + walReserved
        var notes: [String] = []
        if perCollectionWAL, Double(measured.walSegmentBytes) > walTail, Double(measured.walSegmentBytes) > vectors * indexBytes {
            notes.append("a WAL per collection preallocates \(NumberFormatting.bytes(Double(measured.walSegmentBytes))) per tenant, "
                         + "more than its data: \(NumberFormatting.bytes(Double(measured.walSegmentBytes) * Double(request.tenants))) "
                         + "of disk across \(request.tenants) tenants; a shared WAL or a smaller wal_segment_mib avoids it")
        }

        let usableRAM = request.nodeRAMBytes * request.ramUsable
        let nodesByRAM = max(1, Int((Double(request.tenants) * ramPerTenant / usableRAM).rounded(.up)))
        if ramPerTenant > usableRAM {
            notes.append("one tenant (\(NumberFormatting.bytes(ramPerTenant))) exceeds a node's usable RAM: it must be sharded")
        }
        let qualifying = measured.searchPoints.filter { $0.recall >= request.targetRecall }
        let point = qualifying.max { $0.qpsPerCore < $1.qpsPerCore }
        let bestRecall = measured.searchPoints.map(\.recall).max()
        var nodesByCPU: Int?
        if let point {
            let perNode = point.qpsPerCore * Double(request.nodeCores) * request.cpuUtilization
            nodesByCPU = max(1, Int((request.peakQPS / perNode).rounded(.up)))
        } else if let bestRecall {
            notes.append("no measured phase reached recall \(NumberFormatting.fixed(request.targetRecall, 3)) "
                + "(best \(NumberFormatting.fixed(bestRecall, 4))): raise ef and measure again")
        } else {
            notes.append("the run measured no recall, so QPS per core at a recall is unknown")
        }
        let nodes = nodesByCPU.map { max($0, nodesByRAM) }
        let nodeCount = Double(nodes ?? nodesByRAM)
        let tenantsPerNode = Int((Double(request.tenants) / nodeCount).rounded(.up))
        if measured.placement.hasPrefix("workers") {
            notes.append("placement \(measured.placement): each worker process adds its own baseline RSS, not included per tenant")
        }

        let tlbPoint = point ?? measured.searchPoints.first
        let tlb = TLBReach(
            entries: request.dTLBEntries, reach4K: Double(request.dTLBEntries) * 4096, reach2M: Double(request.dTLBEntries) * 2_097_152,
            pagesPerQuery4K: tlbPoint?.pagesTouched4K, pagesPerQuery2M: tlbPoint?.pagesTouched2M,
            workingSetPerNode: Double(tenantsPerNode) * ramPerTenant, hugePageCoverage: measured.hugePageCoverage,
            dTLBMissesPerOperation: tlbPoint?.dTLBMissesPerOperation ?? .unavailable("no search phase"))

        var fsync: FsyncBudget?
        if measured.writes > 0, measured.searches > 0 {
            // Writes scale with searches at the run's mix: planned writes/s =
            // peak QPS × (writes ÷ searches measured), spread over the nodes.
            let writesPerNode = request.peakQPS * Double(measured.writes) / Double(measured.searches) / nodeCount
            let fsyncsPerWrite = Double(measured.fsyncs) / Double(measured.writes)
            var deviceRate = request.deviceFsyncRate ?? 0
            var estimated = false
            if request.deviceFsyncRate == nil {
                estimated = true
                deviceRate = measured.fsyncP99Milliseconds.map { $0 > 0 ? 1000 / $0 : 0 } ?? 0
            }
            if deviceRate > 0 {
                var budget = FsyncBudget(
                    writesPerSecondPerNode: writesPerNode, fsyncsPerWrite: fsyncsPerWrite,
                    fsyncsPerSecondPerNode: writesPerNode * fsyncsPerWrite, deviceFsyncRate: deviceRate, deviceRateEstimated: estimated)
                if measured.upsertedPoints > 0, measured.seals > 0, let sealMilliseconds = measured.sealDurationP99Milliseconds {
                    let pointsPerNode = request.peakQPS * Double(measured.upsertedPoints) / Double(measured.searches) / nodeCount
                    budget.sealsPerSecondPerNode = pointsPerNode * Double(measured.seals) / Double(measured.upsertedPoints)
                    budget.sealSeconds = sealMilliseconds / 1000
                    budget.sealSlots = measured.sealConcurrency ?? request.nodeCores
                }
                fsync = budget
                if budget.fsyncUtilization > 1 {
                    notes.append("fsync demand exceeds the device: group commit must absorb \(NumberFormatting.fixed(budget.fsyncUtilization, 1))× "
                        + "more writes per fsync, or acknowledgements queue")
                }
                if let seal = budget.sealUtilization, seal > 1 {
                    notes.append("seals arrive faster than \(budget.sealSlots ?? 0) seal slots finish them: the seal queue grows")
                }
            } else {
                notes.append("no device fsync rate: pass --device-fsync-rate (the run recorded no fsync latency)")
            }
        }
        return ConfigurationPlan(
            measurements: measured, computedAtRun: atRun, computed: planned, indexCorrection: indexCorrection,
            walCorrection: walCorrection, indexBytesPerVector: indexBytes, walBytesPerVector: walBytes, ramPerTenant: ramPerTenant,
            diskPerTenant: diskPerTenant, searchPoint: point, bestRecall: bestRecall, nodesByRAM: nodesByRAM, nodesByCPU: nodesByCPU,
            nodes: nodes, tenantsPerNode: tenantsPerNode, tlb: tlb, fsync: fsync, notes: notes)
    }
}
