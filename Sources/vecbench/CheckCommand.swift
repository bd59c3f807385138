import ArgumentParser
import BenchModel
import BenchReport
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "A regression gate: the current result against a baseline, with thresholds and an exit code.",
        discussion: """
            Compares repetitions, figure by figure: latency percentiles per operation, throughput, \
            recall, distance evaluations per query, and dTLB/LLC misses per operation when counted on both sides \
            (a counter unavailable on either side is skipped with the reason). Warns when a configuration has \
            fewer repetitions than the thresholds' minimumRepetitions (default 3), when the machine fingerprints \
            differ, and when the operation streams differ.

            Records are matched by configuration label (the name, with the sweep value when the workload \
            sweeps: "shared @ 5000"), phase and metric. Several --baseline (or --current) run documents are \
            merged into one side, each a repetition, as `vecbench ab` merges its interleaved runs.

            Method. Figures are of two classes. Deterministic ones (distance evaluations, visited nodes, \
            pages touched, segments searched, recall, modelled misses, instructions) repeat for a seed: they \
            are judged on the medians against the rule's tolerance and listed first. Statistical ones \
            (latency, throughput, rates, RSS, measured counters) are judged on a 95 % two-level bootstrap \
            interval of median(current) / median(baseline) (2,000 resamples, fixed seed). Level one \
            resamples whole runs on both sides, with replacement: the run-to-run spread. Level two redraws \
            each drawn run's value within that run: a latency percentile's samples are approximated by a \
            normal spread whose 1.96 σ reaches the ends of the run's own 95 % order-statistics interval \
            (binomial ranks around q·n, read from the HdrHistogram); figures without a within-run interval \
            (throughput, RSS, counters) use level one alone. A figure is a regression only when the whole \
            interval lies beyond the tolerance on the bad side, so with overlapping runs the verdict is pass. \
            Paired runs: when both documents come from one `vecbench ab` (they record an `interleaving` with \
            one session id), run k of each side ran back to back, so level one resamples pairs instead and \
            the figure is the median over pairs of current_k / baseline_k: drift of the machine that hits \
            both runs of a pair cancels instead of counting as noise. --paired says the same of documents \
            given here: the k-th --baseline and the k-th --current ran back to back. \
            With one run per side and no intervals the interval is the point ratio (hence the \
            minimumRepetitions warning). A latency percentile is gated only when the fewest samples of any \
            run on either side leave 10 beyond it, n·(1 − q) ≥ 10: 20 samples for p50, 100 for p90, 1,000 \
            for p99, 10,000 for p99.9, never the max; otherwise it is reported as "not gated: N samples, \
            need M". The engine's seal.p99, seal-wait.p99 and fsync.p99 count the run's seals and fsyncs the \
            same way. The report names both sides' git commits and shows each interval. `vecbench calibrate` \
            writes thresholds from this machine's spread; `vecbench ab` interleaves two builds (or two \
            workloads of one build) and ends with this verdict. --only deterministic judges the \
            deterministic figures alone: a committed baseline on the CI machine gated on the work the code \
            does, not on how long it took.

            Thresholds (--thresholds FILE, JSON; without it the defaults below):
              {"minimumRepetitions": 3, "replaceDefaults": false,
               "rules": [{"metric": "search.p99", "relative": 15, "absolute": 50},
                         {"metric": "recall", "range": [0.95, 1.0]},
                         {"metric": "throughput", "relative": 5, "configuration": "workers-*", "phase": "burst"},
                         {"metric": "dtlb-misses", "ignore": true}]}
            relative is % of the baseline, absolute is in the metric's unit (µs, ops/s, recall 0…1, per op); with \
            both, a change must exceed both. range bounds the current value. The last matching rule decides. \
            Defaults: p50/p90 ±10 % and ±20 µs, p99 ±15 % and ±50 µs, p99.9 ±25 % and ±100 µs (search, upsert, \
            delete), throughput ±5 %, recall ±0.005, distance-evaluations ±2 %, dtlb-misses and llc-misses ±10 %.

            Exit codes:
              0  pass (no regression; improvements allowed)
              1  error (unreadable document or thresholds, a run against an ANN result, bad options; vecbench.run/1 against /2 is fine)
              2  regression (a figure worse beyond its threshold or outside its range, or a configuration failed)
              4  improvement only — only with --fail-on-improvement (update the baseline)
              5  baseline missing (no baseline file, or none of its configurations/phases are in the current run)
            Options the parser itself rejects (an unknown flag) exit 64, as for every vecbench command.
            """)

    @Option(help: "The baseline result document (repeat it to merge several runs into one side).") var baseline: [String] = []
    @Option(help: "The current result document (repeat it to merge several runs into one side).") var current: [String] = []
    @Option(help: "Thresholds file (JSON, see above).") var thresholds: String?
    @Flag(name: .customLong("fail-on-improvement"), help: "Exit 4 when figures only improved, so the baseline gets updated.")
    var failOnImprovement = false
    @Option(help: "Also write JUnit XML here.") var junit: String?
    @Option(help: "Also write a Markdown summary here (e.g. $GITHUB_STEP_SUMMARY).") var markdown: String?
    @Flag(help: "Print only the verdict line.") var quiet = false
    @Option(help: "Judge only this class of figure: deterministic or statistical (default: both).")
    var only: String?
    @Flag(help: "The k-th --baseline and the k-th --current ran back to back (an A/B interleaved by your own script): judge statistical figures on the ratio within each pair, as for `vecbench ab`.")
    var paired = false

    func run() throws {
        let outcome: CheckOutcome
        do {
            guard !baseline.isEmpty, !current.isEmpty else { throw ValidationError("--baseline and --current are both required") }
            let onlyClass = try only.map { name in
                guard let value = MetricClass(rawValue: name) else {
                    throw ValidationError("--only must be deterministic or statistical, got '\(name)'")
                }
                return value
            }
            let currentDocument = try Self.side(current)
            if let absent = baseline.first(where: { !ReportFiles.exists($0) }) {
                outcome = .missingBaseline(absent, currentLabel: Self.label(current))
            } else {
                let rules = try thresholds.map { try CheckThresholds.parse(ReportFiles.read($0), source: $0) } ?? .defaults
                var baselineDocument = try Self.side(baseline), currentDocument = currentDocument
                if paired { try Self.pair(&baselineDocument, &currentDocument, baseline.count, current.count) }
                outcome = try RegressionCheck.evaluate(
                    baseline: baselineDocument, current: currentDocument, thresholds: rules,
                    failOnImprovement: failOnImprovement, baselineLabel: Self.label(baseline), currentLabel: Self.label(current),
                    only: onlyClass)
            }
            if let junit { try ReportFiles.write(outcome.junit(), to: junit) }
            if let markdown { try ReportFiles.write(outcome.markdown(), to: markdown) }
        } catch {
            ReportFiles.warn("check", "error: \(error)")
            throw ExitCode(CheckOutcome.ExitCode.error.rawValue)
        }
        if quiet {
            for warning in outcome.warnings { ReportFiles.warn("check", "warning: \(warning)") }
            print(outcome.headline)
        } else {
            print(outcome.text(), terminator: "")
        }
        let code = outcome.exitCode
        if code != .pass { throw ExitCode(code.rawValue) }
    }

    /// `--paired`: marks both merged sides as one interleaving, which only
    /// means something for run documents given in equal numbers.
    static func pair(_ baseline: inout ResultDocument, _ current: inout ResultDocument, _ baselines: Int, _ currents: Int) throws {
        guard baselines == currents else {
            throw ValidationError("--paired needs as many --baseline as --current documents (\(baselines) and \(currents))")
        }
        guard case .run(var before) = baseline, case .run(var after) = current else {
            throw ValidationError("--paired compares run documents, not ANN or WAL results")
        }
        before.interleaving = RunInterleaving(session: "check --paired", side: .baseline, pairs: baselines)
        after.interleaving = RunInterleaving(session: "check --paired", side: .candidate, pairs: currents)
        baseline = .run(before)
        current = .run(after)
    }

    /// One side of the check: a document, or several run documents merged
    /// (each a repetition, in the order given).
    static func side(_ paths: [String]) throws -> ResultDocument {
        if paths.count == 1 { return try ReportFiles.document(paths[0]) }
        var runs: [RunResult] = []
        for path in paths {
            guard case .run(let run) = try ReportFiles.document(path) else {
                throw ValidationError("check: \(path) is not a run document; only run documents can be merged")
            }
            runs.append(run)
        }
        guard let merged = RunMerge.merge(runs) else { throw ValidationError("check: no documents") }
        return .run(merged)
    }

    static func label(_ paths: [String]) -> String {
        paths.count == 1 ? paths[0] : "\(paths[0]) and \(paths.count - 1) more"
    }
}
