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
        #expect(perCollection.wal?.wals == perCollection.tenantsPerNode)
        #expect(perCollection.notes.contains { $0.contains("preallocates 16.0 MiB per tenant") })
        measured.walSegmentBytes = Double(1 << 20)
        #expect(CapacityPlan.plan(measured, small).diskPerTenant < Double(2 << 20))
        measured.walScope = .shared
        measured.walSegmentBytes = Double(16 << 20)
        let shared = CapacityPlan.plan(measured, small)
        #expect(shared.wal?.wals == 1)
        #expect(shared.diskPerTenant < Double(2 << 20))
        #expect(!shared.notes.contains { $0.contains("preallocates") })
    }

    @Test("one WAL per WAL: a shared collection of 50,000 tenants is not charged 50,000 × 16 MiB (781 GiB)")
    func oneWALPerWAL() throws {
        let run = PlanFixtures.run64(tenancy: .sharedCollection, walScope: .perCollection)
        let plan = try CapacityPlan(request: PlanFixtures.request, measurements: PlanMeasurements.from(.run(run)), source: "run64.json")
        let embedded = plan.configurations[0], workers = plan.configurations[1]
        // Embedded: one process, one shared collection, one WAL per node.
        #expect(embedded.wal?.processes == 1 && embedded.wal?.collections == 1 && embedded.wal?.wals == 1)
        // Eight worker processes keep eight shared collections, so eight WALs per node.
        #expect(workers.wal?.wals == 8)
        let nodes = Double(try #require(embedded.nodes))
        let fleetWAL = try #require(embedded.wal).diskBytes * nodes
        #expect(fleetWAL < 781 * 1_073_741_824 / 100, "one WAL per node, not one per tenant")
        let text = plan.markdown()
        #expect(!text.contains("781 GiB"))
        #expect(!text.contains("preallocates 16.0 MiB per tenant"))
        // A collection per tenant sharing one WAL also has one WAL per process.
        let sharedWAL = try CapacityPlan(request: PlanFixtures.request,
                                         measurements: PlanMeasurements.from(.run(PlanFixtures.run64(tenancy: .collectionPerTenant, walScope: .shared))),
                                         source: "run64.json")
        #expect(sharedWAL.configurations[0].wal?.wals == 1)
        #expect(sharedWAL.configurations[0].wal?.collections == sharedWAL.configurations[0].tenantsPerNode)
        // Only a WAL per collection of a collection per tenant has one WAL per tenant.
        let perTenant = try CapacityPlan(request: PlanFixtures.request,
                                         measurements: PlanMeasurements.from(.run(PlanFixtures.run64(tenancy: .collectionPerTenant))),
                                         source: "run64.json")
        #expect(perTenant.configurations[0].wal?.wals == perTenant.configurations[0].tenantsPerNode)
    }

    @Test("measured costs are scaled from 64 to 768 dimensions by the stated model, with a warning")
    func dimensionScaling() throws {
        let run = PlanFixtures.run64()
        var request = PlanFixtures.request
        let plan = try CapacityPlan(request: request, measurements: PlanMeasurements.from(.run(run)), source: "run64.json")
        let p = plan.configurations[0]
        // Open-loop steady phase: 1 s / 345 µs = 2,898.55 searches/s per core at 64 dimensions;
        // all of it distance (share 1): × 64 / 768 → 241.55 at 768.
        #expect(Self.close(p.searchPoint?.qpsPerCore ?? 0, 2_898.550_725))
        #expect(Self.close(p.scaling.searchTime, 12))
        #expect(Self.close(p.qpsPerCore ?? 0, 241.545_893_7))
        // Nodes by CPU = ⌈100,000 / (241.5459 × 32 × 0.7 = 5,410.63)⌉ = ⌈18.48⌉ = 19.
        #expect(p.nodesByCPU == 19)
        // Pages: a 768-d vector (3 KiB) spans 1 + 3,071/4,096 = 1.74976 pages at a random offset, a 64-d one
        // 1 + 255/4,096 = 1.06226: 921 × 1.647211 = 1,517.08 pages per query.
        #expect(Self.close(p.tlb.pagesPerQuery4K ?? 0, 921 * 1.749_755_859_375 / 1.062_255_859_375))
        #expect(p.warnings.contains { $0.hasPrefix("dimension 768 was not measured (the run had 64)") })
        // 2,000 vectors per tenant is what the run had (100,000 / 200 = 500 measured): warned too.
        #expect(p.warnings.contains { $0.contains("2,000 vectors per tenant, the run measured 500") })
        #expect(p.warnings.contains { $0.contains("tenants per node, the run measured 200") })
        let text = plan.markdown()
        #expect(text.contains("## Beyond what was measured"))
        #expect(text.contains("QPS/core planned = measured ÷ (s × d_plan/d_run + 1 − s)"))
        // Half the time in distances: × (0.5 × 12 + 0.5) = 6.5.
        request.distanceShare = 0.5
        let half = try CapacityPlan(request: request, measurements: PlanMeasurements.from(.run(run)), source: "run64.json").configurations[0]
        #expect(Self.close(half.qpsPerCore ?? 0, 2_898.550_725 / 6.5))
        // Planning at the measured dimension scales nothing and warns of nothing about it.
        request.dimension = 64
        let same = try CapacityPlan(request: request, measurements: PlanMeasurements.from(.run(run)), source: "run64.json").configurations[0]
        #expect(same.scaling.searchTime == 1 && same.scaling.pages4K == 1)
        #expect(!same.warnings.contains { $0.hasPrefix("dimension") })
    }

    @Test("the device fsync rate comes from bench-wal or a flag, never from 1000 ÷ fsync p99 (27.5/s)")
    func deviceFsyncRate() throws {
        let run = PlanFixtures.run64()
        var request = PlanFixtures.request
        let unknown = try CapacityPlan(request: request, measurements: PlanMeasurements.from(.run(run)), source: "run64.json")
        let f = try #require(unknown.configurations[0].fsync)
        #expect(f.device == nil)
        #expect(f.fsyncUtilization == nil)
        #expect(unknown.configurations[0].notes.contains { $0.hasPrefix("device fsync rate unknown") })
        let text = unknown.markdown()
        #expect(!text.contains("27.5"))
        #expect(text.contains("Device fsync rate unknown"))

        request.deviceFsync = try DeviceFsyncRate.from(PlanFixtures.benchWAL(), source: "reports/bench-wal/wal.json")
        #expect(request.deviceFsync?.perSecond == 10_700, "the append-preallocated cell, the WAL's own pattern")
        let measured = try CapacityPlan(request: request, measurements: PlanMeasurements.from(.run(run)), source: "run64.json")
        let g = try #require(measured.configurations[0].fsync)
        #expect(g.device?.perSecond == 10_700)
        #expect(Self.close(g.fsyncUtilization ?? 0, g.fsyncsPerSecondPerNode / 10_700))
        #expect(measured.markdown().contains("10,700/s from bench-wal reports/bench-wal/wal.json (append-preallocated"))

        #expect(throws: ReportError.self) { try DeviceFsyncRate.from(PlanFixtures.benchWAL(rawSyncsPerSecond: .infinity), source: "w.json") }
        request.deviceFsync = DeviceFsyncRate(perSecond: 0, source: "--device-fsyncs-per-second")
        #expect(throws: ReportError.invalidPlanInput(option: "--device-fsyncs-per-second", detail: "must be in (0, 10^9], got 0.0")) {
            try request.validate()
        }
    }

    @Test("the write rate is an input; the run's mix is the default, and the plan says so")
    func writeRate() throws {
        let run = PlanFixtures.run64()
        var request = PlanFixtures.request
        let mix = try CapacityPlan(request: request, measurements: PlanMeasurements.from(.run(run)), source: "run64.json").configurations[0]
        let nodes = Double(try #require(mix.nodes))
        let f = try #require(mix.fsync)
        #expect(!f.writeRateGiven)
        // The run wrote 7,198 times for 48,792 searches.
        #expect(Self.close(f.writesPerSecondPerNode, 100_000 * 7_198 / 48_792 / nodes))
        #expect(mix.notes.contains { $0.hasPrefix("write rate from the run's mix") && $0.contains("--writes-per-second") })
        request.writesPerSecond = 5_000
        let given = try CapacityPlan(request: request, measurements: PlanMeasurements.from(.run(run)), source: "run64.json").configurations[0]
        let g = try #require(given.fsync)
        #expect(g.writeRateGiven)
        #expect(Self.close(g.writesPerSecondPerNode, 5_000 / nodes))
        #expect(Self.close(g.fsyncsPerSecondPerNode, 5_000 / nodes * 160 / 7_198))
        #expect(!given.notes.contains { $0.hasPrefix("write rate from the run's mix") })
    }

    @Test("the RSS bound is never below the plan's own bytes per vector")
    func rssBound() throws {
        let run = PlanFixtures.run64()
        let plan = try CapacityPlan(request: PlanFixtures.request, measurements: PlanMeasurements.from(.run(run)), source: "run64.json")
        for p in plan.configurations {
            if let bound = p.rssBoundPerVector { #expect(bound >= p.indexBytesPerVector) }
        }
        // RSS at the run: 318 MB × 1.04 / 100,000 points = 3,307 B per vector at 64 dims, above the 560 B measured:
        // carried to 768 dims by the bytes the planned vectors add.
        let p = plan.configurations[0]
        let measured = try #require(p.measurements.segmentBytesPerVector)
        #expect(Self.close(p.rssBoundPerVector ?? 0, 318_000_000 * 1.04 / 100_000 + p.indexBytesPerVector - measured))
        // RSS below the index the run mapped (segments not all resident) bounds nothing: no figure, a note.
        var low = PlanMeasurements.from(run.configurations[0], run: run)
        low.rssBytesPerVector = 300
        let q = CapacityPlan.plan(low, PlanFixtures.request)
        #expect(q.rssBoundPerVector == nil)
        #expect(q.notes.contains { $0.contains("RSS bounds nothing") })
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
        // RAM/tenant = 10,000 × 3,299.1969 = 32,991,968.9 B (31.5 MiB).
        #expect(Self.close(p.ramPerTenant, 32_991_968.94))
        // Nodes by RAM = ⌈50,000 × 32,991,968.9 / (256 GiB × 0.8 = 219,902,325,555)⌉ = ⌈7.5015⌉ = 8.
        #expect(p.nodesByRAM == 8)
        // QPS/core: open-loop steady phase (recall 0.962 ≥ 0.95): 1 s / mean service 345 µs = 2,898.55 at 96 dims
        // (the burst phase, 0.951, is slower: 1 s / 379.5 µs = 2,635); at 768 dims ÷ 8 = 362.32.
        #expect(p.searchPoint?.phase == "steady")
        #expect(Self.close(p.searchPoint?.qpsPerCore ?? 0, 2_898.550_725))
        #expect(Self.close(p.qpsPerCore ?? 0, 362.318_840_6))
        // Nodes by CPU = ⌈100,000 / (362.32 × 32 × 0.7 = 8,115.94)⌉ = ⌈12.32⌉ = 13 → CPU binds: 13 nodes.
        #expect(p.nodesByCPU == 13)
        #expect(p.nodes == 13)
        #expect(p.bindingResource == "CPU")
        #expect(p.tenantsPerNode == 3_847)
        // WALs: a WAL per collection, a collection per tenant → 3,847 WALs per node, each holding at most the
        // threshold's 2,000 × 3,055.96 = 6,111,927 B of tail, so one 16 MiB segment each: 64,541,949,952 B per node;
        // disk/tenant = 32,991,968.9 + 16,777,216 = 49,769,184.9 B.
        let wal = try #require(p.wal)
        #expect(wal.wals == 3_847)
        #expect(Self.close(wal.tailBytes, 3_847 * 2_000 * 3_055.963_636))
        #expect(wal.diskBytes == 64_541_949_952)
        #expect(Self.close(p.diskPerTenant, 49_769_184.94))
        // TLB: 921 pages per query at 96 dims × (1 + 3,071/4,096) / (1 + 383/4,096) = 1,473.72 at 768 of 1,536 entries;
        // reach 6 MiB and 3 GiB; 3,847 tenants × 32,991,968.9 B per node = 20,173.4× the 4 KiB reach, 39.40× the 2 MiB reach.
        #expect(Self.close(p.tlb.pagesPerQuery4K ?? 0, 1_473.723_375_753))
        #expect(p.tlb.reach4K == 6_291_456)
        #expect(p.tlb.reach2M == 3_221_225_472)
        #expect(Self.close(p.tlb.workingSetPerNode / p.tlb.reach4K, 20_173.407_318))
        #expect(Self.close(p.tlb.workingSetPerNode / p.tlb.reach2M, 39.401_186_17))
        #expect(p.tlb.dTLBMissesPerOperation == .value(1_850))
        // fsync: measured phases searched 20,000 + 28,792 = 48,792 times; the burst wrote 5,398 upserts + 1,800 deletes
        // = 7,198 writes with 160 fsyncs (0.0222284 per write). Writes/s per node = 100,000 × 7,198 / 48,792 / 13 = 1,134.80;
        // fsyncs/s = 25.22; no device rate given → utilization unknown.
        let f = try #require(p.fsync)
        #expect(Self.close(f.writesPerSecondPerNode, 1_134.801_417_6))
        #expect(Self.close(f.fsyncsPerSecondPerNode, 25.224_816_17))
        #expect(f.device == nil && f.fsyncUtilization == nil)
        // Seals: 4 per 53,980 upserted points; points/s per node = 1,134.80 × 53,980 / 7,198 = 8,510.2 → 0.63062 seals/s;
        // × 0.85 s ÷ 2 slots = 26.8 %.
        #expect(Self.close(f.sealsPerSecondPerNode ?? 0, 0.630_620_404_4))
        #expect(Self.close(f.sealUtilization ?? 0, 0.268_013_671_9))
    }

    @Test("a given device fsync rate is used; nothing scales at the measured dimension")
    func ramBound() throws {
        var request = Self.request
        request.dimension = 96
        request.deviceFsync = DeviceFsyncRate(perSecond: 20_000, source: "--device-fsyncs-per-second")
        let p = try Self.plan(request)
        // At 96 dims nothing scales: ⌈100,000 / (2,898.55 × 32 × 0.7 = 64,927.5)⌉ = 2 nodes by CPU;
        // by RAM ⌈50,000 × 10,000 × 560 B / 219,902,325,555⌉ = ⌈1.27⌉ = 2.
        #expect(p.scaling.searchTime == 1)
        #expect(p.nodesByCPU == 2 && p.nodesByRAM == 2)
        #expect(p.bindingResource == "RAM and CPU")
        #expect(p.fsync?.device?.perSecond == 20_000)
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
        #expect(p.fsync == nil && p.wal == nil)
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

    @Test("the plan's Markdown and HTML match their golden files; the HTML is built from the plan, not its Markdown")
    func golden() throws {
        let plan = try CapacityPlan(request: Self.request, measurements: PlanMeasurements.from(.run(RunFixtures.threeConfigurations())),
                                    source: "three-configurations.json")
        try GoldenFile.check(plan.markdown(), "plan.md")
        let html = plan.html()
        try GoldenFile.check(html, "plan.html")
        #expect(html.contains("<svg class=\"chart bars\""))
        #expect(!html.contains("<script"))
        #expect(!html.contains("**") && !html.contains("| "), "no Markdown left in the page")
    }
}

@Suite("bench-wal report")
struct WALReportTests {
    @Test("the bench-wal Markdown matches its golden file")
    func golden() throws {
        var wal = PlanFixtures.benchWAL()
        wal.cells = [
            .init(tenants: 8, mode: .perCollection, rounds: [], writesPerSecond: 9_000, p50Microseconds: 800, p99Microseconds: 2_400,
                  fsyncsPerSecond: 9_000, meanGroupSize: 1, writesPerRawSync: 0.84),
            .init(tenants: 8, mode: .sharedGroupCommit, rounds: [], writesPerSecond: 40_000, p50Microseconds: 190, p99Microseconds: 420,
                  fsyncsPerSecond: 8_000, meanGroupSize: 5, writesPerRawSync: 3.74),
        ]
        wal.ratios = [.init(tenants: 8, groupCommitOverPerCollection: 4.44, groupCommitOverNaive: nil, perCollectionOverNaive: nil,
                            naiveP99OverGroupCommitP99: nil, perCollectionFsyncsOverGroupCommit: 1.125)]
        wal.notes = ["warm cache"]
        try GoldenFile.check(WALReport.markdown(wal), "bench-wal.md")
    }
}
