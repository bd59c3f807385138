/// The plan as sections of tables and lists, built once from the plan's
/// figures; Markdown and HTML both render these (`+Markdown`, `+HTML`).
struct PlanSection {
    var anchor: String
    var title: String
    var intro: String?
    var table: ReportTable?
    var items: [String] = []
}

extension CapacityPlan {
    func sections() -> [PlanSection] {
        var out = [nodesSection(), searchSection(), bytesSection(), diskSection(), tlbSection(), fsyncSection()]
        if let placement = placementSection() { out.insert(placement, at: 3) }
        if let curve = curveSection() { out.insert(curve, at: 1) }
        let warnings = configurations.flatMap { plan in plan.warnings.map { "\(plan.measurements.configuration): \($0)" } }
        if !warnings.isEmpty {
            out.insert(PlanSection(anchor: "beyond", title: "Beyond what was measured",
                                   intro: "Where the plan extrapolates from the run; each figure so obtained rests on the stated model.",
                                   items: warnings), at: 1)
        }
        let notes = configurations.flatMap { plan in plan.notes.map { "\(plan.measurements.configuration): \($0)" } }
        if !notes.isEmpty { out.append(PlanSection(anchor: "notes", title: "Notes", items: notes)) }
        out.append(PlanSection(anchor: "formulas", title: "How the figures are computed", items: Self.formulas))
        return out
    }

    private typealias Cell = ReportTable.Cell
    private static let significant = NumberFormatting.significant
    private static func optional(_ value: Double?, _ format: (Double) -> String) -> Cell { Cell(value.map(format) ?? "–") }

    private func nodesSection() -> PlanSection {
        var table = ReportTable([
            ("configuration", .left), ("placement", .left), ("tenancy", .left), ("bytes/vector", .right), ("RAM/tenant", .right),
            ("disk/tenant", .right), ("QPS/core at target (dim \(request.dimension))", .right), ("nodes by RAM", .right),
            ("nodes by CPU", .right), (.strong("nodes"), .right), ("bound by", .left), ("tenants/node", .right),
        ])
        for plan in configurations {
            let m = plan.measurements
            let qps = plan.qpsPerCore.map { qps in
                "\(Self.significant(qps)) (\(plan.searchPoint?.phase ?? "–"), recall \(NumberFormatting.fixed(plan.searchPoint?.recall ?? 0, 3)))"
            } ?? "not reached"
            table.append([
                Cell(m.configuration), Cell(m.placement.description), Cell(m.tenancy.rawValue),
                Cell(Self.significant(plan.indexBytesPerVector)), Cell(NumberFormatting.bytes(plan.ramPerTenant)),
                Cell(NumberFormatting.bytes(plan.diskPerTenant)), Cell(qps), Cell(NumberFormatting.grouped(plan.nodesByRAM)),
                Cell(plan.nodesByCPU.map { NumberFormatting.grouped($0) } ?? "–"),
                .strong(plan.nodes.map { NumberFormatting.grouped($0) } ?? "≥ \(NumberFormatting.grouped(plan.nodesByRAM))"),
                Cell(plan.bindingResource), Cell(plan.tenantsPerNode.map { NumberFormatting.grouped($0) } ?? "–"),
            ])
        }
        return PlanSection(anchor: "nodes", title: "Nodes per configuration", table: table)
    }

    private func searchSection() -> PlanSection {
        var table = ReportTable([
            ("configuration", .left), ("phase at target", .left), ("recall", .right),
            ("QPS/core measured (dim \(configurations.first?.scaling.measured ?? 0))", .right), ("how measured", .left),
            ("search time ×", .right), ("QPS/core planned (dim \(request.dimension))", .right),
        ])
        for plan in configurations {
            let point = plan.searchPoint
            table.append([
                Cell(plan.measurements.configuration), Cell(point?.phase ?? "not reached"),
                Self.optional(point?.recall) { NumberFormatting.fixed($0, 3) }, Self.optional(point?.qpsPerCore, Self.significant),
                Cell(point?.basis ?? "–"), Cell(NumberFormatting.fixed(plan.scaling.searchTime, 3)),
                Self.optional(plan.qpsPerCore, Self.significant),
            ])
        }
        let share = NumberFormatting.percent(request.distanceShare, decimals: 0)
        return PlanSection(
            anchor: "search", title: "Search speed at the planned dimension",
            intro: "Model: \(share) of a search's time is distance computation, which grows with the dimension; the rest "
                + "(graph walk, candidate list) does not (--distance-share). Planned QPS/core = measured ÷ (share × planned "
                + "dimension ÷ measured dimension + 1 − share).",
            table: table)
    }

    private func bytesSection() -> PlanSection {
        var table = ReportTable([
            ("configuration", .left), ("m", .right), ("vectors", .right), ("links", .right), ("overhead", .right),
            ("index computed (run dim)", .right), ("index measured", .right), ("ratio", .right),
            ("index planned (dim \(request.dimension))", .right), ("WAL computed", .right), ("WAL measured", .right),
            ("WAL planned", .right), ("RSS/vector at the run", .right), ("RSS bound (dim \(request.dimension))", .right),
        ])
        for plan in configurations {
            let m = plan.measurements
            table.append([
                Cell(m.configuration), Cell("\(m.m)"), Cell(Self.significant(plan.computed.vectors)),
                Cell(Self.significant(plan.computed.links)), Cell(Self.significant(plan.computed.overhead)),
                Cell(Self.significant(plan.computedAtRun.index)), Self.optional(m.segmentBytesPerVector, Self.significant),
                Self.optional(plan.indexCorrection) { NumberFormatting.fixed($0, 3) }, Cell(Self.significant(plan.indexBytesPerVector)),
                Cell(Self.significant(plan.computedAtRun.wal)), Self.optional(m.walBytesPerVector, Self.significant),
                Cell(Self.significant(plan.walBytesPerVector)), Self.optional(m.rssBytesPerVector, Self.significant),
                Self.optional(plan.rssBoundPerVector, Self.significant),
            ])
        }
        return PlanSection(
            anchor: "bytes", title: "Bytes per vector: computed and measured",
            intro: "Computed from the on-disk formats at the run's dimension, against what the run measured; the ratio "
                + "(allocation, alignment, headers the formula leaves out) corrects the formula at the planned dimension. "
                + "The RSS bound is the run's RSS per vector plus the bytes the planned vectors add; it is left out when the "
                + "run's RSS did not hold its own index.",
            table: table)
    }

    private func diskSection() -> PlanSection {
        var table = ReportTable([
            ("configuration", .left), ("WAL scope", .left), ("processes/node", .right), ("collections/node", .right),
            ("WALs/node", .right), ("WAL tail/node", .right), ("WAL disk/node", .right), ("index/node", .right),
            ("disk/node", .right), ("WAL disk, fleet", .right),
        ])
        for plan in configurations {
            let nodes = Double(plan.nodes ?? plan.nodesByRAM)
            guard let wal = plan.wal else {
                table.append([Cell(plan.measurements.configuration), "no WAL measured", "–", "–", "–", "–", "–",
                              Cell(NumberFormatting.bytes(plan.diskPerNode)), Cell(NumberFormatting.bytes(plan.diskPerNode)), "–"])
                continue
            }
            table.append([
                Cell(plan.measurements.configuration), Cell(plan.measurements.walScope?.rawValue ?? "–"),
                Cell(NumberFormatting.grouped(wal.processes)), Cell(NumberFormatting.grouped(wal.collections)),
                Cell(NumberFormatting.grouped(wal.wals)), Cell(NumberFormatting.bytes(wal.tailBytes)),
                Cell(NumberFormatting.bytes(wal.diskBytes)), Cell(NumberFormatting.bytes(plan.diskPerNode - wal.diskBytes)),
                Cell(NumberFormatting.bytes(plan.diskPerNode)), Cell(NumberFormatting.bytes(wal.diskBytes * nodes)),
            ])
        }
        return PlanSection(
            anchor: "disk", title: "Disk and WALs per node",
            intro: "One WAL per WAL: a collection per tenant with a WAL per collection has one per tenant; a shared collection "
                + "or a shared WAL has one per process. Each WAL preallocates whole segments (wal_segment_mib), at least one.",
            table: table)
    }

    private func tlbSection() -> PlanSection {
        var table = ReportTable([
            ("configuration", .left), ("4 KiB pages/query", .right), ("share of dTLB", .right), ("2 MiB pages/query", .right),
            ("index per node", .right), ("÷ 4 KiB reach", .right), ("÷ 2 MiB reach", .right), ("huge-page coverage", .right),
            ("dTLB misses/op (run dim)", .right),
        ])
        for plan in configurations {
            let t = plan.tlb
            let misses: Cell
            switch t.dTLBMissesPerOperation {
            case .value(let value): misses = Cell(Self.significant(value))
            case .unavailable(let reason): misses = Cell("unavailable — \(reason)")
            }
            table.append([
                Cell(plan.measurements.configuration), Self.optional(t.pagesPerQuery4K, Self.significant),
                Self.optional(t.pagesPerQuery4K) { NumberFormatting.percent($0 / Double(t.entries)) },
                Self.optional(t.pagesPerQuery2M, Self.significant), Cell(NumberFormatting.bytes(t.workingSetPerNode)),
                Cell(Self.significant(t.workingSetPerNode / t.reach4K) + "×"), Cell(Self.significant(t.workingSetPerNode / t.reach2M) + "×"),
                Self.optional(t.hugePageCoverage) { NumberFormatting.percent($0) }, misses,
            ])
        }
        let entries = NumberFormatting.grouped(request.dTLBEntries)
        return PlanSection(
            anchor: "tlb", title: "TLB reach",
            intro: "\(entries) dTLB entries reach \(NumberFormatting.bytes(Double(request.dTLBEntries) * 4096)) with 4 KiB pages "
                + "and \(NumberFormatting.bytes(Double(request.dTLBEntries) * 2_097_152)) with 2 MiB pages. A query's distinct pages "
                + "(the index's exact count, carried to the planned dimension) against the entries says whether one search alone "
                + "thrashes the TLB; a node's index against the reach says whether switching between tenants does.",
            table: table)
    }

    private func fsyncSection() -> PlanSection {
        var table = ReportTable([
            ("configuration", .left), ("WAL / fsync", .left), ("writes/s", .right), ("write rate from", .left),
            ("fsyncs per write", .right), ("fsyncs/s", .right), ("device fsyncs/s", .right), ("fsync utilization", .right),
            ("seals/s", .right), ("seal p99", .right), ("seal slots", .right), ("seal utilization", .right),
        ])
        for plan in configurations {
            let m = plan.measurements
            let policy = Cell(m.walScope.map { "\($0.rawValue), \(m.fsync?.description ?? "–")" } ?? "no WAL measured")
            guard let f = plan.fsync else {
                table.append([Cell(m.configuration), policy] + Array(repeating: Cell("–"), count: 10))
                continue
            }
            table.append([
                Cell(m.configuration), policy, Cell(Self.significant(f.writesPerSecondPerNode)),
                Cell(f.writeRateGiven ? "--writes-per-second" : "the run's mix"), Cell(Self.significant(f.fsyncsPerWrite)),
                Cell(Self.significant(f.fsyncsPerSecondPerNode)), Cell(f.device.map { Self.significant($0.perSecond) } ?? "unknown"),
                Self.optional(f.fsyncUtilization) { NumberFormatting.percent($0) }, Self.optional(f.sealsPerSecondPerNode, Self.significant),
                Self.optional(f.sealSeconds) { NumberFormatting.latency(microseconds: $0 * 1_000_000) },
                Cell(f.sealSlots.map(String.init) ?? "–"), Self.optional(f.sealUtilization) { NumberFormatting.percent($0) },
            ])
        }
        let device = request.deviceFsync.map { "Device fsync rate: \(Self.significant($0.perSecond))/s from \($0.source)." }
            ?? "Device fsync rate unknown (no --device-from or --device-fsyncs-per-second): utilization is not computed."
        return PlanSection(
            anchor: "fsync", title: "fsync and seal budget per node",
            intro: "Fsyncs per write and seals per point are the run's. \(device)", table: table)
    }

    static let formulas = [
        "index bytes/vector = (4·d + (2m+1)·4 + (m+1)·4/(m−1) + 1 + 28) × measured ÷ computed at the run's dimension",
        "WAL bytes/vector = ⌈(36 + b·(8 [+4 shared collection] + 4·d)) / 8⌉·8 ÷ b for upsert batch b, × measured ÷ computed",
        "RSS bound/vector = RSS/vector at the run + (index bytes/vector planned − measured), only when the run's RSS held its index",
        "RAM/tenant = vectors per tenant × index bytes/vector",
        "nodes by RAM = ⌈tenants × RAM/tenant ÷ (node RAM × usable share)⌉",
        "QPS/core measured: closed-loop phase = searches/s ÷ machine cores; open-loop phase = 1 s ÷ mean search service time; the fastest phase reaching the target recall",
        "QPS/core planned = measured ÷ (s × d_plan/d_run + 1 − s), s = --distance-share (distance cost ∝ dimension)",
        "nodes by CPU = ⌈peak QPS ÷ (QPS/core planned × node cores × utilization)⌉; nodes = the larger of the two",
        "WALs/node = tenants/node with a collection per tenant and a WAL per collection, else processes/node; WAL tail/node = collections × min(vectors per collection, indexing threshold) × WAL bytes/vector; WAL disk/node = WALs × ⌈tail per WAL ÷ segment⌉ (at least 1) × segment",
        "disk/node = tenants/node × RAM/tenant + WAL disk/node; disk/tenant = disk/node ÷ tenants/node",
        "pages/query planned = measured × (1 + (4·d_plan − 1)/P) ÷ (1 + (4·d_run − 1)/P), P the page size: the pages a vector at a random offset spans, applied to link pages too (an upper bound)",
        "TLB reach = entries × page size; index per node = ⌈tenants ÷ nodes⌉ × RAM/tenant",
        "writes/s per node = --writes-per-second (or peak QPS × writes ÷ searches of the run) ÷ nodes; fsyncs/s = that × fsyncs per write (phases that wrote)",
        "device fsyncs/s = --device-fsyncs-per-second, or the raw append-preallocated fdatasync/s of a bench-wal document (--device-from); otherwise unknown",
        "seal utilization = seals/s × seal p99 ÷ seal concurrency (node cores when unbounded); above 100 % the queue grows",
    ]
}
