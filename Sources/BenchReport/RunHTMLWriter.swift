import BenchModel

/// The self-contained HTML page of a run document: overview, summary table,
/// latency CDFs, recall against latency and throughput, the per-second
/// timeline through the bursts, then costs (counters, memory, WAL; in
/// `RunHTMLWriter+Costs.swift`). Each configuration keeps one colour on
/// every chart. Curves and timelines are drawn from a configuration's first
/// completed repetition; tables and bars are medians over repetitions.
struct RunHTMLWriter {
    let result: RunResult
    let measurements: MeasurementSet
    let colors: [String: String]

    init(_ result: RunResult) {
        self.result = result
        measurements = MeasurementSet(run: result)
        var colors: [String: String] = [:]
        for (index, name) in measurements.configurations.enumerated() { colors[name] = ChartPalette.color(index) }
        self.colors = colors
    }

    func render() -> String {
        var page = HTMLPage(
            title: "vecbench run \(result.runID)",
            subtitle: HTMLText.escape(RunReport.workloadLine(result)))
        page.navigation = [
            ("overview", "Overview"), ("summary", "Summary"), ("latency", "Latency CDFs"), ("recall", "Recall"),
            ("timeline", "Timeline"), ("counters", "Counters"), ("memory", "Memory"), ("wal", "WAL"),
        ]
        page.sections = [
            overviewSection(), summarySection(), latencySection(), recallSection(), timelineSection(), countersSection(),
            memorySection(), walSection(),
        ]
        // Only documents with a modelled phase get the section (and its link).
        if let modelled = modelledSection() {
            page.navigation.insert(("modelled", "Modelled"), at: 6)
            page.sections.insert(modelled, at: 6)
        }
        RecallMemoryChart.add(to: &page, result, color: color)
        SweepCurves(result)?.addHTML(to: &page)
        AdapterFigures(run: result).add(to: &page)
        page.sections.insert(Verdict(run: result).htmlSection(), at: 0)
        page.navigation.insert(("verdict", "Verdict"), at: 0)
        return page.render()
    }

    var legend: String { HTMLPage.legend(completedConfigurations.map { ($0, color($0)) }) }

    var completedConfigurations: [String] { measurements.configurations.filter { !measurements.phases(of: $0).isEmpty } }

    func color(_ configuration: String) -> String { colors[configuration] ?? ChartPalette.color(0) }

    func swatch(_ configuration: String) -> String {
        "<span class=\"swatch\" style=\"background:\(color(configuration))\"></span>\(HTMLText.escape(configuration))"
    }

    // MARK: overview

    private func overviewSection() -> String {
        let context = result.context, workload = result.workload
        var kv: [(String, String)] = [
            ("Workload", "\(HTMLText.escape(workload.name)) <span class=\"dim\">(\(HTMLText.escape(workload.source)))</span>"),
            ("Data", "\(NumberFormatting.grouped(workload.tenants)) tenants, \(NumberFormatting.grouped(workload.initialPoints)) "
                + "points × \(workload.dimension) \(HTMLText.escape(workload.metric)), seed \(workload.seed)"),
            ("Phases", HTMLText.escape(workload.phases.joined(separator: " → "))),
            ("Stream hash", "<code>\(HTMLText.escape(workload.streamHash))</code>"),
            ("Machine", HTMLText.escape(RunReport.machineLine(context))),
            ("Counters", HTMLText.escape(RunReport.pmuLine(context))),
            ("Created", HTMLText.escape(context.createdAt)),
        ]
        if let host = context.hostname { kv.append(("Host", HTMLText.escape(host))) }
        var body = "<table class=\"kv\">" + kv.map { "<tr><td>\($0.0)</td><td>\($0.1)</td></tr>" }.joined() + "</table>\n"
        body += "<h3>Configurations</h3>\n"
        var rows: [[String]] = []
        for (name, runs) in RunReport.groups(result) {
            let completed = runs.filter { $0.status == .completed }.count
            let status = RunReport.failureReason(runs).map {
                "<span class=\"failed\">failed (\(runs.count - completed) of \(runs.count))</span>: \(HTMLText.escape($0))"
            } ?? "completed"
            let first = runs[0]
            let overridden = first.overriddenKeys.isEmpty ? "<span class=\"dim\">(base)</span>"
                : first.overriddenKeys.map { "<code>\(HTMLText.escape("\($0)=\(first.settings[$0] ?? "?")"))</code>" }.joined(separator: " ")
            let load = RunReport.representative(runs)?.load.map {
                "\(NumberFormatting.grouped($0.points)) in \(NumberFormatting.fixed($0.seconds, 1)) s (\(NumberFormatting.rate($0.pointsPerSecond)))"
            } ?? "–"
            rows.append([swatch(name), status, "\(completed)", overridden, load])
        }
        body += HTMLText.table(["configuration", "status", "runs", "overridden settings", "load"], rows, numericFrom: 2, textColumns: [3])
        for (name, runs) in RunReport.groups(result) {
            if let reason = RunReport.failureReason(runs) {
                body += "<div class=\"callout\"><b>\(HTMLText.escape(name)) failed:</b> \(HTMLText.escape(reason)). "
                body += "Its figures are missing from every chart below; the other configurations ran.</div>\n"
            }
        }
        for run in result.configurations where run.errors.count > 0 {
            body += "<div class=\"note\"><b>\(HTMLText.escape(run.name)) run \(run.repetition):</b> \(run.errors.count) engine errors"
            if let first = run.errors.firstMessages.first { body += "; first: <code>\(HTMLText.escape(first))</code>" }
            body += "</div>\n"
        }
        for run in result.configurations {
            for note in RunReport.measurementNotes(run) {
                body += "<div class=\"note\"><b>\(HTMLText.escape(run.name)):</b> \(HTMLText.escape(note))</div>\n"
            }
        }
        for run in result.configurations {
            for note in RunReport.incompleteEngineFigures(run) {
                body += "<div class=\"note\"><b>\(HTMLText.escape(run.name)):</b> engine figures incomplete "
                body += "(\(HTMLText.escape(note))); WAL and seal figures undercount.</div>\n"
            }
        }
        return HTMLPage.section("overview", "Overview", body)
    }

    // MARK: summary

    private func summarySection() -> String {
        let headers = [
            "configuration", "phase", "recall", "search p50", "search p99", "search p99.9", "upsert p99", "delete p99",
            "ops/s achieved / offered", "dTLB miss/op", "LLC miss/op", "RSS", "fsyncs/s", "seal wait p99",
        ]
        var notes = UnavailableNotes()
        var rows: [[String]] = []
        for subject in measurements.subjects {
            var row = [swatch(subject.configuration), HTMLText.escape(subject.phase)]
            let metrics = [
                MetricCatalog.recall, MetricCatalog.latency(.search, .p50), MetricCatalog.latency(.search, .p99),
                MetricCatalog.latency(.search, .p999), MetricCatalog.latency(.upsert, .p99),
                MetricCatalog.latency(.delete, .p99),
            ]
            for metric in metrics { row.append(cell(subject, metric, &notes)) }
            row.append(HTMLText.escape(RunReport.rateCell(achieved: measurements.value(subject, MetricCatalog.throughput),
                                                          offered: measurements.value(subject, MetricCatalog.offeredRate))))
            for metric in [MetricCatalog.dTLBMisses, MetricCatalog.llcMisses] {
                row.append(notes.htmlCell(measurements.value(subject, metric), NumberFormatting.significant))
            }
            for metric in [MetricCatalog.rss, MetricCatalog.fsyncRate, MetricCatalog.sealWaitP99] { row.append(cell(subject, metric, &notes)) }
            rows.append(row)
        }
        let intro = "Measured phases (warm-ups left out); figures are medians over completed runs. Latency from the "
            + "intended start, so an open loop's queueing is included. Page faults, context switches and huge pages: "
            + "see the sections below."
        return HTMLPage.section("summary", "Summary", intro: intro, HTMLText.table(headers, rows) + notes.html())
    }

    /// A figure in its metric's unit, or "n/a [n]" (its reason a footnote
    /// in `notes`), or "–".
    func cell(_ subject: MeasurementSet.Subject, _ metric: MetricDefinition, _ notes: inout UnavailableNotes) -> String {
        guard let entry = measurements.entry(subject, metric) else { return "<span class=\"dim\">–</span>" }
        return notes.htmlCell(entry.value, entry.metric.format)
    }

    // MARK: latency

    private func latencySection() -> String {
        var charts: [String] = []
        for phase in measuredPhaseNames {
            for kind in MetricCatalog.operationKinds {
                var series: [SVGLineChart.Series] = []
                var openLoop = false
                for name in completedConfigurations {
                    guard let phaseResult = representativePhase(name, phase), let operation = phaseResult.operation(kind),
                          operation.count > 0 else { continue }
                    series.append(.init(name: name, color: color(name), points: curve(operation.latency)))
                    if phaseResult.arrival == .open {
                        openLoop = true
                        series.append(.init(name: "\(name) (service)", color: color(name), points: curve(operation.service),
                                            dashed: true, markers: false))
                    }
                }
                guard !series.isEmpty else { continue }
                let chart = SVGLineChart(
                    title: "\(phase): \(kind) latency by percentile", xLabel: "percentile (log of nines; max at the right)",
                    yLabel: "latency", xScale: .nines, yScale: logarithmicIfWide(series), xFormat: { NumberFormatting.fixed($0, 2) },
                    yFormat: NumberFormatting.latencyTick, series: series, yPossible: 0...Double.infinity)
                charts.append(chart.render() + (openLoop ? "<figcaption class=\"dim\">dashed: service time (from the actual start)</figcaption>" : ""))
            }
        }
        let intro = "The HdrHistogram percentile distribution of each phase and operation: percentile on a log-of-nines "
            + "axis, so 99, 99.9 and 99.99 are as far apart as 0 and 90. Solid: from the intended start; in open-loop "
            + "phases the dashed line is service time — the gap between them is time spent queueing."
        let tick = tickNote().map { "<div class=\"note\" id=\"scheduler-tick\">\(HTMLText.escape($0))</div>\n" } ?? ""
        return HTMLPage.section("latency", "Latency CDFs", intro: intro, legend + tick + HTMLPage.grid(charts))
    }

    /// The scheduler-tick note when a measured phase's search p99 sits at
    /// the tick (`SchedulerTick`); nil otherwise.
    func tickNote() -> String? { SchedulerTick.note(result, measurements) }

    func curve(_ latency: LatencySummary) -> [(x: Double, y: Double)] {
        latency.curve.compactMap { $0.count >= 2 ? (x: $0[0], y: $0[1]) : nil }
    }

    func logarithmicIfWide(_ series: [SVGLineChart.Series]) -> ChartScale.Kind {
        let ys = series.flatMap { $0.points.map(\.y) }.filter { $0 > 0 }
        guard let low = ys.min(), let high = ys.max() else { return .linear }
        return high / low > 20 ? .logarithmic : .linear
    }

    var measuredPhaseNames: [String] {
        var names: [String] = []
        for subject in measurements.subjects where !names.contains(subject.phase) { names.append(subject.phase) }
        return names
    }

    func representativePhase(_ configuration: String, _ phase: String) -> PhaseResult? {
        RunReport.representative(result.configurations.filter { $0.label == configuration })?
            .phases.first { $0.name == phase && !$0.warmup }
    }

    // MARK: recall

    private func recallSection() -> String {
        func scatter(_ xMetric: MetricDefinition, title: String, xLabel: String, xFormat: @escaping (Double) -> String, log: Bool) -> SVGLineChart {
            var series: [SVGLineChart.Series] = []
            for name in completedConfigurations {
                var points: [(x: Double, y: Double)] = [], titles: [String] = [], labels: [String] = []
                for phase in measurements.phases(of: name) {
                    let subject = MeasurementSet.Subject(configuration: name, phase: phase)
                    guard let recall = measurements.value(subject, MetricCatalog.recall)?.number,
                          let x = measurements.value(subject, xMetric)?.number else { continue }
                    points.append((x, recall))
                    titles.append("\(name) / \(phase): recall \(NumberFormatting.fixed(recall, 4)), \(xFormat(x))")
                    labels.append(phase)
                }
                series.append(.init(name: name, color: color(name), points: points, markersOnly: true, pointTitles: titles,
                                    pointLabels: labels))
            }
            let xs = series.flatMap { $0.points.map(\.x) }.filter { $0 > 0 }
            let wide = (xs.max() ?? 1) / (xs.min() ?? 1) > 20
            return SVGLineChart(title: title, xLabel: xLabel, yLabel: "recall@k (mean)", xScale: log && wide ? .logarithmic : .linear,
                                xFormat: xFormat, yFormat: { NumberFormatting.fixed($0, 3) }, series: series,
                                xPossible: 0...Double.infinity, yPossible: 0...1)
        }
        let latency = scatter(MetricCatalog.latency(.search, .p99), title: "recall against search p99 latency", xLabel: "search p99 (from intended start)",
                              xFormat: { NumberFormatting.latency(microseconds: $0) }, log: true)
        let throughput = scatter(MetricCatalog.operationRate(.search), title: "recall against search throughput", xLabel: "searches per second",
                                 xFormat: NumberFormatting.significant, log: false)
        let intro = "One point per configuration and measured phase (hover for its name). Up and to the left is better "
            + "on the first chart, up and to the right on the second."
        return HTMLPage.section("recall", "Recall against latency and throughput", intro: intro,
                                legend + HTMLPage.grid([latency.render(), throughput.render()]))
    }
}
