import BenchModel
import Foundation
import Testing
@testable import BenchReport

@Suite("vecbench check")
struct CheckTests {
    static let baseline = RunFixtures.repeatedOnVirtualMachine()

    func check(_ current: RunResult, baseline: RunResult = CheckTests.baseline, thresholds: CheckThresholds = .defaults,
               failOnImprovement: Bool = false) throws -> CheckOutcome {
        try RegressionCheck.evaluate(baseline: .run(baseline), current: .run(current), thresholds: thresholds,
                                     failOnImprovement: failOnImprovement)
    }

    @Test("identical runs pass with exit 0, every gated figure within thresholds")
    func identical() throws {
        let outcome = try check(Self.baseline)
        #expect(outcome.exitCode == .pass)
        #expect(outcome.exitCode.rawValue == 0)
        #expect(outcome.regressions.isEmpty && outcome.improvements.isEmpty)
        #expect(outcome.passed.count == 20)
        #expect(outcome.warnings.isEmpty)
    }

    @Test("latency 22 % worse on every repetition is a regression: exit 2, named per figure")
    func regression() throws {
        let slower = RunFixtures.repeatedOnVirtualMachine(jitters: [1.2, 1.25, 1.22])
        let outcome = try check(slower)
        #expect(outcome.exitCode == .regression)
        #expect(outcome.exitCode.rawValue == 2)
        let steadyP99 = try #require(outcome.findings.first { $0.subject.phase == "steady" && $0.metric.id == "search.p99" })
        #expect(steadyP99.verdict == .regression)
        // Medians: baseline jitters 0.98/1.0/1.04 → 1.0; current 1.2/1.22/1.25 → 1.22.
        #expect(steadyP99.baseline == .value(1_250))
        #expect(abs((steadyP99.current?.number ?? 0) - 1_250 * 1.22) < 1e-9)
        // p99.9 moved 22 % too, but its threshold is 25 %.
        #expect(outcome.findings.first { $0.subject.phase == "steady" && $0.metric.id == "search.p999" }?.verdict == .pass)
        #expect(outcome.headline.hasPrefix("REGRESSION — 20 figures checked: 13 regressed, 0 improved, 7 within thresholds, 8 skipped"))
    }

    @Test("a percentile with fewer than ten samples beyond it is not gated: the reason names the count and the need")
    func percentileNotGated() throws {
        let slower = RunFixtures.repeatedOnVirtualMachine(jitters: [1.2, 1.25, 1.22])
        let outcome = try check(slower)
        let deleteP999 = try #require(outcome.findings.first { $0.subject.phase == "burst" && $0.metric.id == "delete.p999" })
        #expect(deleteP999.verdict == .skipped)
        #expect(deleteP999.reason == "not gated: 1,800 samples, need 10,000 (10 beyond the percentile)")
        // 1,800 samples are enough for p99 (18 beyond it): judged.
        #expect(outcome.findings.first { $0.subject.phase == "burst" && $0.metric.id == "delete.p99" }?.verdict == .regression)
    }

    @Test("statistical figures: medians 13 % apart but a bootstrap interval reaching below +10 % is not a regression")
    func bootstrapInterval() throws {
        // Baseline jitters 0.98/1.0/1.04; current 0.95/1.13/1.45: the median
        // moved +13 %, but one current run is faster than every baseline run.
        let noisy = RunFixtures.repeatedOnVirtualMachine(jitters: [0.95, 1.13, 1.45])
        let outcome = try check(noisy)
        let p50 = try #require(outcome.findings.first { $0.subject.phase == "steady" && $0.metric.id == "search.p50" })
        #expect(abs((p50.relative ?? 0) - 0.13) < 1e-9)
        #expect(p50.verdict == .pass)
        let interval = try #require(p50.relativeInterval)
        #expect(interval[0] < 0.10 && interval[1] > 0.10)
        #expect(p50.reason.contains("95 % interval of the change (runs, then samples within runs)"))
        // Every current run beyond every baseline run by more than 10 %: a regression.
        let steady = RunFixtures.repeatedOnVirtualMachine(jitters: [1.2, 1.2, 1.2])
        #expect(try check(steady).findings.first { $0.subject.phase == "steady" && $0.metric.id == "search.p50" }?.verdict == .regression)
    }

    @Test("deterministic figures are classed, listed first, and gated on the medians")
    func deterministicFirst() throws {
        #expect(MetricClass.of("distance-evaluations") == .deterministic)
        #expect(MetricClass.of("modelled.dtlb-misses") == .deterministic)
        #expect(MetricClass.of("instructions") == .deterministic)
        #expect(MetricClass.of("recall") == .deterministic)
        #expect(MetricClass.of("search.p99") == .statistical)
        #expect(MetricClass.of("throughput") == .statistical)
        #expect(MetricClass.of("rss") == .statistical)
        var more = Self.baseline
        for run in more.configurations.indices {
            for phase in more.configurations[run].phases.indices {
                more.configurations[run].phases[phase].search?.perQuery?.distanceEvaluations *= 1.03
            }
        }
        let outcome = try check(more)
        #expect(outcome.regressions.map(\.metric.id) == ["distance-evaluations", "distance-evaluations"])
        let firstStatistical = try #require(outcome.findings.firstIndex { $0.metricClass == .statistical })
        #expect(outcome.findings[..<firstStatistical].allSatisfy { $0.metricClass == .deterministic })
        #expect(outcome.findings[firstStatistical...].allSatisfy { $0.metricClass == .statistical })
    }

    @Test("only improvements: exit 0, or 4 with --fail-on-improvement")
    func improvement() throws {
        let faster = RunFixtures.repeatedOnVirtualMachine(jitters: [0.8, 0.82, 0.79])
        #expect(try check(faster).exitCode == .pass)
        let strict = try check(faster, failOnImprovement: true)
        #expect(strict.exitCode == .improvement)
        #expect(strict.exitCode.rawValue == 4)
        #expect(strict.regressions.isEmpty && !strict.improvements.isEmpty)
        #expect(strict.junit().contains("<failure type=\"improvement\""))
    }

    @Test("no baseline: exit 5, with a JUnit failure and Markdown saying so")
    func baselineMissing() throws {
        let missing = CheckOutcome.missingBaseline("baselines/ci.json", currentLabel: "current.json")
        #expect(missing.exitCode.rawValue == 5)
        #expect(missing.junit().contains("<failure type=\"baseline-missing\" message=\"baseline baselines/ci.json does not exist"))
        #expect(missing.markdown().hasPrefix("## ⚪ vecbench check: BASELINE MISSING"))
        // A baseline without any configuration of the current run is as good as none.
        var other = Self.baseline
        for index in other.configurations.indices { other.configurations[index].name = "something-else" }
        let outcome = try check(Self.baseline, baseline: other)
        #expect(outcome.exitCode == .baselineMissing)
        #expect(outcome.warnings.contains { $0.hasPrefix("shared-process: not in the baseline") })
    }

    @Test("fewer repetitions than the minimum: a warning that the verdict may be noise")
    func tooFewRepetitions() throws {
        let single = RunFixtures.repeatedOnVirtualMachine(jitters: [1.0])
        let outcome = try check(single)
        #expect(outcome.exitCode == .pass)
        #expect(outcome.warnings == [
            "shared-process: 3 baseline and 1 current run — fewer than 3, too few to tell a regression from noise",
        ])
        let relaxed = try check(single, thresholds: CheckThresholds(minimumRepetitions: 1, rules: CheckThresholds.defaultRules))
        #expect(relaxed.warnings.isEmpty)
    }

    @Test("a different machine fingerprint is a warning, and counters counted on one side only are skipped with the reason")
    func differentMachine() throws {
        let other = RunFixtures.repeatedOnVirtualMachine(cpu: "AMD EPYC 9654 (KVM)")
        let outcome = try check(other)
        #expect(outcome.exitCode == .pass)
        #expect(outcome.warnings.first?.hasPrefix("machines differ: baseline on Intel Xeon (Cascade Lake, KVM) × 4") == true)

        var counted = RunFixtures.threeConfigurations()
        counted.configurations = [counted.configurations[0]]
        let mixed = try check(Self.baseline, baseline: counted)
        let dTLB = try #require(mixed.findings.first { $0.metric.id == "dtlb-misses" })
        #expect(dTLB.verdict == .skipped)
        #expect(dTLB.reason == "unavailable in the current run: \(RunFixtures.vmReason)")
        #expect(dTLB.baseline == .value(1_850), "the counted side keeps its value; nothing is compared with 0")
    }

    @Test("a configuration that failed in the current run but ran in the baseline is a regression")
    func failedConfiguration() throws {
        var failed = Self.baseline
        for index in failed.configurations.indices {
            failed.configurations[index].status = .failed(reason: "worker 3 exited with signal 9")
            failed.configurations[index].phases = []
        }
        let outcome = try check(failed)
        #expect(outcome.exitCode == .regression)
        #expect(outcome.regressions.first?.reason == "failed in the current run, completed in the baseline: worker 3 exited with signal 9")
    }

    @Test("thresholds: an absolute floor hides small moves, a range gates the value, the last rule wins")
    func thresholdRules() throws {
        let slower = RunFixtures.repeatedOnVirtualMachine(jitters: [1.2, 1.25, 1.22])
        // Every latency figure moved ≥ 68 µs; a 1 ms floor on every p-value lets all pass.
        let floor = try CheckThresholds.parse(Data(#"{"rules": [{"metric": "*.p*", "relative": 10, "absolute": 1000000}]}"#.utf8),
                                          source: "t.json")
        #expect(try check(slower, thresholds: floor).exitCode == .pass)
        // Recall must stay within [0.97, 1]: 0.962 is outside, identical runs or not.
        let range = try CheckThresholds.parse(Data(#"{"rules": [{"metric": "recall", "range": [0.97, 1]}]}"#.utf8), source: "t.json")
        let gated = try check(Self.baseline, thresholds: range)
        #expect(gated.exitCode == .regression)
        #expect(gated.regressions.map(\.metric.id) == ["recall", "recall"])
        // Ignoring search latency in the burst only leaves the steady regressions.
        let ignore = try CheckThresholds.parse(Data(#"{"rules": [{"metric": "*", "phase": "burst", "ignore": true}]}"#.utf8), source: "t.json")
        let steadyOnly = try check(slower, thresholds: ignore)
        #expect(steadyOnly.regressions.allSatisfy { $0.subject.phase == "steady" })
        #expect(steadyOnly.regressions.count == 3)
    }

    @Test("a thresholds file with a mistake is an error naming the field", arguments: [
        (#"{"rules": [{"metric": "search.p95", "relative": 5}]}"#, "rules[0].metric: unknown metric 'search.p95'"),
        (#"{"rules": [{"metric": "recall", "relativ": 5}]}"#, "rules[0]: unknown key 'relativ'"),
        (#"{"rules": [{"metric": "recall"}]}"#, "rules[0]: give relative, absolute, range or ignore"),
        (#"{"rules": [{"metric": "recall", "range": [1, 0.9]}]}"#, "rules[0].range must be [min, max] with min ≤ max"),
        (#"{"minimumRepetitions": 0}"#, "minimumRepetitions must be a whole number ≥ 1"),
        (#"[1, 2]"#, "the top level must be an object"),
    ])
    func invalidThresholds(json: String, message: String) {
        do {
            _ = try CheckThresholds.parse(Data(json.utf8), source: "ci/thresholds.json")
            Issue.record("accepted \(json)")
        } catch {
            #expect("\(error)".hasPrefix("ci/thresholds.json: invalid thresholds: \(message)"))
        }
    }

    @Test("a run checked against an ANN result is an error, not a verdict, either way round")
    func mismatchedSchemas() {
        #expect(throws: ReportError.mismatchedSchemas(first: "baseline (vecbench.ann/1)", second: "current (vecbench.run/2)")) {
            try RegressionCheck.evaluate(baseline: .ann(AnnFixtures.sweep), current: .run(Self.baseline))
        }
        #expect(throws: ReportError.mismatchedSchemas(first: "baseline (vecbench.run/2)", second: "current (vecbench.ann/1)")) {
            try RegressionCheck.evaluate(baseline: .run(Self.baseline), current: .ann(AnnFixtures.sweep))
        }
    }

    @Test("a vecbench.run/1 baseline checks a vecbench.run/2 current: one schema family")
    func schemaFamily() throws {
        let stored = try Data(contentsOf: GoldenFile.url("Fixtures", "legacy-run-1.json"))
        let legacy = try ResultDocument.decode(stored, source: "legacy-run-1.json")
        #expect(legacy.family == "vecbench.run" && ResultDocument.run(Self.baseline).family == "vecbench.run")
        let outcome = try RegressionCheck.evaluate(baseline: legacy, current: .run(RunFixtures.threeConfigurations()))
        #expect(outcome.baselineMissing == nil)
        #expect(outcome.findings.contains { $0.metric.id == MetricCatalog.latency(.search, .p99).id && $0.verdict != .skipped })
        // Per-query search costs a /1 document never had are skipped with the reason, not compared with a per-segment figure.
        let distance = outcome.findings.first { $0.metric == MetricCatalog.distanceEvaluations }
        #expect(distance?.verdict == .skipped)
        _ = try RunComparison([("legacy", legacy), ("current", .run(RunFixtures.threeConfigurations()))]).text()
    }

    @Test("ANN results are checked per ef, QPS as the median of the timed passes")
    func annCheck() throws {
        var slower = AnnFixtures.sweep
        for index in slower.runs.indices {
            slower.runs[index].qps *= 0.8
            slower.runs[index].qpsSamples = slower.runs[index].qpsSamples.map { $0 * 0.8 }
        }
        let outcome = try RegressionCheck.evaluate(baseline: .ann(AnnFixtures.sweep), current: .ann(slower))
        #expect(outcome.exitCode == .regression)
        #expect(outcome.regressions.map(\.subject.phase) == ["ef=16", "ef=32", "ef=64", "ef=128"])
    }

    @Test("JUnit and Markdown outputs match their golden files")
    func golden() throws {
        let slower = RunFixtures.repeatedOnVirtualMachine(jitters: [1.2, 1.25, 1.22])
        let outcome = try check(slower, thresholds: .defaults)
        try GoldenFile.check(outcome.junit(), "check-regression.xml")
        try GoldenFile.check(outcome.markdown(), "check-regression.md")
        try GoldenFile.check(outcome.text(), "check-regression.txt")
    }

    /// `run` with every search p50 scaled by `factor` and given a within-run
    /// interval of ±`halfWidth` (a fraction of the value).
    static func withSearchP50(_ run: RunResult, factor: Double, halfWidth: Double?) -> RunResult {
        var out = run
        for r in out.configurations.indices {
            for p in out.configurations[r].phases.indices {
                for o in out.configurations[r].phases[p].operations.indices where out.configurations[r].phases[p].operations[o].kind == .search {
                    var latency = out.configurations[r].phases[p].operations[o].latency
                    latency.p50 *= factor
                    latency.p50Interval = halfWidth.map { [latency.p50 * (1 - $0), latency.p50 * (1 + $0)] }
                    out.configurations[r].phases[p].operations[o].latency = latency
                }
            }
        }
        return out
    }

    @Test("second level: a shift the runs agree on is a regression unless each run's own interval is too wide to tell")
    func withinRunLevel() throws {
        let steady = RunFixtures.repeatedOnVirtualMachine(jitters: [1, 1, 1])
        let rules = CheckThresholds(minimumRepetitions: 3, rules: [.init(metric: "search.p50", relative: 5)])
        func p50(_ outcome: CheckOutcome) throws -> CheckOutcome.Finding {
            try #require(outcome.findings.first { $0.subject.phase == "steady" && $0.metric.id == "search.p50" })
        }
        // Tight within-run intervals (±0.5 %): +8 % on every run is beyond ±5 % throughout.
        let tight = try check(Self.withSearchP50(steady, factor: 1.08, halfWidth: 0.005),
                              baseline: Self.withSearchP50(steady, factor: 1, halfWidth: 0.005), thresholds: rules)
        let tightFinding = try p50(tight)
        #expect(tightFinding.verdict == .regression)
        let tightInterval = try #require(tightFinding.relativeInterval)
        #expect(tightInterval[0] > 0.05 && tightInterval[1] < 0.11)
        // Wide ones (±10 %): the same medians, but the samples inside a run could give either: pass.
        let wide = try check(Self.withSearchP50(steady, factor: 1.08, halfWidth: 0.10),
                             baseline: Self.withSearchP50(steady, factor: 1, halfWidth: 0.10), thresholds: rules)
        let wideFinding = try p50(wide)
        #expect(wideFinding.verdict == .pass)
        let wideInterval = try #require(wideFinding.relativeInterval)
        #expect(wideInterval[0] < 0.05 && wideInterval[1] > 0.08)
        // No intervals recorded: level one alone, the point ratio of identical runs.
        let none = try p50(try check(Self.withSearchP50(steady, factor: 1.08, halfWidth: nil),
                                     baseline: Self.withSearchP50(steady, factor: 1, halfWidth: nil), thresholds: rules))
        #expect(none.verdict == .regression)
        #expect(abs((none.relativeInterval?[0] ?? 0) - 0.08) < 1e-9 && abs((none.relativeInterval?[1] ?? 0) - 0.08) < 1e-9)
    }

    @Test("records are matched by label: a sweep value is part of the key, and another value is not compared")
    func matchedByLabel() throws {
        func swept(_ run: RunResult, _ value: SweepValue?) -> RunResult {
            var out = run
            for index in out.configurations.indices { out.configurations[index].sweepValue = value }
            return out
        }
        let at1000 = swept(Self.baseline, .integer(1_000))
        let same = try check(at1000, baseline: at1000)
        #expect(same.exitCode == .pass)
        #expect(same.findings.allSatisfy { $0.subject.configuration == "shared-process @ 1000" })
        let other = try check(swept(Self.baseline, .integer(2_000)), baseline: at1000)
        #expect(other.exitCode == .baselineMissing)
        #expect(other.warnings.contains { $0.hasPrefix("shared-process @ 2000: not in the baseline") })
        #expect(other.warnings.contains { $0.hasPrefix("shared-process @ 1000: in the baseline but not in the current run") })
        // Unswept records keep their plain name.
        #expect(try check(Self.baseline).findings.allSatisfy { $0.subject.configuration == "shared-process" })
        // Merging counts repetitions per label: two sweep values stay apart.
        let merged = try #require(RunMerge.merge([at1000, swept(Self.baseline, .integer(2_000))]))
        let set = MeasurementSet(run: merged)
        #expect(set.repetitions == ["shared-process @ 1000": 3, "shared-process @ 2000": 3])
    }

    @Test("every writer names both commits and shows a statistical figure's interval")
    func commitsAndIntervals() throws {
        var current = RunFixtures.repeatedOnVirtualMachine(jitters: [1.2, 1.25, 1.22])
        current.context.gitCommit = "0123456789abcdef0123"
        current.context.gitDirty = true
        let outcome = try check(current)
        #expect(outcome.baselineCommit == "57c6629fd89d")
        #expect(outcome.currentCommit == "0123456789ab (dirty)")
        let text = outcome.text()
        #expect(text.hasPrefix("vecbench check — current (commit 0123456789ab (dirty)) against baseline (commit 57c6629fd89d)\n"))
        let finding = try #require(outcome.findings.first { $0.subject.phase == "steady" && $0.metric.id == "search.p50" })
        let interval = outcome.intervalText(finding)
        #expect(interval.hasPrefix("+") && interval.contains(" … "))
        #expect(text.contains("95 % interval") && text.contains(interval))
        let markdown = outcome.markdown()
        #expect(markdown.contains("(commit `0123456789ab (dirty)`)") && markdown.contains("(commit `57c6629fd89d`)"))
        #expect(markdown.contains("| \(interval) |"))
        let junit = outcome.junit()
        #expect(junit.contains("current current (commit 0123456789ab (dirty)) against baseline baseline (commit 57c6629fd89d)"))
        #expect(junit.contains(interval))
        // A deterministic figure has no interval.
        let distance = try #require(outcome.findings.first { $0.metric.id == "distance-evaluations" })
        #expect(outcome.intervalText(distance).isEmpty)
    }

    @Test("the engine's seal and fsync p99s rest on the seals and fsyncs of each run: not gated with a handful of them")
    func enginePercentilesNotGated() throws {
        let rules = CheckThresholds(minimumRepetitions: 3, rules: [
            .init(metric: "seal.p99", relative: 5), .init(metric: "seal-wait.p99", relative: 5), .init(metric: "fsync.p99", relative: 5),
        ])
        let outcome = try check(RunFixtures.repeatedOnVirtualMachine(jitters: [1.2, 1.25, 1.22]), thresholds: rules)
        let seal = try #require(outcome.findings.first { $0.subject.phase == "burst" && $0.metric.id == "seal.p99" })
        #expect(seal.verdict == .skipped)
        #expect(seal.reason == "not gated: 4 samples, need 1,000 (10 beyond the percentile)")
        let fsync = try #require(outcome.findings.first { $0.subject.phase == "burst" && $0.metric.id == "fsync.p99" })
        #expect(fsync.reason == "not gated: 160 samples, need 1,000 (10 beyond the percentile)")
        #expect(outcome.exitCode == .pass)
    }
}

@Suite("vecbench check on interleaved pairs (vecbench ab)")
struct PairedCheckTests {
    static func interleaved(_ run: RunResult, _ side: RunInterleaving.Side, session: String = "s1") -> RunResult {
        var out = run
        out.interleaving = RunInterleaving(session: session, side: side, pairs: 3)
        return out
    }

    static let rules = CheckThresholds(minimumRepetitions: 3, rules: [.init(metric: "search.p50", relative: 5)])

    func p50(_ baseline: RunResult, _ current: RunResult) throws -> (CheckOutcome, CheckOutcome.Finding) {
        let outcome = try RegressionCheck.evaluate(baseline: .run(baseline), current: .run(current), thresholds: Self.rules)
        let finding = try #require(outcome.findings.first { $0.subject.phase == "steady" && $0.metric.id == "search.p50" })
        return (outcome, finding)
    }

    @Test("+8 % in every pair under drift that swamps it: a regression when paired, a pass when not")
    func drift() throws {
        let before = CheckTests.withSearchP50(RunFixtures.repeatedOnVirtualMachine(jitters: [1.0, 1.5, 1.1]), factor: 1, halfWidth: nil)
        let after = CheckTests.withSearchP50(RunFixtures.repeatedOnVirtualMachine(jitters: [1.0, 1.5, 1.1]), factor: 1.08, halfWidth: nil)
        let (unpairedOutcome, unpaired) = try p50(before, after)
        #expect(unpaired.verdict == .pass)
        #expect(unpairedOutcome.method == nil)
        let (pairedOutcome, paired) = try p50(Self.interleaved(before, .baseline), Self.interleaved(after, .candidate))
        #expect(paired.verdict == .regression)
        #expect(abs((paired.relative ?? 0) - 0.08) < 1e-9)
        #expect(paired.reason.contains("pairs of interleaved runs"))
        #expect(pairedOutcome.method?.contains("3 interleaved pairs") == true)
        #expect(pairedOutcome.text().contains("method: statistical figures judged on 3 interleaved pairs"))
        // Two sessions, or the sides swapped, are not pairs.
        #expect(try p50(Self.interleaved(before, .baseline), Self.interleaved(after, .candidate, session: "s2")).1.verdict == .pass)
        #expect(try p50(Self.interleaved(before, .candidate), Self.interleaved(after, .baseline)).1.verdict == .pass)
    }

    @Test("identical paired runs pass; a merge of documents forgets the pairing")
    func identicalAndMerge() throws {
        let run = RunFixtures.repeatedOnVirtualMachine(jitters: [1.0, 1.5, 1.1])
        let (outcome, finding) = try p50(Self.interleaved(run, .baseline), Self.interleaved(run, .candidate))
        #expect(finding.verdict == .pass && finding.relative == 0)
        #expect(outcome.exitCode == .pass)
        #expect(RunMerge.merge([Self.interleaved(run, .baseline)])?.interleaving == nil)
    }
}
