import ArgumentParser
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

            Method. Figures are of two classes. Deterministic ones (distance evaluations, visited nodes, \
            pages touched, segments searched, recall, modelled misses, instructions) repeat for a seed: they \
            are judged on the medians against the rule's tolerance and listed first. Statistical ones \
            (latency, throughput, rates, RSS, measured counters) are judged on a 95 % bootstrap interval of \
            median(current) / median(baseline), resampling whole runs on both sides (2,000 resamples, fixed \
            seed): a regression only when the whole interval lies beyond the tolerance, so with overlapping \
            runs the verdict is pass. With one run per side the interval is the point ratio (hence the \
            minimumRepetitions warning). A latency percentile is gated only when the fewest samples of any \
            run on either side leave 10 beyond it, n·(1 − q) ≥ 10: 20 samples for p50, 100 for p90, 1,000 \
            for p99, 10,000 for p99.9, never the max; otherwise it is reported as "not gated: N samples, \
            need M". Run documents carry each percentile's distribution-free 95 % interval (binomial ranks \
            around q·n, read from the HdrHistogram). `vecbench calibrate` writes thresholds from this \
            machine's spread; `vecbench ab` interleaves two builds and ends with this verdict.

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

    @Option(help: "The baseline result document.") var baseline: String?
    @Option(help: "The current result document.") var current: String?
    @Option(help: "Thresholds file (JSON, see above).") var thresholds: String?
    @Flag(name: .customLong("fail-on-improvement"), help: "Exit 4 when figures only improved, so the baseline gets updated.")
    var failOnImprovement = false
    @Option(help: "Also write JUnit XML here.") var junit: String?
    @Option(help: "Also write a Markdown summary here (e.g. $GITHUB_STEP_SUMMARY).") var markdown: String?
    @Flag(help: "Print only the verdict line.") var quiet = false

    func run() throws {
        let outcome: CheckOutcome
        do {
            guard let baseline, let current else { throw ValidationError("--baseline and --current are both required") }
            let currentDocument = try ReportFiles.document(current)
            if !ReportFiles.exists(baseline) {
                outcome = .missingBaseline(baseline, currentLabel: current)
            } else {
                let rules = try thresholds.map { try CheckThresholds.parse(ReportFiles.read($0), source: $0) } ?? .defaults
                outcome = try RegressionCheck.evaluate(
                    baseline: ReportFiles.document(baseline), current: currentDocument, thresholds: rules,
                    failOnImprovement: failOnImprovement, baselineLabel: baseline, currentLabel: current)
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
}
