import BenchModel
import MemoryModel
import VectorCore
import VectorIndex

extension AnnBenchmark {
    /// How each `ef` is replayed into the model, as the report states it.
    static let modelMethod = "after the timed passes, untimed: every sampled query searched again with its index "
        + "accesses recorded, then replayed into a fresh one-core model; one warm-up pass over the query set, "
        + "then the counted pass (the timed passes also run warm)"

    /// The modelled pass of one `ef`. The timed passes never record: this
    /// pass searches again with a `MemoryAccessLog` and replays each query's
    /// log into the model, timing the replay alone (the model's own cost).
    func modelPass(
        index: HNSWIndex, queries: DenseMatrix<Float>, ef: Int, cpu: CPUGeometry, pcid: PCIDMode, sample: Int
    ) throws -> (misses: AnnResult.ModelledMisses, arrays: [MemoryModelBridge.RegisteredArray]) {
        let k = configuration.k
        let model = try MemoryModel(cpu: cpu, cores: 1, pcid: pcid, sample: sample)
        let arrays = try MemoryModelBridge.registerIndexArrays(of: index, in: model)
        var log = MemoryAccessLog()
        var replayNanoseconds: UInt64 = 0, replayedAccesses = 0
        for pass in 0..<2 {
            if pass == 1 { model.resetStatistics() }
            for q in 0..<queries.count {
                log.removeAll()
                if model.isSampled(operation: q) {
                    _ = queries.withRow(q) { index.search($0, k: k, ef: ef, excluding: NoExclusion(), accesses: &log) }
                }
                let start = MonotonicClock.nanoseconds()
                try MemoryModelBridge.replay(log, operation: q, core: 0, addressSpace: 0, into: model)
                replayNanoseconds += MonotonicClock.nanoseconds() - start
                replayedAccesses += log.accesses.count
            }
        }
        let statistics = model.statistics
        let total = statistics.total
        let queries = max(statistics.operations, 1)
        func perQuery(_ value: Int) -> Double { Double(value) / Double(queries) }
        let misses = AnnResult.ModelledMisses(
            queries: statistics.operations,
            accessesPerQuery: perQuery(total.accesses),
            l1dTLBMissesPerQuery: perQuery(total.l1dTLB.misses),
            pageWalksPerQuery: perQuery(total.pageWalks),
            l1dMissesPerQuery: perQuery(total.l1d.misses),
            llcMissesPerQuery: perQuery(total.llc.misses),
            l1dTLBHitRate: total.l1dTLB.hitRate,
            stlbHitRate: total.stlb.hitRate,
            l1dHitRate: total.l1d.hitRate,
            llcHitRate: total.llc.hitRate,
            replayAccessesPerSecond: Double(replayedAccesses) / (Double(max(replayNanoseconds, 1)) / 1e9))
        return (misses, arrays)
    }

    /// The document's summary of how the model ran.
    static func modelSummary(
        selection: CPUSelection, configuration: AnnModelConfiguration, arrays: [MemoryModelBridge.RegisteredArray]
    ) -> AnnResult.ModelSummary {
        AnnResult.ModelSummary(
            cpu: selection.geometry.name, origin: selection.origin.rawValue, fallbackReason: selection.reason,
            pcid: configuration.pcid, sample: configuration.sample, cores: 1,
            regions: arrays.map {
                AnnResult.Region(name: $0.name, bytes: $0.bytes, pageSize: $0.pageSize, hugePageBytes: $0.hugePageBytes)
            },
            method: modelMethod)
    }
}
