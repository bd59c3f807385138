import BenchModel

/// An ANN sweep over four ef values, for the smaller report.
enum AnnFixtures {
    static func run(ef: Int, recall: Double, qps: Double) -> AnnResult.EfRun {
        let efs = Double(ef)
        return AnnResult.EfRun(
            ef: ef, recall: recall, qps: qps, qpsSamples: [qps * 0.98, qps, qps * 1.01], meanLatencyMicroseconds: 1e6 / qps,
            p50LatencyMicroseconds: 0.95e6 / qps, p99LatencyMicroseconds: 2.1e6 / qps, maxLatencyMicroseconds: 6e6 / qps,
            meanDistanceEvaluations: efs * 14, meanVisitedNodes: efs * 12, meanPagesTouched4K: efs * 9, meanPagesTouched2M: 5,
            meanVectorPages4K: efs * 6, meanLinkPages4K: efs * 3, statisticsOverhead: 1.04)
    }

    static let sweep = AnnResult(
        context: RunFixtures.context(pmu: true),
        dataset: AnnResult.DatasetSummary(
            base: "data/run-20k/base.fvecs", queries: "data/run-20k/queries.fvecs", groundtruth: "data/run-20k/groundtruth.ivecs",
            count: 20_000, dimension: 96, queryCount: 500, metric: "l2"),
        build: AnnResult.BuildSummary(
            m: 16, m0: 32, efConstruction: 100, threads: 2, seconds: 3.2, storage: "mmap", advice: "random", indexBytes: 10_900_000,
            saveSeconds: 0.04, openSeconds: 0.002, maxLevel: 3, mappedResidentBytes: 10_500_000, mappedHugePageBytes: 0),
        k: 10, repeat: 3, peakRSSBytes: 61_000_000,
        runs: [run(ef: 16, recall: 0.871, qps: 21_000), run(ef: 32, recall: 0.934, qps: 13_400),
               run(ef: 64, recall: 0.973, qps: 8_100), run(ef: 128, recall: 0.991, qps: 4_700)])
}
