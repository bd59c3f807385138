/// `vecbench check`: the current result against a baseline, figure by
/// figure, with thresholds. Medians over repetitions on both sides; a
/// figure is judged only when both sides measured it (a counter counted on
/// one machine and not on the other is skipped with the reason, never
/// compared with 0).
public enum RegressionCheck {
    public static func evaluate(baseline: ResultDocument, current: ResultDocument, thresholds: CheckThresholds = .defaults,
                                failOnImprovement: Bool = false, baselineLabel: String = "baseline",
                                currentLabel: String = "current") throws -> CheckOutcome {
        guard baseline.family == current.family else {
            throw ReportError.mismatchedSchemas(first: "\(baselineLabel) (\(baseline.schema))", second: "\(currentLabel) (\(current.schema))")
        }
        let base = baseline.measurements, now = current.measurements
        var warnings: [String] = []
        if baseline.context.machineFingerprint != current.context.machineFingerprint {
            warnings.append("machines differ: baseline on \(baseline.context.machineFingerprint), current on "
                + "\(current.context.machineFingerprint) — timing figures may differ for that reason alone")
        }
        if case .run(let b) = baseline, case .run(let c) = current, b.workload.streamHash != c.workload.streamHash {
            warnings.append("operation streams differ (workload \(b.workload.name) \(b.workload.streamHash) vs "
                + "\(c.workload.name) \(c.workload.streamHash)): the runs did not replay the same operations")
        }
        var findings: [CheckOutcome.Finding] = []
        for name in now.configurations {
            let currentRuns = now.repetitions[name] ?? 0, baselineRuns = base.repetitions[name] ?? 0
            guard base.configurations.contains(name) else {
                warnings.append("\(name): not in the baseline (a new configuration?) — not checked")
                continue
            }
            if currentRuns == 0, baselineRuns > 0 {
                findings.append(failedConfiguration(name, reason: now.failures[name] ?? "no completed run", baselineRuns: baselineRuns))
                continue
            }
            if baselineRuns == 0 {
                warnings.append("\(name): failed in the baseline (\(base.failures[name] ?? "no completed run")) — not checked")
                continue
            }
            if let reason = now.failures[name] { warnings.append("\(name): some current runs failed: \(reason)") }
            let fewest = min(baselineRuns, currentRuns)
            if fewest < thresholds.minimumRepetitions {
                warnings.append("\(name): \(baselineRuns) baseline and \(currentRuns) current run\(currentRuns == 1 ? "" : "s") — "
                    + "fewer than \(thresholds.minimumRepetitions), too few to tell a regression from noise")
            }
            for phase in now.phases(of: name) {
                let subject = MeasurementSet.Subject(configuration: name, phase: phase)
                for entry in now.entries(of: subject) {
                    guard let rule = thresholds.rule(for: subject, entry.metric.id), rule.ignore != true else { continue }
                    findings.append(judge(entry, against: base.entry(subject, entry.metric.id), rule: rule,
                                          baselineRuns: baselineRuns, currentRuns: currentRuns))
                }
            }
        }
        for name in base.configurations where !now.configurations.contains(name) {
            warnings.append("\(name): in the baseline but not in the current run — not checked")
        }
        var missing: String?
        let judged = findings.contains { $0.verdict != .skipped || $0.baseline != nil }
        if !judged {
            missing = "the baseline \(baselineLabel) has no configuration and phase of the current run to compare with"
        }
        return CheckOutcome(baselineLabel: baselineLabel, currentLabel: currentLabel, findings: findings, warnings: warnings,
                            failOnImprovement: failOnImprovement, baselineMissing: missing)
    }

    static func failedConfiguration(_ name: String, reason: String, baselineRuns: Int) -> CheckOutcome.Finding {
        CheckOutcome.Finding(
            subject: .init(configuration: name, phase: "(all)"),
            metric: MetricDefinition(id: "status", title: "configuration ran", unit: .count, direction: .higherIsBetter),
            baseline: nil, current: .unavailable(reason), baselineRuns: baselineRuns, currentRuns: 0, delta: nil, relative: nil,
            threshold: "", verdict: .regression, reason: "failed in the current run, completed in the baseline: \(reason)")
    }

    static func judge(_ current: MeasurementSet.Entry, against baseline: MeasurementSet.Entry?, rule: CheckThresholds.Rule,
                      baselineRuns: Int, currentRuns: Int) -> CheckOutcome.Finding {
        let metric = current.metric
        var finding = CheckOutcome.Finding(
            subject: current.subject, metric: metric, baseline: baseline?.value, current: current.value,
            baselineRuns: baselineRuns, currentRuns: currentRuns, delta: nil, relative: nil, threshold: rule.describe(metric),
            verdict: .skipped, reason: "")
        guard let baseline else {
            finding.reason = "not measured in the baseline"
            return finding
        }
        guard let now = current.value.number else {
            finding.reason = "unavailable in the current run: \(current.value.unavailableReason ?? "")"
            return finding
        }
        guard let before = baseline.value.number else {
            finding.reason = "unavailable in the baseline: \(baseline.value.unavailableReason ?? "")"
            return finding
        }
        let delta = now - before
        let relative = before != 0 ? delta / abs(before) : (delta == 0 ? 0 : (delta > 0 ? Double.infinity : -Double.infinity))
        finding.delta = delta
        finding.relative = relative
        if let range = rule.range, range.count == 2, now < range[0] || now > range[1] {
            finding.verdict = .regression
            finding.reason = "outside the allowed range [\(metric.format(range[0])), \(metric.format(range[1]))]"
            return finding
        }
        let relativeExceeded = rule.relative.map { abs(relative) * 100 > $0 }
        let absoluteExceeded = rule.absolute.map { abs(delta) > $0 }
        let exceeded: Bool
        switch (relativeExceeded, absoluteExceeded) {
        case (let r?, let a?): exceeded = r && a
        case (let r?, nil): exceeded = r
        case (nil, let a?): exceeded = a
        case (nil, nil): exceeded = false
        }
        let goodness = metric.goodness(ofDelta: delta)
        if exceeded, goodness < 0 {
            finding.verdict = .regression
            finding.reason = "worse by more than \(finding.threshold) (\(metric.direction.rawValue))"
        } else if exceeded, goodness > 0 {
            finding.verdict = .improvement
            finding.reason = "better by more than \(finding.threshold)"
        } else {
            finding.verdict = .pass
            finding.reason = "within \(finding.threshold.isEmpty ? "range" : finding.threshold)"
        }
        return finding
    }
}
