import BenchModel
import Testing
@testable import BenchReport

@Suite("the verdict rule")
struct VerdictTests {
    typealias Side = VerdictRule.Side
    static let p99 = MetricCatalog.latency(.search, .p99)

    @Test("an interval from repetitions that spans 1 is no difference")
    func repetitionsSpanningOne() throws {
        let judgement = try #require(VerdictRule.judge(Self.p99, reference: Side(samples: [1_000, 1_100, 1_050]),
                                                       candidate: Side(samples: [1_040, 1_080, 990])))
        #expect(judgement.basis == .repetitions(reference: 3, candidate: 3))
        let interval = try #require(judgement.interval)
        #expect(interval.contains(1))
        #expect(judgement.outcome == .noDifference)
    }

    @Test("percentile intervals of one run each: overlapping is no difference, apart is a winner")
    func percentileIntervals() throws {
        let reference = Side(samples: [1_000], percentileIntervals: [[900, 1_100]])
        let overlapping = try #require(VerdictRule.judge(Self.p99, reference: reference,
                                                         candidate: Side(samples: [1_050], percentileIntervals: [[950, 1_200]])))
        #expect(overlapping.basis == .percentileIntervals)
        #expect(overlapping.outcome == .noDifference)
        let slower = try #require(VerdictRule.judge(Self.p99, reference: reference,
                                                    candidate: Side(samples: [2_000], percentileIntervals: [[1_800, 2_300]])))
        #expect(slower.outcome == .worse, "lower latency is better: the reference wins")
        #expect(slower.interval == (1_800.0 / 1_100)...(2_300.0 / 900))
        // A candidate its samples cannot bound from above may be as slow as any reference.
        let unbounded = try #require(VerdictRule.judge(Self.p99, reference: reference,
                                                       candidate: Side(samples: [700], percentileIntervals: [[600]])))
        #expect(unbounded.interval?.upperBound == .infinity)
        #expect(unbounded.outcome == .noDifference)
        // A reference unbounded above is still slower than a candidate below its lower bound.
        let faster = try #require(VerdictRule.judge(Self.p99, reference: Side(samples: [1_000], percentileIntervals: [[900]]),
                                                    candidate: Side(samples: [700], percentileIntervals: [[600, 800]])))
        #expect(faster.outcome == .better)
    }

    @Test("the winner follows each metric's direction")
    func direction() throws {
        let low = Side(samples: [1_000, 1_010, 990]), high = Side(samples: [1_500, 1_490, 1_510])
        #expect(VerdictRule.judge(MetricCatalog.throughput, reference: low, candidate: high)?.outcome == .better)
        #expect(VerdictRule.judge(Self.p99, reference: low, candidate: high)?.outcome == .worse)
        #expect(VerdictRule.judge(Self.p99, reference: high, candidate: low)?.outcome == .better)
        // Deterministic: compared exactly, one run is enough.
        let recall = try #require(VerdictRule.judge(MetricCatalog.recall, reference: Side(samples: [0.95]), candidate: Side(samples: [0.97])))
        #expect(recall.basis == .exact && recall.outcome == .better)
        // A neutral metric is not judged.
        #expect(VerdictRule.judge(MetricCatalog.offeredRate, reference: low, candidate: high) == nil)
    }

    @Test("one run each without an interval is unconfirmed; a negligible change is no difference")
    func unconfirmedAndNegligible() {
        #expect(VerdictRule.judge(MetricCatalog.rss, reference: Side(samples: [100]), candidate: Side(samples: [120]))?.outcome
                == .unconfirmed)
        #expect(VerdictRule.judge(MetricCatalog.throughput, reference: Side(samples: [1_000]), candidate: Side(samples: [1_000.5]))?
                .outcome == .noDifference)
        #expect(VerdictRule.judge(MetricCatalog.distanceEvaluations, reference: Side(samples: [1_512]),
                                  candidate: Side(samples: [1_512]))?.outcome == .noDifference)
    }

    /// Three repetitions each; the candidate's searches do twice the
    /// distance evaluations and a few more 4 KiB pages, and are slower.
    static func slowerWithMoreWork() -> RunResult {
        var run = RunFixtures.repeatedOnVirtualMachine()
        let slower = RunFixtures.repeatedOnVirtualMachine(jitters: [1.5, 1.52, 1.49])
        for var configuration in slower.configurations where configuration.name == "shared-process" {
            configuration.name = "ef-256"
            for index in configuration.phases.indices {
                guard var search = configuration.phases[index].search, var perQuery = search.perQuery else { continue }
                perQuery.distanceEvaluations *= 2
                perQuery.pagesTouched4K *= 1.1
                search.perQuery = perQuery
                configuration.phases[index].search = search
            }
            run.configurations.append(configuration)
        }
        return run
    }

    @Test("a run's verdict names the winner and the deterministic cost that moved with it")
    func runVerdict() throws {
        let verdict = Verdict(run: Self.slowerWithMoreWork())
        #expect(verdict.reference == "shared-process")
        let finding = try #require(verdict.findings.first {
            $0.candidate == "ef-256" && $0.phase == "steady" && $0.metric.id == "search.p99"
        })
        #expect(finding.judgement.outcome == .worse)
        #expect(finding.winner == "shared-process")
        #expect(finding.why.map(\.metric.id).prefix(2) == ["distance-evaluations", "pages-4k"], "the larger move first")
        #expect(finding.why.first?.ratio == 2)
        let text = verdict.text()
        #expect(text.contains("shared-process better"))
        #expect(text.contains("distance evaluations 1,512/query → 3,024/query (2.00×)"), "\(text)")
        // RSS has no deterministic explanation, and ratios that span 1 name no winner.
        let rss = try #require(verdict.findings.first { $0.candidate == "ef-256" && $0.phase == "steady" && $0.metric.id == "rss" })
        #expect(rss.why.isEmpty)
    }

    @Test("a verdict opens every run report")
    func firstInEveryReport() {
        let run = Self.slowerWithMoreWork()
        #expect(RunReport.text(run).split(separator: "\n")[3].hasPrefix("Verdict"))
        let markdown = RunReport.markdown(run)
        #expect(markdown.range(of: "## Verdict")!.lowerBound < markdown.range(of: "## Configurations")!.lowerBound)
        let html = RunReport.html(run)
        #expect(html.range(of: "<section id=\"verdict\">")!.lowerBound < html.range(of: "<section id=\"overview\">")!.lowerBound)
    }

    @Test("one configuration has nothing to compare, and says so")
    func single() {
        var run = RunFixtures.repeatedOnVirtualMachine()
        run.configurations.removeAll { $0.name != "shared-process" }
        let verdict = Verdict(run: run)
        #expect(verdict.findings.isEmpty)
        #expect(verdict.text().contains("one configuration (shared-process): nothing to compare"))
    }

    @Test("medians over repetitions carry their spread")
    func spread() {
        let text = RunReport.text(RunFixtures.repeatedOnVirtualMachine(jitters: [1.0, 1.04, 0.98]))
        #expect(text.contains("310 µs ±4.0 %"), "\(text)")
        #expect(text.contains("±: the largest distance of one run from the median"))
    }
}
