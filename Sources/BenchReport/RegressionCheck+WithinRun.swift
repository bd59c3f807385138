import BenchModel

/// The second level of `check`'s bootstrap: what each run says about its own
/// percentiles. A run document records, per latency percentile, the 95 %
/// interval from order statistics (`LatencySummary`); `MeasurementSet` keeps
/// only the values, so they are read here beside it, in the same order.
extension RegressionCheck {
    struct FigureKey: Hashable {
        var subject: MeasurementSet.Subject
        var metricID: String
    }

    /// Per configuration label, phase and latency percentile: each completed
    /// run's interval, in document order (the order of the entry's samples);
    /// nil where a run recorded none. Empty for an ANN document.
    static func withinRunIntervals(_ document: ResultDocument) -> [FigureKey: [[Double]?]] {
        guard case .run(let run) = document else { return [:] }
        var out: [FigureKey: [[Double]?]] = [:]
        for configuration in run.configurations {
            if case .failed = configuration.status { continue }
            for phase in configuration.phases where !phase.warmup {
                let subject = MeasurementSet.Subject(configuration: configuration.label, phase: phase.name)
                for operation in phase.operations where operation.count > 0 {
                    for percentile in LatencyPercentile.allCases {
                        let id = MetricCatalog.latency(operation.kind, percentile).id
                        let interval = latencyPercentile(id).flatMap { operation.latency.interval(atPercentile: $0) }
                        out[FigureKey(subject: subject, metricID: id), default: []].append(interval)
                    }
                }
            }
        }
        return out
    }

    /// An entry's runs for the bootstrap, each with its interval when the
    /// document recorded one for every run (a partial record is not
    /// matched to values by position and is left out).
    static func runSamples(_ entry: MeasurementSet.Entry, _ intervals: [FigureKey: [[Double]?]]) -> [Statistics.RunSample] {
        let recorded = intervals[FigureKey(subject: entry.subject, metricID: entry.metric.id)] ?? []
        guard recorded.count == entry.samples.count else { return entry.samples.map { Statistics.RunSample($0) } }
        return zip(entry.samples, recorded).map { Statistics.RunSample($0, interval: $1) }
    }

    /// "3f2a9c1d7e04", with " (dirty)" when the tree had uncommitted
    /// changes; nil when the document does not know its commit.
    static func commit(of document: ResultDocument) -> String? {
        guard let commit = document.context.gitCommit, !commit.isEmpty else { return nil }
        return String(commit.prefix(12)) + (document.context.gitDirty == true ? " (dirty)" : "")
    }

    /// Per configuration label and phase, the samples behind each engine
    /// percentile in every completed run: seals for `seal.p99` and
    /// `seal-wait.p99`, fsyncs for `fsync.p99`. A handful of seals has no
    /// p99 worth gating, whatever the thresholds file says.
    static func enginePercentileCounts(_ document: ResultDocument) -> [FigureKey: [Int]] {
        guard case .run(let run) = document else { return [:] }
        var out: [FigureKey: [Int]] = [:]
        for configuration in run.configurations {
            if case .failed = configuration.status { continue }
            for phase in configuration.phases where !phase.warmup {
                guard let engine = phase.engine else { continue }
                let subject = MeasurementSet.Subject(configuration: configuration.label, phase: phase.name)
                for (metric, count) in [(MetricCatalog.sealDurationP99, engine.seals), (MetricCatalog.sealWaitP99, engine.seals),
                                        (MetricCatalog.fsyncP99, engine.fsyncs)] {
                    out[FigureKey(subject: subject, metricID: metric.id), default: []].append(Int(count))
                }
            }
        }
        return out
    }

    /// The pairing of two documents one `vecbench ab` wrote (the baseline
    /// side first), or nil: documents of separate runs, of two sessions, or
    /// with the sides swapped are not paired.
    static func interleavedPairing(_ baseline: ResultDocument, _ current: ResultDocument) -> RunInterleaving? {
        guard case .run(let before) = baseline, case .run(let now) = current,
              let first = before.interleaving, let second = now.interleaving,
              first.session == second.session, first.side == .baseline, second.side == .candidate, first.pairs == second.pairs
        else { return nil }
        return first
    }
}
