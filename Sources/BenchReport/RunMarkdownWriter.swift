import BenchModel

/// The Markdown summary of a run document: context, configurations, then
/// one table per concern. Figures are medians over repetitions; a figure
/// that was not measured reads "n/a [n]", its reason under the table.
struct RunMarkdownWriter {
    typealias Cell = ReportTable.Cell
    typealias M = MetricCatalog

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
        out += Verdict(run: result).markdown()
        out += configurationsSection()
        out += summarySection()
        let sweep = SweepCurves(result)
        out += sweep?.markdown() ?? ""
        out += latencySection()
        if let tick = SchedulerTick.note(result, measurements) { out += "> **Note.** \(tick)\n\n" }
        out += costSection()
        if let modelled = RunReport.modelledTable(result, measurements) {
            out += "## Modelled TLB and caches\n\n" + RunReport.modelledIntro + "\n\n" + modelled.markdown() + "\n"
        }
        out += memorySection()
        out += PlacementTable.markdown(result)
        out += walSection()
        out += AdapterFigures(run: result).markdown()
        out += problemsSection()
        out += notesSection()
        out += "---\nLatency is measured from each operation's intended start (open loop: queueing included), "
        out += "service time from its actual start. *runs* = completed repetitions; figures are their medians"
        out += measurements.repetitions.values.contains(where: { $0 > 1 }) ? " (\(Spread.legend)). " : ". "
        out += "Per-operation counters divide a phase's count by all its operations.\n"
        // Sweep cells give reasons of their own (no record at a value, a
        // figure not in the document); they take the same numbered marks.
        let reasons = UnavailableNotes.reasons(of: measurements)
        let sweepReasons = (sweep?.unavailableReasons ?? []).filter { !reasons.contains($0) }
        return UnavailableNotes.footnotingMarkdownTables(out, reasons: reasons + sweepReasons)
    }

    private func configurationsSection() -> String {
        var table = ReportTable(titles: [("configuration", .left), ("runs", .right), ("status", .left), ("overridden settings", .left), ("load", .left)])
        for (name, runs) in RunReport.groups(result) {
            let completed = runs.filter { $0.status == .completed }.count
            let status = RunReport.failureReason(runs).map {
                Cell.joined([.strong("failed"), Cell("(\(runs.count - completed) of \(runs.count)): \($0)")])
            } ?? "completed"
            let first = runs[0]
            let overridden = first.overriddenKeys.isEmpty
                ? "(base)" : Cell.joined(first.overriddenKeys.map { .code("\($0)=\(first.settings[$0] ?? "?")") })
            let load = RunReport.representative(runs)?.load.map {
                "\(NumberFormatting.grouped($0.points)) points in \(NumberFormatting.fixed($0.seconds, 1)) s "
                    + "(\(NumberFormatting.rate($0.pointsPerSecond))), seals done after \(NumberFormatting.fixed($0.sealSeconds, 1)) s"
            } ?? "–"
            table.append([Cell(name), "\(completed)", status, overridden, Cell(load)])
        }
        return "## Configurations\n\n" + table.markdown() + "\n"
    }

    private func summarySection() -> String {
        var table = ReportTable(titles: [
            ("configuration", .left), ("phase", .left), ("recall", .right), ("search p50", .right), ("search p99", .right),
            ("search p99.9", .right), ("upsert p99", .right), ("delete p99", .right), ("ops/s achieved / offered", .right),
        ])
        for subject in measurements.subjects {
            let figures = [M.recall, M.latency(.search, .p50), M.latency(.search, .p99), M.latency(.search, .p999),
                           M.latency(.upsert, .p99), M.latency(.delete, .p99)].map { text(subject, $0) }
            let rate = RunReport.rateCell(achieved: measurements.value(subject, M.throughput), offered: measurements.value(subject, M.offeredRate))
                + Spread.suffix(measurements.entry(subject, M.throughput))
            table.append(text: [subject.configuration, subject.phase] + figures + [rate])
        }
        return "## Summary\n\n" + table.markdown() + "\n"
    }

    private func latencySection() -> String {
        var table = ReportTable(titles: [
            ("configuration", .left), ("phase", .left), ("operation", .left), ("ops/s", .right), ("errors", .right), ("p50", .right),
            ("p90", .right), ("p99", .right), ("p99.9", .right), ("max", .right),
        ])
        for subject in measurements.subjects {
            for kind in M.operationKinds where measurements.value(subject, M.latency(kind, .p50)) != nil {
                let figures = [M.operationRate(kind), M.operationErrors(kind)] + LatencyPercentile.allCases.map { M.latency(kind, $0) }
                table.append(text: [subject.configuration, subject.phase, kind.rawValue] + figures.map { text(subject, $0) })
            }
        }
        var out = "## Latency per operation\n\nFrom the intended start, so an open loop's queueing is included; service "
        out += "times (from the actual start) are in `result.json` and the CSV (`service_*_us`).\n\n"
        return out + table.markdown() + "\n"
    }

    private func costSection() -> String {
        var table = ReportTable(titles: [
            ("configuration", .left), ("phase", .left), ("distance evals/query", .right), ("4 KiB pages/query", .right),
            ("2 MiB pages/query", .right), ("dTLB load misses/op", .right), ("LLC load misses/op", .right), ("page faults/op", .right),
            ("context switches/op", .right), ("CPU µs/op", .right),
        ])
        for subject in measurements.subjects {
            let figures = [M.distanceEvaluations, M.pages4K, M.pages2M, M.dTLBMisses, M.llcMisses, M.pageFaults, M.contextSwitches, M.cpuTime]
            table.append(text: [subject.configuration, subject.phase]
                + figures.map { cell(measurements.value(subject, $0), NumberFormatting.significant) + Spread.suffix(measurements.entry(subject, $0)) })
        }
        var out = "## Cost per operation\n\nSearch cost is the index's own count (exact on any machine); hardware "
        out += "counters come from perf_event and say why when they did not count. CPU time counts every thread of the "
        out += "process and its workers, without the time spent waiting for a CPU.\n\n"
        return out + table.markdown() + "\n"
    }

    private func memorySection() -> String {
        var table = ReportTable(titles: [
            ("configuration", .left), ("phase", .left), ("RSS", .right), ("huge-page coverage", .right), ("mapped", .right), ("resident", .right),
        ])
        for subject in measurements.subjects {
            let engine = representativePhase(subject)?.engine
            table.append(text: [
                subject.configuration, subject.phase, text(subject, M.rss),
                cell(measurements.value(subject, M.hugePageCoverage)) { NumberFormatting.percent($0) },
                engine.map { NumberFormatting.bytes($0.mappedBytes) } ?? "–",
                engine.flatMap { $0.residentBytes }.map { NumberFormatting.bytes($0) } ?? "–",
            ])
        }
        var out = "## Memory\n\nRSS and anonymous huge pages at the end of each phase; mapped and resident bytes of the "
        out += "engine's sealed segments.\n\n"
        return out + table.markdown() + "\n"
    }

    private func walSection() -> String {
        var table = ReportTable(titles: [
            ("configuration", .left), ("phase", .left), ("fsync policy", .left), ("fsyncs/s", .right), ("fsync p99", .right),
            ("writes per group commit", .right), ("acknowledgement p99", .right), ("seals", .right), ("seal queue wait p99", .right),
            ("seal p99", .right),
        ])
        for subject in measurements.subjects where measurements.value(subject, M.fsyncRate) != nil {
            let settings = result.configurations.first { $0.label == subject.configuration }?.settings ?? .defaults
            let policy = "\(settings.walScope.rawValue), \(settings.fsync)"
            let figures = [M.fsyncRate, M.fsyncP99, M.groupCommit, M.latency(.upsert, .p99), M.seals, M.sealWaitP99, M.sealDurationP99]
            table.append(text: [subject.configuration, subject.phase, policy] + figures.map { text(subject, $0) })
        }
        var out = "## WAL and seals\n\nAcknowledgement p99 is the upsert p99: a write is acknowledged once its WAL "
        out += "record is as durable as the fsync policy promises.\n\n"
        return out + table.markdown() + "\n"
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

    /// What the measurement said about itself: phase notes and counters
    /// that were multiplexed.
    private func notesSection() -> String {
        let lines = result.configurations.flatMap { run in RunReport.measurementNotes(run).map { "- \(escape(run.name)) \(escape($0))" } }
        return lines.isEmpty ? "" : "## Measurement notes\n\n" + lines.joined(separator: "\n") + "\n\n"
    }

    // MARK: helpers

    /// A figure of `subject` in its metric's own unit (see `cell`).
    private func text(_ subject: MeasurementSet.Subject, _ metric: MetricDefinition) -> String {
        guard let entry = measurements.entry(subject, metric) else { return "–" }
        return cell(entry.value, entry.metric.format) + Spread.suffix(entry)
    }

    private func representativePhase(_ subject: MeasurementSet.Subject) -> PhaseResult? {
        let runs = result.configurations.filter { $0.label == subject.configuration }
        return RunReport.representative(runs)?.phases.first { $0.name == subject.phase && !$0.warmup }
    }

    /// A value with its unit, "unavailable — reason", or "–" when the
    /// metric does not apply. Plain text: the table escapes it.
    private func cell(_ value: MetricValue?, _ format: (Double) -> String) -> String {
        switch value {
        case .value(let number)?: return format(number)
        case .unavailable(let reason)?: return "unavailable — \(reason)"
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
