/// The verdict of `vecbench check`: a finding per checked figure, warnings
/// about how far to trust them, and the exit code CI acts on.
///
/// | exit | meaning |
/// |---:|---|
/// | 0 | pass: no regression (improvements allowed unless asked otherwise) |
/// | 1 | error: unreadable document or thresholds file, mismatched schemas |
/// | 2 | regression: some figure got worse beyond its threshold, left its range, or a configuration failed |
/// | 4 | improvement only, with `--fail-on-improvement` (time to update the baseline) |
/// | 5 | baseline missing: no baseline file, or it has no configuration/phase of the current run |
public struct CheckOutcome: Sendable {
    public enum ExitCode: Int32, Sendable {
        case pass = 0, error = 1, regression = 2, improvement = 4, baselineMissing = 5
    }

    public enum Verdict: String, Sendable {
        case pass, regression, improvement
        /// Not judged: unavailable on a side, or measured on one side only.
        case skipped
    }

    public struct Finding: Sendable {
        public var subject: MeasurementSet.Subject
        public var metric: MetricDefinition
        public var baseline: MetricValue?
        public var current: MetricValue?
        public var baselineRuns: Int
        public var currentRuns: Int
        public var delta: Double?
        public var relative: Double?
        /// The rule as text ("±15 % and ±50 µs"), empty for a failed configuration.
        public var threshold: String
        public var verdict: Verdict
        /// Why: which limit was crossed, or why it was skipped.
        public var reason: String
        /// Deterministic figures are judged on the medians; statistical ones
        /// on `relativeInterval`.
        public var metricClass: MetricClass = .statistical
        /// For a statistical figure: the 95 % two-level bootstrap interval
        /// of the relative change (current/baseline − 1): runs, then
        /// samples within runs.
        public var relativeInterval: [Double]?
    }

    public var baselineLabel: String
    public var currentLabel: String
    /// The git commit each side was built from (`RunContext.gitCommit`,
    /// shortened, "(dirty)" for a tree with uncommitted changes); nil when
    /// the document does not say.
    public var baselineCommit: String?
    public var currentCommit: String?
    public var findings: [Finding]
    public var warnings: [String]
    public var failOnImprovement: Bool
    /// Set when there is nothing to compare against: exit 5.
    public var baselineMissing: String?
    /// How the statistical figures were judged, when not the default
    /// (interleaved pairs from `vecbench ab`).
    public var method: String?

    public init(baselineLabel: String, currentLabel: String, findings: [Finding], warnings: [String], failOnImprovement: Bool,
                baselineMissing: String? = nil) {
        self.baselineLabel = baselineLabel
        self.currentLabel = currentLabel
        self.findings = findings
        self.warnings = warnings
        self.failOnImprovement = failOnImprovement
        self.baselineMissing = baselineMissing
    }

    /// The outcome when the baseline file itself is absent.
    public static func missingBaseline(_ path: String, currentLabel: String) -> CheckOutcome {
        CheckOutcome(baselineLabel: path, currentLabel: currentLabel, findings: [], warnings: [], failOnImprovement: false,
                     baselineMissing: "baseline \(path) does not exist: record one (copy a current result there) and run again")
    }

    public var regressions: [Finding] { findings.filter { $0.verdict == .regression } }
    public var improvements: [Finding] { findings.filter { $0.verdict == .improvement } }
    public var skipped: [Finding] { findings.filter { $0.verdict == .skipped } }
    public var passed: [Finding] { findings.filter { $0.verdict == .pass } }

    public var exitCode: ExitCode {
        if baselineMissing != nil { return .baselineMissing }
        if !regressions.isEmpty { return .regression }
        if failOnImprovement, !improvements.isEmpty { return .improvement }
        return .pass
    }

    /// One line for a log: the verdict and the counts.
    public var headline: String {
        if let baselineMissing { return "BASELINE MISSING — \(baselineMissing)" }
        let counts = "\(findings.count - skipped.count) figures checked: \(regressions.count) regressed, "
            + "\(improvements.count) improved, \(passed.count) within thresholds, \(skipped.count) skipped"
        switch exitCode {
        case .regression: return "REGRESSION — \(counts)"
        case .improvement: return "IMPROVEMENT (failing on improvements: update the baseline) — \(counts)"
        default: return "PASS — \(counts)"
        }
    }

    /// "current.json (commit 3f2a9c1d7e04)", or the label alone.
    func named(_ label: String, _ commit: String?) -> String {
        commit.map { "\(label) (commit \($0))" } ?? label
    }

    /// "−1.2 % … +3.4 %" for a statistical finding, "" otherwise.
    func intervalText(_ finding: Finding) -> String {
        guard let interval = finding.relativeInterval, interval.count == 2 else { return "" }
        return "\(NumberFormatting.signedPercent(interval[0])) … \(NumberFormatting.signedPercent(interval[1]))"
    }

    /// "1.25 ms → 1.50 ms (+250 µs, +20.0 %)".
    func change(_ finding: Finding) -> String {
        let base = finding.baseline.map { value in cellText(value, finding.metric) } ?? "–"
        let current = finding.current.map { value in cellText(value, finding.metric) } ?? "–"
        var text = "\(base) → \(current)"
        if let delta = finding.delta, let relative = finding.relative {
            text += " (\(finding.metric.formatDelta(delta)), \(NumberFormatting.signedPercent(relative)))"
        }
        return text
    }

    func cellText(_ value: MetricValue, _ metric: MetricDefinition) -> String {
        switch value {
        case .value(let number): metric.format(number)
        case .unavailable(let reason): "unavailable — \(reason)"
        }
    }
}
