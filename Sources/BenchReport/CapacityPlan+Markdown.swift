extension CapacityPlan {
    /// The plan as Markdown: inputs, bytes per vector measured against
    /// computed, then per configuration RAM, disk, nodes, TLB reach and the
    /// fsync budget, and the formulas behind them.
    public func markdown() -> String {
        let r = request
        var out = "# Capacity plan from `\(source)`\n\n"
        out += "- Fleet: \(NumberFormatting.grouped(r.tenants)) tenants × \(NumberFormatting.grouped(r.vectorsPerTenant)) vectors "
        out += "× \(r.dimension) dimensions = \(NumberFormatting.grouped(Double(r.tenants) * Double(r.vectorsPerTenant))) vectors\n"
        out += "- Target: recall ≥ \(NumberFormatting.fixed(r.targetRecall, 3)) at \(NumberFormatting.grouped(r.peakQPS)) searches/s peak\n"
        out += "- Node: \(NumberFormatting.bytes(r.nodeRAMBytes)) RAM (\(NumberFormatting.percent(r.ramUsable, decimals: 0)) usable for the index), "
        out += "\(r.nodeCores) cores (\(NumberFormatting.percent(r.cpuUtilization, decimals: 0)) busy at peak), "
        out += "dTLB \(NumberFormatting.grouped(r.dTLBEntries)) entries\n\n"

        out += "## Nodes per configuration\n\n"
        out += "| configuration | placement | tenancy | bytes/vector | RAM/tenant | disk/tenant | QPS/core at target | nodes by RAM "
        out += "| nodes by CPU | **nodes** | bound by | tenants/node |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|\n"
        for plan in configurations {
            let m = plan.measurements
            out += "| \(MarkdownText.escapeCell(m.configuration)) | \(m.placement) | \(m.tenancy) "
            out += "| \(NumberFormatting.significant(plan.indexBytesPerVector)) | \(NumberFormatting.bytes(plan.ramPerTenant)) "
            out += "| \(NumberFormatting.bytes(plan.diskPerTenant)) "
            out += "| \(plan.searchPoint.map { "\(NumberFormatting.significant($0.qpsPerCore)) (\($0.phase), recall \(NumberFormatting.fixed($0.recall, 3)))" } ?? "not reached") "
            out += "| \(plan.nodesByRAM) | \(plan.nodesByCPU.map(String.init) ?? "–") | **\(plan.nodes.map(String.init) ?? "≥ \(plan.nodesByRAM)")** "
            out += "| \(plan.bindingResource) | \(plan.tenantsPerNode.map { NumberFormatting.grouped($0) } ?? "–") |\n"
        }

        out += "\n## Bytes per vector: computed and measured\n\n"
        out += "Computed from the on-disk formats at the run's dimension, against what the run measured; the ratio "
        out += "(allocation, alignment, headers the formula leaves out) corrects the formula at the planned dimension.\n\n"
        out += "| configuration | m | vectors | links | overhead | index computed (run dim) | index measured | ratio "
        out += "| index planned (dim \(r.dimension)) | WAL computed | WAL measured | WAL planned | RSS/vector (upper bound) |\n"
        out += "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        for plan in configurations {
            let m = plan.measurements
            out += "| \(MarkdownText.escapeCell(m.configuration)) | \(m.m) | \(NumberFormatting.significant(plan.computed.vectors)) "
            out += "| \(NumberFormatting.significant(plan.computed.links)) | \(NumberFormatting.significant(plan.computed.overhead)) "
            out += "| \(NumberFormatting.significant(plan.computedAtRun.index)) | \(m.segmentBytesPerVector.map(NumberFormatting.significant) ?? "–") "
            out += "| \(plan.indexCorrection.map { NumberFormatting.fixed($0, 3) } ?? "–") | \(NumberFormatting.significant(plan.indexBytesPerVector)) "
            out += "| \(NumberFormatting.significant(plan.computedAtRun.wal)) | \(m.walBytesPerVector.map(NumberFormatting.significant) ?? "–") "
            out += "| \(NumberFormatting.significant(plan.walBytesPerVector)) | \(m.rssBytesPerVector.map(NumberFormatting.significant) ?? "–") |\n"
        }

        out += "\n## TLB reach\n\n"
        out += "\(NumberFormatting.grouped(r.dTLBEntries)) dTLB entries reach \(NumberFormatting.bytes(Double(r.dTLBEntries) * 4096)) with 4 KiB pages "
        out += "and \(NumberFormatting.bytes(Double(r.dTLBEntries) * 2_097_152)) with 2 MiB pages. A query's distinct pages (the index's exact "
        out += "count) against the entries says whether one search alone thrashes the TLB; a node's index against the reach says "
        out += "whether switching between tenants does.\n\n"
        out += "| configuration | 4 KiB pages/query | share of dTLB | 2 MiB pages/query | index per node | ÷ 4 KiB reach | ÷ 2 MiB reach "
        out += "| huge-page coverage | dTLB misses/op |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        for plan in configurations {
            let t = plan.tlb
            out += "| \(MarkdownText.escapeCell(plan.measurements.configuration)) | \(t.pagesPerQuery4K.map(NumberFormatting.significant) ?? "–") "
            out += "| \(t.pagesPerQuery4K.map { NumberFormatting.percent($0 / Double(t.entries)) } ?? "–") "
            out += "| \(t.pagesPerQuery2M.map(NumberFormatting.significant) ?? "–") | \(NumberFormatting.bytes(t.workingSetPerNode)) "
            out += "| \(NumberFormatting.significant(t.workingSetPerNode / t.reach4K))× | \(NumberFormatting.significant(t.workingSetPerNode / t.reach2M))× "
            out += "| \(t.hugePageCoverage.map { NumberFormatting.percent($0) } ?? "–") "
            switch t.dTLBMissesPerOperation {
            case .value(let value): out += "| \(NumberFormatting.significant(value)) |\n"
            case .unavailable(let reason): out += "| unavailable — \(MarkdownText.escapeCell(reason)) |\n"
            }
        }

        out += "\n## fsync and seal budget per node\n\n"
        out += "Writes scale with searches at the run's mix; fsyncs per write and seals per point are the run's.\n\n"
        out += "| configuration | WAL / fsync | writes/s | fsyncs per write | fsyncs/s | device fsyncs/s | fsync utilization "
        out += "| seals/s | seal p99 | seal slots | seal utilization |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        for plan in configurations {
            let m = plan.measurements
            out += "| \(MarkdownText.escapeCell(m.configuration)) | \(m.walScope), \(m.fsyncPolicy) "
            guard let f = plan.fsync else {
                out += "| – | – | – | – | – | – | – | – | – |\n"
                continue
            }
            out += "| \(NumberFormatting.significant(f.writesPerSecondPerNode)) | \(NumberFormatting.significant(f.fsyncsPerWrite)) "
            out += "| \(NumberFormatting.significant(f.fsyncsPerSecondPerNode)) "
            out += "| \(NumberFormatting.significant(f.deviceFsyncRate))\(f.deviceRateEstimated ? " (est.)" : "") "
            out += "| \(NumberFormatting.percent(f.fsyncUtilization)) | \(f.sealsPerSecondPerNode.map(NumberFormatting.significant) ?? "–") "
            out += "| \(f.sealSeconds.map { NumberFormatting.latency(microseconds: $0 * 1_000_000) } ?? "–") | \(f.sealSlots.map(String.init) ?? "–") "
            out += "| \(f.sealUtilization.map { NumberFormatting.percent($0) } ?? "–") |\n"
        }
        let notes = configurations.flatMap { plan in plan.notes.map { "\(plan.measurements.configuration): \($0)" } }
        if !notes.isEmpty { out += "\n## Notes\n\n" + notes.map { "- \(MarkdownText.escapeCell($0))\n" }.joined() }
        out += "\n## How the figures are computed\n\n" + Self.formulas.map { "- \($0)\n" }.joined()
        return out
    }

    static let formulas = [
        "index bytes/vector = (4·d + (2m+1)·4 + (m+1)·4/(m−1) + 1 + 28) × measured ÷ computed at the run's dimension",
        "WAL bytes/vector = ⌈(36 + b·(8 [+4 shared collection] + 4·d)) / 8⌉·8 ÷ b for upsert batch b, × measured ÷ computed",
        "RAM/tenant = vectors per tenant × index bytes/vector; disk/tenant = that + WAL tail, WAL tail = min(vectors, indexing threshold) × WAL bytes/vector, at least one preallocated WAL segment (wal_segment_mib) with a WAL per collection",
        "nodes by RAM = ⌈tenants × RAM/tenant ÷ (node RAM × usable share)⌉",
        "QPS/core: closed-loop phase = searches/s ÷ machine cores; open-loop phase = 1 s ÷ mean search service time; the fastest phase reaching the target recall",
        "nodes by CPU = ⌈peak QPS ÷ (QPS/core × node cores × utilization)⌉; nodes = the larger of the two",
        "TLB reach = entries × page size; index per node = ⌈tenants ÷ nodes⌉ × RAM/tenant",
        "writes/s per node = peak QPS × writes ÷ searches (run) ÷ nodes; fsyncs/s = that × fsyncs per write (phases that wrote)",
        "device fsyncs/s = --device-fsync-rate, or 1000 ÷ fsync p99 ms (estimate: one fsync at a time)",
        "seal utilization = seals/s × seal p99 ÷ seal concurrency (node cores when unbounded); above 100 % the queue grows",
    ]
}
