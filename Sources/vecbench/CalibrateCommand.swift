import ArgumentParser
import BenchModel
import BenchReport
import Foundation

struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Run one build N times and write thresholds derived from this machine's run-to-run spread.",
        discussion: """
            Runs `vecbench run WORKLOAD` N times (this executable, each run a process of its own, into \
            OUT/run-K), merges the runs into one document with N repetitions per configuration \
            (OUT/calibration.json), and writes a thresholds file (--thresholds, default OUT/thresholds.json) \
            that `vecbench check --thresholds` reads as is. Per configuration, phase and metric: \
            tolerance = max(floor, 1.5 × spread), in half-percent steps. The spread (--method): `pairs` (the \
            default with 4 or more runs) takes runs 1 and 2, 3 and 4, … as back-to-back pairs and uses the \
            widest |second / first − 1|: what two runs of one build differ by when they run back to back, \
            which is what `vecbench ab` and `check --paired` compare; `range` (the default below 4 runs) \
            uses (max − min) / median over all N runs: what two separate sets of runs can differ by, for \
            checks of documents that were not interleaved. Floor \
            5 % for statistical figures (latency, throughput, RSS, measured counters), 0.5 % for deterministic \
            ones (distance evaluations, pages, recall, modelled and instruction counts). The file replaces \
            the defaults, so a figure the calibration did not measure is not gated.
            """)

    @Argument(help: "Workload file, e.g. workloads/ci-smoke.yaml.") var workload: String
    @Option(help: "How many runs (at least 3: the spread of two says little).") var runs: Int = 5
    @Option(help: "Directory for the runs, the merged document and (by default) the thresholds.") var out: String = "reports/calibrate"
    @Option(help: "Where to write the thresholds file.") var thresholds: String?
    @Option(help: "Where configurations keep their data while they run.") var scratch: String = "data/runs"
    @Option(help: "Passed to each run's --events ('none' for no counters).") var events: String = "default"
    @Option(help: "How the spread is read: pairs (back-to-back runs, as ab compares) or range (all runs). Default: pairs from 4 runs.")
    var method: String?

    func run() throws {
        guard runs >= 3 else { throw ValidationError("--runs must be ≥ 3, got \(runs)") }
        let spread = try method.map { name in
            guard let value = ThresholdCalibration.Method(rawValue: name) else {
                throw ValidationError("--method must be pairs or range, got '\(name)'")
            }
            return value
        } ?? (runs >= 4 ? .pairs : .range)
        if spread == .pairs, runs < 4 { throw ValidationError("--method pairs needs at least 4 runs (two pairs), got \(runs)") }
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var documents: [RunResult] = []
        for index in 1...runs {
            let invocation = RunInvocation(executable: executable, workload: workload, out: "\(out)/run-\(index)", scratch: scratch,
                                           repetitions: 1, extraArguments: ["--events", events])
            let path = try invocation.run(label: "calibrate (run \(index)/\(runs))")
            guard case .run(let result) = try ReportFiles.document(path) else {
                throw ValidationError("calibrate: \(path) is not a run document")
            }
            documents.append(result)
        }
        guard let merged = RunMerge.merge(documents) else { return }
        let mergedPath = out + "/calibration.json"
        try ReportFiles.write(String(decoding: try ResultDocumentEncoder.encode(merged), as: UTF8.self), to: mergedPath)
        let tolerances = ThresholdCalibration.tolerances(MeasurementSet(run: merged), method: spread)
        let file = ThresholdCalibration.file(tolerances, minimumRepetitions: 3)
        let thresholdsPath = thresholds ?? out + "/thresholds.json"
        try ReportFiles.write(file, to: thresholdsPath)
        print("calibrated \(tolerances.count) figures over \(runs) runs, spread by \(spread.rawValue): \(thresholdsPath) "
            + "(runs merged in \(mergedPath))")
        for tolerance in tolerances {
            print("  \(tolerance.metricClass.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(tolerance.subject) "
                + "\(tolerance.metricID): spread \(String(format: "%.2f", tolerance.spread * 100)) % → ±\(String(format: "%.1f", tolerance.relative)) %")
        }
    }
}
