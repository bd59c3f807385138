import BenchModel
import Foundation
import Testing
@testable import BenchReport

@Suite("vecbench compare")
struct CompareTests {
    static let three = RunFixtures.threeConfigurations()

    func row(_ comparison: RunComparison, table: String, phase: String, metric: String) -> RunComparison.Row? {
        comparison.tables.first { $0.title == table }?.rows.first { $0.phase == phase && $0.metric.id == metric }
    }

    @Test("one document: configurations side by side, the better side by each metric's direction")
    func configurationsSideBySide() throws {
        let comparison = try RunComparison([("three", .run(Self.three))])
        #expect(comparison.layout == .byConfiguration)
        #expect(comparison.tables.first?.columns.map(\.title) == ["shared-process", "workers-8"])
        // Latency: lower is better — shared-process (310 µs) beats workers-8 (418.5 µs).
        let p50 = try #require(row(comparison, table: "configurations", phase: "steady", metric: "search.p50"))
        #expect(p50.best == 0)
        #expect(p50.cells[1].delta == 310 * 1.35 - 310)
        #expect(abs((p50.cells[1].relative ?? 0) - 0.35) < 1e-12)
        // Throughput: higher is better — the burst phase, where workers-8 fell behind.
        let throughput = try #require(row(comparison, table: "configurations", phase: "burst", metric: "throughput"))
        #expect(throughput.best == 0)
        #expect((throughput.cells[1].relative ?? 0) < 0)
        // Misses per operation: lower is better.
        #expect(row(comparison, table: "configurations", phase: "steady", metric: "dtlb-misses")?.best == 0)
        // A neutral metric has no better side.
        #expect(row(comparison, table: "configurations", phase: "burst", metric: "offered-rate")?.best == nil)
        #expect(comparison.warnings.contains { $0.contains("huge-pages failed") })
    }

    @Test("higher-is-better metrics pick the larger value")
    func higherIsBetter() throws {
        var better = Self.three
        better.configurations[0].phases[1].recall?.mean = 0.99
        let comparison = try RunComparison([("before", .run(Self.three)), ("after", .run(better))])
        #expect(comparison.layout == .byDocument)
        let recall = try #require(row(comparison, table: "shared-process", phase: "steady", metric: "recall"))
        #expect(recall.best == 1)
        #expect(abs((recall.cells[1].delta ?? 0) - 0.028) < 1e-12)
        let unchanged = try #require(row(comparison, table: "shared-process", phase: "steady", metric: "search.p50"))
        #expect(unchanged.best == nil, "equal values have no better side")
        #expect(comparison.markdown().contains("| steady | recall (mean) | 0.9620 | **0.9900 (+0.0280, +2.9 %)** | after |"))
    }

    @Test("documents from different machines are compared with a warning; a counter missing on one side is n/a, not 0")
    func machinesDiffer() throws {
        let comparison = try RunComparison([("vm", .run(RunFixtures.repeatedOnVirtualMachine())), ("epyc", .run(Self.three))])
        #expect(comparison.warnings.first?.hasPrefix("epyc was measured on AMD EPYC 7B13 × 8") == true)
        let dTLB = try #require(row(comparison, table: "shared-process", phase: "steady", metric: "dtlb-misses"))
        #expect(dTLB.cells[0].value?.unavailableReason == RunFixtures.vmReason)
        #expect(dTLB.cells[1].delta == nil)
        #expect(dTLB.best == nil)
        #expect(comparison.text().contains("[1] unavailable — \(RunFixtures.vmReason)"))
    }

    @Test("repetitions whose ranges overlap are marked as within noise")
    func noise() throws {
        let a = RunFixtures.repeatedOnVirtualMachine(jitters: [1.0, 1.04, 0.98])
        let b = RunFixtures.repeatedOnVirtualMachine(jitters: [1.02, 1.03, 0.99])
        let comparison = try RunComparison([("a", .run(a)), ("b", .run(b))], metrics: ["search.p50"])
        let p50 = try #require(row(comparison, table: "shared-process", phase: "steady", metric: "search.p50"))
        #expect(p50.cells[1].withinNoise)
        #expect(p50.best == nil, "a difference within the spread names no better side")
        #expect(p50.cells[1].judgement?.outcome == .noDifference)
        #expect(comparison.tables[0].rows.allSatisfy { $0.metric.id == "search.p50" })
        #expect(comparison.verdict.findings.isEmpty, "the verdict keeps to --metrics too")
        let p99 = try RunComparison([("a", .run(a)), ("b", .run(b))], metrics: ["search.p99"])
        #expect(!p99.verdict.findings.isEmpty && p99.verdict.findings.allSatisfy { $0.metric.id == "search.p99" })
    }

    @Test("a ±0.0 % difference names no better side; one run each without an interval is marked unconfirmed")
    func negligibleAndUnconfirmed() throws {
        var nudged = Self.three
        nudged.configurations[0].phases[1].achievedRate += 0.5
        nudged.configurations[0].phases[1].os.rssBytes = Reading(value: 400_000_000)
        let comparison = try RunComparison([("before", .run(Self.three)), ("after", .run(nudged))])
        let throughput = try #require(row(comparison, table: "shared-process", phase: "steady", metric: "throughput"))
        #expect(throughput.cells[1].relative.map { abs($0) < 0.001 } == true)
        #expect(throughput.best == nil)
        let rss = try #require(row(comparison, table: "shared-process", phase: "steady", metric: "rss"))
        #expect(rss.best == 0 && !rss.bestConfirmed)
        #expect(comparison.text().contains("before?"))
    }

    @Test("columns of a/result.json b/result.json are titled by run id, or by directory when run ids repeat")
    func labels() {
        #expect(DocumentLabels.unique(paths: ["a/result.json", "b/result.json"], runIDs: ["r1", "r2"]) == ["r1", "r2"])
        #expect(DocumentLabels.unique(paths: ["x/a/result.json", "x/b/result.json"], runIDs: ["r", "r"]) == ["a", "b"])
        #expect(DocumentLabels.unique(paths: ["baseline.json", "current.json"], runIDs: ["r", "r"]) == ["baseline", "current"])
        #expect(DocumentLabels.unique(paths: ["result.json", "result.json"], runIDs: [nil, nil]) == ["result.json", "result.json #2"])
    }

    @Test("unknown --metrics ids and globs that match nothing are named")
    func unknownMetrics() {
        #expect(MetricCatalog.unknownPatterns(["nonsense", "search.*", "recall", "zz*", "modelled.page-walks"]) == ["nonsense", "zz*"])
        #expect(MetricCatalog.listing.count == MetricCatalog.knownIDs.count)
        #expect(MetricCatalog.listing.allSatisfy { !$0.meaning.isEmpty }, "\(MetricCatalog.listing.filter { $0.meaning.isEmpty }.map(\.id))")
    }

    @Test("a run and an ANN result cannot be compared")
    func mismatchedSchemas() {
        #expect(throws: ReportError.self) {
            try RunComparison([("run", .run(Self.three)), ("ann", .ann(AnnFixtures.sweep))])
        }
    }

    @Test("compare output matches its golden files")
    func golden() throws {
        let comparison = try RunComparison([("vm", .run(RunFixtures.repeatedOnVirtualMachine())),
                                            ("vm-slower", .run(RunFixtures.repeatedOnVirtualMachine(jitters: [1.2, 1.25, 1.22])))])
        try GoldenFile.check(comparison.text(), "compare-documents.txt")
        try GoldenFile.check(try RunComparison([("three", .run(Self.three))]).markdown(), "compare-configurations.md")
    }
}
