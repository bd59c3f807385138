import BenchModel

/// `vecbench check`: the current result against a baseline, figure by
/// figure, with thresholds. Records are matched by configuration label
/// (name, and sweep value when swept), phase and metric. Medians over
/// repetitions on both sides; deterministic figures are judged on them,
/// statistical ones on a two-level bootstrap interval of the ratio (runs,
/// then samples within runs). When both documents come from one `vecbench
/// ab` (`RunResult.interleaving`), repetition k of each side ran back to
/// back and the interval is of the ratio within pairs, resampled by pair
/// (`Statistics.pairedBootstrapRatioInterval`). A figure is judged only when both sides
/// measured it (a counter counted on one machine and not on the other is
/// skipped with the reason, never compared with 0). `only` restricts the
/// check to one class of figure (a committed baseline judged on its
/// deterministic costs alone, say).
public enum RegressionCheck {
    public static func evaluate(baseline: ResultDocument, current: ResultDocument, thresholds: CheckThresholds = .defaults,
                                failOnImprovement: Bool = false, baselineLabel: String = "baseline",
                                currentLabel: String = "current", only: MetricClass? = nil) throws -> CheckOutcome {
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
        let baselineIntervals = withinRunIntervals(baseline), currentIntervals = withinRunIntervals(current)
        let baselineCounts = enginePercentileCounts(baseline), currentCounts = enginePercentileCounts(current)
        let pairing = interleavedPairing(baseline, current)
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
            // Pairs hold only while every repetition of both sides completed.
            let paired = pairing != nil && baselineRuns == currentRuns && now.failures[name] == nil && base.failures[name] == nil
            for phase in now.phases(of: name) {
                let subject = MeasurementSet.Subject(configuration: name, phase: phase)
                for entry in now.entries(of: subject) {
                    guard only.map({ MetricClass.of(entry.metric.id) == $0 }) ?? true,
                          let rule = thresholds.rule(for: subject, entry.metric.id), rule.ignore != true else { continue }
                    var before = base.entry(subject, entry.metric.id), entry = entry
                    let key = FigureKey(subject: subject, metricID: entry.metric.id)
                    if let counts = currentCounts[key], !counts.isEmpty { entry.sampleCounts = counts }
                    if let counts = baselineCounts[key], !counts.isEmpty { before?.sampleCounts = counts }
                    findings.append(judge(entry, against: before, rule: rule, baselineRuns: baselineRuns, currentRuns: currentRuns,
                                          baselineSamples: before.map { runSamples($0, baselineIntervals) },
                                          currentSamples: runSamples(entry, currentIntervals), paired: paired))
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
        // Deterministic changes first: they name what the code now does
        // differently, the statistical ones only how long it took.
        findings = findings.filter { $0.metricClass == .deterministic } + findings.filter { $0.metricClass != .deterministic }
        var outcome = CheckOutcome(baselineLabel: baselineLabel, currentLabel: currentLabel, findings: findings, warnings: warnings,
                                   failOnImprovement: failOnImprovement, baselineMissing: missing)
        outcome.baselineCommit = commit(of: baseline)
        outcome.currentCommit = commit(of: current)
        if let pairing {
            outcome.method = "statistical figures judged on \(pairing.pairs) interleaved pair\(pairing.pairs == 1 ? "" : "s") of runs "
                + "(vecbench ab session \(pairing.session)): the ratio within each pair, bootstrapped over pairs"
        }
        return outcome
    }

    static func failedConfiguration(_ name: String, reason: String, baselineRuns: Int) -> CheckOutcome.Finding {
        CheckOutcome.Finding(
            subject: .init(configuration: name, phase: "(all)"),
            metric: MetricDefinition(id: "status", title: "configuration ran", unit: .count, direction: .higherIsBetter),
            baseline: nil, current: .unavailable(reason), baselineRuns: baselineRuns, currentRuns: 0, delta: nil, relative: nil,
            threshold: "", verdict: .regression, reason: "failed in the current run, completed in the baseline: \(reason)")
    }

    /// `baselineSamples`/`currentSamples`: the runs with their within-run
    /// intervals for the bootstrap; the entries' plain samples when nil.
    /// `paired`: sample k of each side ran back to back (see `evaluate`).
    static func judge(_ current: MeasurementSet.Entry, against baseline: MeasurementSet.Entry?, rule: CheckThresholds.Rule,
                      baselineRuns: Int, currentRuns: Int, baselineSamples: [Statistics.RunSample]? = nil,
                      currentSamples: [Statistics.RunSample]? = nil, paired: Bool = false) -> CheckOutcome.Finding {
        let metric = current.metric
        var finding = CheckOutcome.Finding(
            subject: current.subject, metric: metric, baseline: baseline?.value, current: current.value,
            baselineRuns: baselineRuns, currentRuns: currentRuns, delta: nil, relative: nil, threshold: rule.describe(metric),
            verdict: .skipped, reason: "", metricClass: MetricClass.of(metric.id))
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
        if let shortfall = percentileShortfall(current, baseline) {
            finding.reason = shortfall
            return finding
        }
        if let range = rule.range, range.count == 2, now < range[0] || now > range[1] {
            finding.verdict = .regression
            finding.reason = "outside the allowed range [\(metric.format(range[0])), \(metric.format(range[1]))]"
            return finding
        }
        func beyond(relative: Double, delta: Double) -> Bool {
            let relativeExceeded = rule.relative.map { abs(relative) * 100 > $0 }
            let absoluteExceeded = rule.absolute.map { abs(delta) > $0 }
            switch (relativeExceeded, absoluteExceeded) {
            case (let r?, let a?): return r && a
            case (let r?, nil): return r
            case (nil, let a?): return a
            case (nil, nil): return false
            }
        }
        var exceeded = beyond(relative: relative, delta: delta)
        var direction = delta
        var intervalNote = ""
        let beforeRuns = baselineSamples ?? baseline.samples.map { Statistics.RunSample($0) }
        let nowRuns = currentSamples ?? current.samples.map { Statistics.RunSample($0) }
        // Pairs only when each side has a value for every run, so position k is run k.
        let pairRatio = paired && beforeRuns.count == baselineRuns && nowRuns.count == currentRuns
            ? Statistics.medianPairRatio(baseline: beforeRuns.map(\.value), current: nowRuns.map(\.value)) : nil
        if finding.metricClass == .statistical, let pairRatio {
            // The change a paired comparison reports is the median pair ratio.
            finding.relative = pairRatio - 1
            finding.delta = (pairRatio - 1) * abs(before)
        }
        let interval = finding.metricClass != .statistical ? nil
            : pairRatio != nil ? Statistics.pairedBootstrapRatioInterval(baseline: beforeRuns, current: nowRuns)
            : Statistics.bootstrapRatioInterval(baseline: beforeRuns, current: nowRuns)
        if let interval {
            // The whole interval must lie beyond the tolerance on one side:
            // its nearer end is the smallest change the runs support.
            let low = interval.low - 1, high = interval.high - 1
            finding.relativeInterval = [low, high]
            let method = pairRatio != nil ? "pairs of interleaved runs, then samples within runs" : "runs, then samples within runs"
            intervalNote = "; 95 % interval of the change (\(method)): "
                + "\(NumberFormatting.signedPercent(low)) … \(NumberFormatting.signedPercent(high))"
            if low > 0, beyond(relative: low, delta: low * abs(before)) {
                exceeded = true
                direction = 1
            } else if high < 0, beyond(relative: high, delta: high * abs(before)) {
                exceeded = true
                direction = -1
            } else {
                exceeded = false
            }
        }
        let goodness = metric.goodness(ofDelta: direction)
        if exceeded, goodness < 0 {
            finding.verdict = .regression
            finding.reason = "worse by more than \(finding.threshold) (\(metric.direction.rawValue))" + intervalNote
        } else if exceeded, goodness > 0 {
            finding.verdict = .improvement
            finding.reason = "better by more than \(finding.threshold)" + intervalNote
        } else {
            finding.verdict = .pass
            finding.reason = "within \(finding.threshold.isEmpty ? "range" : finding.threshold)" + intervalNote
        }
        return finding
    }

    /// Why a latency percentile may not be gated, or nil when it may: the
    /// fewest samples of any repetition on either side must leave
    /// `LatencySummary.samplesBeyondPercentileToGate` beyond the percentile
    /// (n·(1 − q) ≥ 10). A percentile of a document that does not record
    /// its sample count (an ANN result) is gated as before.
    static func percentileShortfall(_ current: MeasurementSet.Entry, _ baseline: MeasurementSet.Entry) -> String? {
        guard let percentile = latencyPercentile(current.metric.id) else { return nil }
        let counts = current.sampleCounts + baseline.sampleCounts
        guard !current.sampleCounts.isEmpty, !baseline.sampleCounts.isEmpty, let fewest = counts.min() else { return nil }
        guard let needed = LatencySummary.samplesNeededToGate(percentile: percentile) else {
            return "not gated: the maximum is one sample, whatever the count (\(NumberFormatting.grouped(fewest)) samples)"
        }
        guard fewest < needed else { return nil }
        return "not gated: \(NumberFormatting.grouped(fewest)) samples, need \(NumberFormatting.grouped(needed)) "
            + "(\(LatencySummary.samplesBeyondPercentileToGate) beyond the percentile)"
    }

    /// 50, 90, 99, 99.9 or 100 for an operation's latency metric id, 99 for
    /// the engine's fsync and seal p99s, nil for any other metric.
    static func latencyPercentile(_ metricID: String) -> Double? {
        if [MetricCatalog.sealDurationP99.id, MetricCatalog.sealWaitP99.id, MetricCatalog.fsyncP99.id].contains(metricID) { return 99 }
        for kind in MetricCatalog.operationKinds {
            for percentile in LatencyPercentile.allCases where MetricCatalog.latency(kind, percentile).id == metricID {
                switch percentile {
                case .p50: return 50
                case .p90: return 90
                case .p99: return 99
                case .p999: return 99.9
                case .max: return 100
                }
            }
        }
        return nil
    }
}
