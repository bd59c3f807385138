import BenchModel
import Foundation
import Testing
@testable import BenchReport

@Suite("vecbench plan")
struct CapacityPlanTests {
    /// 50,000 tenants × 10,000 vectors of 768 dimensions, recall ≥ 0.95 at
    /// 100,000 searches/s, on 256 GiB / 32-core nodes, planned from the
    /// three-configuration fixture (measured at 96 dimensions, m = 16,
    /// upsert batch 10, indexing threshold 2,000).
    static let request = CapacityPlanRequest(
        tenants: 50_000, vectorsPerTenant: 10_000, dimension: 768, targetRecall: 0.95, peakQPS: 100_000,
        nodeRAMBytes: 256 * 1_073_741_824, nodeCores: 32)

    static func plan(_ request: CapacityPlanRequest = request) throws -> CapacityPlan.ConfigurationPlan {
        let plan = try CapacityPlan(request: request, measurements: PlanMeasurements.from(.run(RunFixtures.threeConfigurations())),
                                    source: "three.json")
        #expect(plan.configurations.map(\.measurements.configuration) == ["shared-process", "workers-8"], "the failed one is left out")
        return plan.configurations[0]
    }

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-6) -> Bool { abs(a - b) <= tolerance * max(1, abs(b)) }

    @Test("a WAL per collection reserves a whole segment per tenant; a shared WAL only its tail")
    func walPreallocation() throws {
        let run = RunFixtures.threeConfigurations()
        let small = CapacityPlanRequest(tenants: 50_000, vectorsPerTenant: 1_000, dimension: 96, targetRecall: 0.95,
                                        peakQPS: 1_000, nodeRAMBytes: Double(64 << 30), nodeCores: 8)
        var measured = PlanMeasurements.from(run.configurations[0], run: run)
        let perCollection = CapacityPlan.plan(measured, small)
        // 1,000 vectors of ~500 B are far less than a 16 MiB segment.
        #expect(perCollection.diskPerTenant >= Double(16 << 20))
        #expect(perCollection.notes.contains { $0.contains("preallocates 16.0 MiB per tenant") })
        measured.walSegmentBytes = 1 << 20
        #expect(CapacityPlan.plan(measured, small).diskPerTenant < Double(2 << 20))
        measured.walScope = "shared"
        measured.walSegmentBytes = 16 << 20
        let shared = CapacityPlan.plan(measured, small)
        #expect(shared.diskPerTenant < Double(2 << 20))
        #expect(!shared.notes.contains { $0.contains("preallocates") })
    }

    @Test("a batch set by the phases is read from the run: points per upsert call")
    func upsertBatchFromPhases() throws {
        let run = RunFixtures.threeConfigurations()
        var configuration = run.configurations[0]
        configuration.settings.upsertBatch = nil
        #expect(PlanMeasurements.from(configuration, run: run).upsertBatch == 10)
        // Four points per call in every phase that upserts: the plan follows.
        for index in configuration.phases.indices {
            for op in configuration.phases[index].operations.indices where configuration.phases[index].operations[op].kind == .upsert {
                configuration.phases[index].operations[op].points = configuration.phases[index].operations[op].count * 4
            }
        }
        #expect(PlanMeasurements.from(configuration, run: run).upsertBatch == 4)
        // A configuration that set it keeps its setting.
        #expect(PlanMeasurements.from(run.configurations[0], run: run).upsertBatch == 10)
    }

    @Test("worked example: bytes per vector, RAM, disk, nodes, TLB reach, fsync and seal budget")
    func workedExample() throws {
        let p = try Self.plan()
        // Formula at the run's d = 96, m = 16:
        //   vectors 4·96 = 384; links (2·16+1)·4 = 132 + (17·4)/15 = 4.5333 + 1 level byte = 137.5333;
        //   overhead 8 + 8 + 8 + 4 = 28; index = 549.5333.
        #expect(p.computedAtRun.vectors == 384)
        #expect(Self.close(p.computedAtRun.links, 137.533_333_333))
        #expect(Self.close(p.computedAtRun.index, 549.533_333_333))
        //   WAL: batch 10 → 16 + 16 + 10·(8 + 384) + 4 = 3,956 → rounded to 8: 3,960 → 396 per vector.
        #expect(p.computedAtRun.wal == 396)
        // Measured: 56,000,000 segment bytes / 100,000 points = 560 → ratio 560 / 549.5333 = 1.019046.
        #expect(Self.close(p.indexCorrection ?? 0, 1.019_046_464))
        //   39,240,000 WAL bytes / 100,000 = 392.4 → ratio 392.4 / 396 = 0.990909.
        #expect(Self.close(p.walCorrection ?? 0, 0.990_909_091))
        // Planned d = 768: index 3,072 + 137.5333 + 28 = 3,237.5333 × 1.019046 = 3,299.1969 bytes.
        #expect(Self.close(p.computed.index, 3_237.533_333_333))
        #expect(Self.close(p.indexBytesPerVector, 3_299.196_894))
        //   WAL (36 + 10·3,080 = 30,836 → 30,840) / 10 = 3,084 × 0.990909 = 3,055.9636.
        #expect(Self.close(p.walBytesPerVector, 3_055.963_636))
        // RAM/tenant = 10,000 × 3,299.1969 = 32,991,968.9 B (31.5 MiB);
        // disk/tenant = that + the WAL: its tail of 2,000 (threshold) × 3,055.9636 =
        // 6,111,927.3 B, but a WAL per collection preallocates a whole 16 MiB
        // segment (16,777,216 B), so 32,991,968.9 + 16,777,216 = 49,769,184.9 B.
        #expect(Self.close(p.ramPerTenant, 32_991_968.94))
        #expect(Self.close(p.diskPerTenant, 49_769_184.94))
        // Nodes by RAM = ⌈50,000 × 32,991,968.9 / (256 GiB × 0.8 = 219,902,325,555)⌉ = ⌈7.5015⌉ = 8.
        #expect(p.nodesByRAM == 8)
        // QPS/core: open-loop steady phase (recall 0.962 ≥ 0.95): 1 s / mean service 345 µs = 2,898.55
        // (the burst phase, 0.951, is slower: 1 s / 379.5 µs = 2,635).
        #expect(p.searchPoint?.phase == "steady")
        #expect(Self.close(p.searchPoint?.qpsPerCore ?? 0, 2_898.550_725))
        // Nodes by CPU = ⌈100,000 / (2,898.55 × 32 × 0.7 = 64,927.5)⌉ = ⌈1.5402⌉ = 2 → RAM binds: 8 nodes.
        #expect(p.nodesByCPU == 2)
        #expect(p.nodes == 8)
        #expect(p.bindingResource == "RAM")
        #expect(p.tenantsPerNode == 6_250)
        // TLB: 921 pages per query of 1,536 entries; reach 6 MiB and 3 GiB;
        // 6,250 tenants × 32,991,968.9 B = 206,199,805,896 B per node = 32,774.6× the 4 KiB reach, 64.01× the 2 MiB reach.
        #expect(p.tlb.pagesPerQuery4K == 921)
        #expect(p.tlb.reach4K == 6_291_456)
        #expect(p.tlb.reach2M == 3_221_225_472)
        #expect(Self.close(p.tlb.workingSetPerNode / p.tlb.reach4K, 32_774.576_49))
        #expect(Self.close(p.tlb.workingSetPerNode / p.tlb.reach2M, 64.012_844_70))
        #expect(p.tlb.dTLBMissesPerOperation == .value(1_850))
        // fsync: measured phases searched 20,000 + 28,792 = 48,792 times; the burst wrote 5,398 upserts + 1,800 deletes
        // = 7,198 writes with 160 fsyncs (0.0222284 per write). Writes/s per node = 100,000 × 7,198 / 48,792 / 8 = 1,844.05;
        // fsyncs/s = 40.99 against 1,000 / 4.2 ms = 238.1 estimated → 17.2 %.
        let f = try #require(p.fsync)
        #expect(Self.close(f.writesPerSecondPerNode, 1_844.052_304))
        #expect(Self.close(f.fsyncsPerSecondPerNode, 40.990_326_28))
        #expect(f.deviceRateEstimated)
        #expect(Self.close(f.deviceFsyncRate, 238.095_238_1))
        #expect(Self.close(f.fsyncUtilization, 0.172_159_370_4))
        // Seals: 4 per 53,980 upserted points; points/s per node = 100,000 × 53,980 / 48,792 / 8 = 13,829.4 → 1.0248 seals/s;
        // × 0.85 s ÷ 2 slots = 43.6 %.
        #expect(Self.close(f.sealsPerSecondPerNode ?? 0, 1.024_758_157))
        #expect(Self.close(f.sealUtilization ?? 0, 0.435_522_216_8))
    }

    @Test("a given device fsync rate replaces the estimate; CPU binds when QPS is high")
    func cpuBound() throws {
        var request = Self.request
        request.peakQPS = 1_000_000
        request.deviceFsyncRate = 20_000
        let p = try Self.plan(request)
        // ⌈1,000,000 / 64,927.5⌉ = ⌈15.402⌉ = 16 nodes by CPU > 8 by RAM.
        #expect(p.nodesByCPU == 16)
        #expect(p.nodes == 16)
        #expect(p.bindingResource == "CPU")
        #expect(p.fsync?.deviceRateEstimated == false)
        #expect(p.fsync?.deviceFsyncRate == 20_000)
    }

    @Test("a target recall no phase reached leaves nodes by CPU unknown, and says so")
    func recallNotReached() throws {
        var request = Self.request
        request.targetRecall = 0.99
        let p = try Self.plan(request)
        #expect(p.searchPoint == nil)
        #expect(p.nodesByCPU == nil && p.nodes == nil)
        #expect(p.notes.contains("no measured phase reached recall 0.990 (best 0.9620): raise ef and measure again"))
    }

    @Test("an ANN result plans from its index bytes and the smallest ef that reaches the recall")
    func fromAnn() throws {
        let plan = try CapacityPlan(request: Self.request, measurements: PlanMeasurements.from(.ann(AnnFixtures.sweep)), source: "ann.json")
        let p = plan.configurations[0]
        // ef 64 reaches 0.973 ≥ 0.95 at 8,100 QPS on one thread; ef 128 is slower.
        #expect(p.searchPoint?.phase == "ef=64")
        #expect(p.searchPoint?.qpsPerCore == 8_100)
        // 10,900,000 index bytes / 20,000 vectors = 545 measured.
        #expect(p.measurements.segmentBytesPerVector == 545)
        #expect(p.fsync == nil)
    }

    @Test("sizes parse as binary or decimal units; nonsense is an error naming the option")
    func sizes() throws {
        #expect(try ByteSize.parse("256GiB") == 274_877_906_944)
        #expect(try ByteSize.parse("256g") == 274_877_906_944)
        #expect(try ByteSize.parse("512GB") == 512e9)
        #expect(try ByteSize.parse("1.5TiB") == 1.5 * 1_099_511_627_776)
        #expect(try ByteSize.parse("4096") == 4096)
        #expect(throws: ReportError.invalidPlanInput(option: "--node-ram", detail: "unknown unit 'parsecs' in '12 parsecs' (B, KiB, MiB, GiB, TiB, KB, MB, GB, TB)")) {
            try ByteSize.parse("12 parsecs")
        }
        var bad = Self.request
        bad.targetRecall = 1.5
        #expect(throws: ReportError.invalidPlanInput(option: "--target-recall", detail: "must be in (0, 1], got 1.5")) { try bad.validate() }
    }

    @Test("the plan's Markdown and HTML match their golden files")
    func golden() throws {
        let plan = try CapacityPlan(request: Self.request, measurements: PlanMeasurements.from(.run(RunFixtures.threeConfigurations())),
                                    source: "three-configurations.json")
        try GoldenFile.check(plan.markdown(), "plan.md")
        let html = plan.html()
        try GoldenFile.check(html, "plan.html")
        #expect(html.contains("<svg class=\"chart bars\""))
        #expect(!html.contains("<script"))
    }
}
