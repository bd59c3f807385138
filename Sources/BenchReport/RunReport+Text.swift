import BenchModel

extension RunReport {
    /// The console table `vecbench run` prints: per configuration and
    /// measured phase, recall, latency per operation, throughput achieved
    /// against offered, then the cost of an operation — dTLB and LLC misses,
    /// page faults, context switches, CPU time — memory and the WAL. Figures are
    /// medians over repetitions; a counter without a value reads "n/a [n]"
    /// with its reason underneath.
    public static func text(_ result: RunResult) -> String {
        let measurements = MeasurementSet(run: result)
        var notes = UnavailableNotes()
        var out = "vecbench run \(result.runID) — \(workloadLine(result))\n"
        out += "machine: \(machineLine(result.context))\n"
        out += "counters: \(pmuLine(result.context))\n\n"
        out += Verdict(run: result).text() + "\n"

        var latency = TextTable([
            ("configuration", .left), ("phase", .left), ("runs", .right), ("recall", .right), ("search p50", .right),
            ("p99", .right), ("p99.9", .right), ("upsert p99", .right), ("delete p99", .right),
            ("ops/s achieved / offered", .right), ("upserted points/s", .right),
        ])
        var cost = TextTable([
            ("configuration", .left), ("phase", .left), ("dTLB miss/op", .right), ("LLC miss/op", .right),
            ("faults/op", .right), ("ctx sw/op", .right), ("CPU µs/op", .right), ("RSS", .right), ("huge pages", .right), ("fsyncs/s", .right),
            ("fsync p99", .right), ("seal wait p99", .right),
        ])
        let µs = { (value: Double) in NumberFormatting.latency(microseconds: value) }
        for name in measurements.configurations {
            let phases = measurements.phases(of: name)
            if phases.isEmpty { continue }
            let runs = "\(measurements.repetitions[name] ?? 0)"
            for phase in phases {
                let subject = MeasurementSet.Subject(configuration: name, phase: phase)
                func value(_ metric: MetricDefinition) -> MetricValue? { measurements.value(subject, metric) }
                func cell(_ metric: MetricDefinition, _ format: (Double) -> String) -> String {
                    notes.cell(value(metric), format) + Spread.suffix(measurements.entry(subject, metric))
                }
                latency.append([
                    name, phase, runs, cell(MetricCatalog.recall) { NumberFormatting.fixed($0, 4) },
                    cell(MetricCatalog.latency(.search, .p50), µs), cell(MetricCatalog.latency(.search, .p99), µs),
                    cell(MetricCatalog.latency(.search, .p999), µs), cell(MetricCatalog.latency(.upsert, .p99), µs),
                    cell(MetricCatalog.latency(.delete, .p99), µs),
                    rateCell(achieved: value(MetricCatalog.throughput), offered: value(MetricCatalog.offeredRate))
                        + Spread.suffix(measurements.entry(subject, MetricCatalog.throughput)),
                    cell(MetricCatalog.upsertPointRate, NumberFormatting.significant),
                ])
                cost.append([
                    name, phase, cell(MetricCatalog.dTLBMisses, NumberFormatting.significant),
                    cell(MetricCatalog.llcMisses, NumberFormatting.significant),
                    cell(MetricCatalog.pageFaults, NumberFormatting.significant),
                    cell(MetricCatalog.contextSwitches, NumberFormatting.significant),
                    cell(MetricCatalog.cpuTime, NumberFormatting.significant),
                    cell(MetricCatalog.rss, NumberFormatting.bytes),
                    cell(MetricCatalog.hugePageCoverage) { NumberFormatting.percent($0) },
                    cell(MetricCatalog.fsyncRate, NumberFormatting.significant),
                    cell(MetricCatalog.fsyncP99, NumberFormatting.milliseconds),
                    cell(MetricCatalog.sealWaitP99, NumberFormatting.milliseconds),
                ])
            }
        }
        out += "Latency from intended start and throughput (measured phases; medians over runs)\n"
        out += latency.render() + "\n"
        out += "Cost per operation, memory and WAL\n"
        out += cost.render()
        if measurements.repetitions.values.contains(where: { $0 > 1 }) { out += "(\(Spread.legend))\n" }
        out += modelledText(result, measurements, notes: &notes)
        if let tick = SchedulerTick.note(result, measurements) { out += "\nNote: \(tick)\n" }
        out += SweepCurves(result)?.text() ?? ""
        out += AdapterFigures(run: result).text()
        for (name, runs) in groups(result) {
            if let reason = failureReason(runs) {
                let failed = runs.filter { $0.status != .completed }.count
                out += "\nFAILED \(name) (\(failed) of \(runs.count) run\(runs.count == 1 ? "" : "s")): \(reason)"
            }
        }
        for configuration in result.configurations where configuration.errors.count > 0 {
            out += "\nerrors in \(configuration.label) run \(configuration.repetition): \(configuration.errors.count)"
            if let first = configuration.errors.firstMessages.first { out += "; first: \(first)" }
        }
        for configuration in result.configurations {
            for note in incompleteEngineFigures(configuration) {
                out += "\nengine figures of \(configuration.label) are incomplete (\(note)); WAL and seal cells undercount"
            }
        }
        for configuration in result.configurations {
            for note in measurementNotes(configuration) { out += "\nnote: \(configuration.label) \(note)" }
        }
        if out.hasSuffix("\n") == false { out += "\n" }
        if !notes.reasons.isEmpty { out += "\n" + notes.lines() }
        return out
    }
}
