import BenchModel

/// The Markdown summary of a run document: context, configurations, then
/// one table per concern. Figures are medians over repetitions; a figure
/// that was not measured reads "unavailable — reason".
struct RunMarkdownWriter {
    let result: RunResult
    let measurements: MeasurementSet

    init(_ result: RunResult) {
        self.result = result
        measurements = MeasurementSet(run: result)
    }

    func render() -> String {
        var out = "# vecbench run `\(result.runID)`\n\n"
        out += "- Workload: \(RunReport.workloadLine(result))\n"
        out += "- Stream hash `\(result.workload.streamHash)`, file hash `\(result.workload.fileHash)`\n"
        out += "- Machine: \(RunReport.machineLine(result.context))\n"
        out += "- Counters: \(RunReport.pmuLine(result.context))\n"
        out += "- Created: \(result.context.createdAt)\n\n"
        out += configurationsSection()
        out += summarySection()
        out += latencySection()
        out += costSection()
        out += memorySection()
        out += walSection()
        out += problemsSection()
        out += "---\nLatency is measured from each operation's intended start (open loop: queueing included), "
        out += "service time from its actual start. *runs* = completed repetitions; figures are their medians. "
        out += "Per-operation counters divide a phase's count by all its operations.\n"
        return out
    }

    private func configurationsSection() -> String {
        var out = "## Configurations\n\n| configuration | runs | status | overridden settings | load |\n|---|---:|---|---|---|\n"
        for (name, runs) in RunReport.groups(result) {
            let completed = runs.filter { $0.status == .completed }.count
            let status = RunReport.failureReason(runs).map { "**failed** (\(runs.count - completed) of \(runs.count)): \(escape($0))" }
                ?? "completed"
            let first = runs[0]
            let overridden = first.overriddenKeys.isEmpty
                ? "(base)" : first.overriddenKeys.map { "`\($0)=\(first.settings[$0] ?? "?")`" }.joined(separator: " ")
            let load = RunReport.representative(runs)?.load.map {
                "\(NumberFormatting.grouped($0.points)) points in \(NumberFormatting.fixed($0.seconds, 1)) s "
                    + "(\(NumberFormatting.rate($0.pointsPerSecond))), seals done after \(NumberFormatting.fixed($0.sealSeconds, 1)) s"
            } ?? "–"
            out += "| \(escape(name)) | \(completed) | \(status) | \(overridden) | \(load) |\n"
        }
        return out + "\n"
    }

    private func summarySection() -> String {
        var out = "## Summary\n\n| configuration | phase | recall | search p50 | search p99 | search p99.9 | upsert p99 "
        out += "| delete p99 | ops/s achieved / offered |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n"
        forEachSubject { subject, value in
            out += "| \(escape(subject.configuration)) | \(subject.phase) | \(text(subject, "recall"))"
            for id in ["search.p50", "search.p99", "search.p999", "upsert.p99", "delete.p99"] { out += " | \(text(subject, id))" }
            out += " | \(RunReport.rateCell(achieved: value("throughput"), offered: value("offered-rate"))) |\n"
        }
        return out + "\n"
    }

    private func latencySection() -> String {
        var out = "## Latency per operation\n\nFrom the intended start; *service p99* from the actual start.\n\n"
        out += "| configuration | phase | operation | ops/s | errors | p50 | p90 | p99 | p99.9 | max |\n"
        out += "|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n"
        forEachSubject { subject, value in
            for kind in MetricCatalog.operationKinds where value("\(kind).p50") != nil {
                out += "| \(escape(subject.configuration)) | \(subject.phase) | \(kind) | \(text(subject, "\(kind).rate"))"
                out += " | \(text(subject, "\(kind).errors"))"
                for suffix in ["p50", "p90", "p99", "p999", "max"] { out += " | \(text(subject, "\(kind).\(suffix)"))" }
                out += " |\n"
            }
        }
        return out + "\n"
    }

    private func costSection() -> String {
        var out = "## Cost per operation\n\nSearch cost is the index's own count (exact on any machine); hardware "
        out += "counters come from perf_event and say why when they did not count.\n\n"
        out += "| configuration | phase | distance evals/query | 4 KiB pages/query | 2 MiB pages/query | dTLB load misses/op "
        out += "| LLC load misses/op | page faults/op | context switches/op |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n"
        forEachSubject { subject, value in
            out += "| \(escape(subject.configuration)) | \(subject.phase)"
            for id in ["distance-evaluations", "pages-4k", "pages-2m"] {
                out += " | \(cell(value(id), NumberFormatting.significant))"
            }
            for id in ["dtlb-misses", "llc-misses", "page-faults", "context-switches"] {
                out += " | \(cell(value(id), NumberFormatting.significant))"
            }
            out += " |\n"
        }
        return out + "\n"
    }

    private func memorySection() -> String {
        var out = "## Memory\n\nRSS and anonymous huge pages at the end of each phase; mapped and resident bytes of the "
        out += "engine's sealed segments.\n\n| configuration | phase | RSS | huge-page coverage | mapped | resident |\n"
        out += "|---|---|---:|---:|---:|---:|\n"
        forEachSubject { subject, value in
            let engine = representativePhase(subject)?.engine
            out += "| \(escape(subject.configuration)) | \(subject.phase) | \(cell(value("rss"), NumberFormatting.bytes))"
            out += " | \(cell(value("huge-page-coverage"), { NumberFormatting.percent($0) }))"
            out += " | \(engine.map { NumberFormatting.bytes($0.mappedBytes) } ?? "–")"
            out += " | \(engine.flatMap { $0.residentBytes }.map { NumberFormatting.bytes($0) } ?? "–") |\n"
        }
        return out + "\n"
    }

    private func walSection() -> String {
        var out = "## WAL and seals\n\nAcknowledgement p99 is the upsert p99: a write is acknowledged once its WAL "
        out += "record is as durable as the fsync policy promises.\n\n"
        out += "| configuration | phase | fsync policy | fsyncs/s | fsync p99 | writes per group commit | acknowledgement p99 "
        out += "| seals | seal queue wait p99 | seal p99 |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n"
        forEachSubject { subject, value in
            guard value("fsyncs-per-second") != nil else { return }
            let settings = result.configurations.first { $0.name == subject.configuration }?.settings ?? .defaults
            let policy = [settings["wal_scope"], settings["fsync"]].compactMap { $0 }.joined(separator: ", ")
            out += "| \(escape(subject.configuration)) | \(subject.phase) | \(policy.isEmpty ? "–" : policy)"
            for id in ["fsyncs-per-second", "fsync.p99", "group-commit", "upsert.p99", "seals", "seal-wait.p99", "seal.p99"] {
                out += " | \(text(subject, id))"
            }
            out += " |\n"
        }
        return out + "\n"
    }

    private func problemsSection() -> String {
        var lines: [String] = []
        for (name, runs) in RunReport.groups(result) {
            for run in runs {
                if case .failed(let reason) = run.status {
                    lines.append("- **\(escape(name))** run \(run.repetition) failed: \(escape(reason))")
                }
                if run.errors.count > 0 {
                    let first = run.errors.firstMessages.prefix(3).map { "`\(escape($0))`" }.joined(separator: "; ")
                    lines.append("- \(escape(name)) run \(run.repetition): \(run.errors.count) engine errors" + (first.isEmpty ? "" : "; first: \(first)"))
                }
                for note in RunReport.incompleteEngineFigures(run) {
                    lines.append("- \(escape(name)): engine figures incomplete (\(escape(note))); WAL and seal figures undercount")
                }
            }
        }
        return lines.isEmpty ? "" : "## Failures and errors\n\n" + lines.joined(separator: "\n") + "\n\n"
    }

    // MARK: helpers

    private func forEachSubject(_ body: (MeasurementSet.Subject, (String) -> MetricValue?) -> Void) {
        for subject in measurements.subjects {
            body(subject) { measurements.value(subject, $0) }
        }
    }

    /// A figure of `subject` in its metric's own unit (see `cell`).
    private func text(_ subject: MeasurementSet.Subject, _ id: String) -> String {
        guard let entry = measurements.entry(subject, id) else { return "–" }
        return cell(entry.value, metricFormat: entry.metric.format)
    }

    private func representativePhase(_ subject: MeasurementSet.Subject) -> PhaseResult? {
        let runs = result.configurations.filter { $0.name == subject.configuration }
        return RunReport.representative(runs)?.phases.first { $0.name == subject.phase && !$0.warmup }
    }

    /// A value with its metric's unit, "unavailable — reason", or "–" when
    /// the metric does not apply.
    private func cell(_ value: MetricValue?, _ format: @escaping (Double) -> String) -> String {
        cell(value, metricFormat: format)
    }

    private func cell(_ value: MetricValue?, metricFormat: ((Double) -> String)?) -> String {
        switch value {
        case .value(let number)?: return metricFormat?(number) ?? NumberFormatting.significant(number)
        case .unavailable(let reason)?: return "unavailable — \(escape(reason))"
        case nil: return "–"
        }
    }

    private func escape(_ text: String) -> String { MarkdownText.escapeCell(text) }
}

enum MarkdownText {
    /// Text safe inside a table cell: pipes escaped, line breaks folded.
    static func escapeCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
