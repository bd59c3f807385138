import ArgumentParser
import BenchModel
import BenchReport
import Foundation

struct ABCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ab",
        abstract: "Compare two builds, or two workloads of one build, on this host with interleaved runs (A B A B …) and give the check verdict.",
        discussion: """
            Runs `BASELINE run WORKLOAD` and `CANDIDATE run WORKLOAD` alternately, N times each (A B A B …, so \
            drift of the machine over time hits both alike), each run a process of its own writing into \
            OUT/a-K or OUT/b-K. The runs of each side are merged into one document with N repetitions per \
            configuration (OUT/baseline.json, OUT/candidate.json), and `vecbench check` judges the candidate \
            against the baseline (see `vecbench check --help` for the method); the verdict goes to standard \
            output and OUT/check.txt, and the exit code is check's. Both documents record that their runs were \
            interleaved (`interleaving`, one session id), so `check` — here, or later on the two files — judges \
            statistical figures on the ratio within each back-to-back pair, which cancels drift of the machine \
            that hits both runs of a pair.

            Either executable defaults to this one. With --candidate-workload the candidate side runs another \
            workload file (the same data, seed and phases with one engine setting changed, say `links: \
            compressed`), so one build can be A/B'd against a configuration of itself: this is how the gate's \
            detection power is measured (`make gate-campaign`). Configurations are matched by label, so the \
            changed file must keep the configuration names.
            """)

    @Option(help: "The baseline build's vecbench executable (default: this one).") var baseline: String?
    @Option(help: "The candidate build's vecbench executable (default: this one).") var candidate: String?
    @Argument(help: "Workload file, e.g. workloads/ci-gate.yaml.") var workload: String
    @Option(name: .customLong("candidate-workload"),
            help: "A workload file for the candidate side instead of WORKLOAD (same names, one setting changed).")
    var candidateWorkload: String?
    @Option(help: "Runs per side (at least 3, for check's minimumRepetitions).") var runs: Int = 3
    @Option(help: "Directory for the runs, both merged documents and the verdict.") var out: String = "reports/ab"
    @Option(help: "Thresholds file for check (e.g. one `vecbench calibrate` wrote).") var thresholds: String?
    @Option(help: "Where configurations keep their data while they run.") var scratch: String = "data/runs"
    @Option(help: "Passed to each run's --events ('none' for no counters).") var events: String = "default"
    @Option(help: "Also write JUnit XML here.") var junit: String?
    @Option(help: "Also write a Markdown summary here (e.g. $GITHUB_STEP_SUMMARY).") var markdown: String?

    func run() throws {
        let outcome: CheckOutcome
        do {
            guard runs >= 1 else { throw ValidationError("--runs must be ≥ 1, got \(runs)") }
            let this = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            let baseline = self.baseline ?? this, candidate = self.candidate ?? this
            for executable in [baseline, candidate] where !FileManager.default.isExecutableFile(atPath: executable) {
                throw ValidationError("\(executable) is not an executable file")
            }
            let rules = try thresholds.map { try CheckThresholds.parse(ReportFiles.read($0), source: $0) } ?? .defaults
            var sides: [[RunResult]] = [[], []]
            for index in 1...runs {
                let plan = [(baseline, workload, "a"), (candidate, candidateWorkload ?? workload, "b")]
                for (side, (executable, file, letter)) in plan.enumerated() {
                    let invocation = RunInvocation(executable: executable, workload: file, out: "\(out)/\(letter)-\(index)",
                                                   scratch: scratch, repetitions: 1, extraArguments: ["--events", events])
                    let path = try invocation.run(label: "ab (\(letter)\(index) of \(runs))")
                    guard case .run(let result) = try ReportFiles.document(path) else {
                        throw ValidationError("ab: \(path) is not a run document")
                    }
                    sides[side].append(result)
                }
            }
            guard var before = RunMerge.merge(sides[0]), var after = RunMerge.merge(sides[1]) else { return }
            // Run k of each side ran back to back: `check` judges the ratio within each pair.
            let session = UUID().uuidString.lowercased()
            before.interleaving = RunInterleaving(session: session, side: .baseline, pairs: runs)
            after.interleaving = RunInterleaving(session: session, side: .candidate, pairs: runs)
            let baselinePath = out + "/baseline.json", candidatePath = out + "/candidate.json"
            try ReportFiles.write(String(decoding: try ResultDocumentEncoder.encode(before), as: UTF8.self), to: baselinePath)
            try ReportFiles.write(String(decoding: try ResultDocumentEncoder.encode(after), as: UTF8.self), to: candidatePath)
            outcome = try RegressionCheck.evaluate(baseline: .run(before), current: .run(after), thresholds: rules,
                                                   baselineLabel: baselinePath, currentLabel: candidatePath)
            try ReportFiles.write(outcome.text(), to: out + "/check.txt")
            if let junit { try ReportFiles.write(outcome.junit(), to: junit) }
            if let markdown { try ReportFiles.write(outcome.markdown(), to: markdown) }
        } catch {
            ReportFiles.warn("ab", "error: \(error)")
            throw ExitCode(CheckOutcome.ExitCode.error.rawValue)
        }
        print(outcome.text(), terminator: "")
        if outcome.exitCode != .pass { throw ExitCode(outcome.exitCode.rawValue) }
    }
}
