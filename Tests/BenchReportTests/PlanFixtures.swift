import BenchModel
@testable import BenchReport

/// The situation issue #10 found `plan` wrong in: a run measured at 64
/// dimensions (fsync p99 36.36 ms, so 1000 ÷ p99 would "estimate" 27.5
/// fsyncs/s) planned for 50,000 tenants × 2,000 vectors × 768 dimensions,
/// with a bench-wal document that measured the device at 10,700 fdatasync/s.
enum PlanFixtures {
    static let request = CapacityPlanRequestValues.fiftyThousandTenants

    /// The three-configuration run at 64 dimensions and a slow fsync p99;
    /// `tenancy` and `walScope` for its first configuration.
    static func run64(tenancy: EngineSettings.Tenancy = .sharedCollection, walScope: EngineSettings.WALScope = .perCollection) -> RunResult {
        var run = RunFixtures.threeConfigurations()
        run.workload.dimension = 64
        for index in run.configurations.indices {
            run.configurations[index].settings.tenancy = tenancy
            run.configurations[index].settings.walScope = walScope
            for phase in run.configurations[index].phases.indices {
                run.configurations[index].phases[phase].engine?.fsyncP99Milliseconds = 36.36
            }
        }
        return run
    }

    static func benchWAL(rawSyncsPerSecond: Double = 10_700) -> WALBenchResult {
        let round = WALBenchResult.Round(seconds: 1, operations: 10_700, fsyncs: 10_700, p50Microseconds: 90, p99Microseconds: 160,
                                         maxMicroseconds: 900)
        return WALBenchResult(
            context: RunFixtures.context(pmu: true),
            configuration: .init(dataDirectory: "/data", fileSystem: "ext4", secondsPerRound: 1, rounds: 1, tenants: [1],
                                 payloadBytes: 3_072, recordBytes: 3_112, segmentBytes: 16 << 20, replayTargetBytes: 1 << 30),
            rawSync: [
                .init(pattern: "overwrite", writeBytes: 4096, rounds: [round], syncsPerSecond: 20_000, p50Microseconds: 50, p99Microseconds: 80),
                .init(pattern: "append-preallocated", writeBytes: 4096, rounds: [round], syncsPerSecond: rawSyncsPerSecond,
                      p50Microseconds: 90, p99Microseconds: 160),
            ],
            cells: [], ratios: [], replay: .init(walBytes: 0, records: 0, segments: 0, warmCache: true, rounds: [],
                                                 megabytesPerSecond: 0, recordsPerSecond: 0, openSeconds: 0),
            notes: [])
    }
}


enum CapacityPlanRequestValues {
    /// 50,000 tenants × 2,000 vectors × 768 dimensions, recall ≥ 0.95 at
    /// 100,000 searches/s on 256 GiB / 32-core nodes.
    static let fiftyThousandTenants = CapacityPlanRequest(
        tenants: 50_000, vectorsPerTenant: 2_000, dimension: 768, targetRecall: 0.95, peakQPS: 100_000,
        nodeRAMBytes: 256 * 1_073_741_824, nodeCores: 32)
}
