import BenchModel

extension RunHTMLWriter {
    /// Bars of one metric: a group per measured phase, a bar per
    /// configuration; an unavailable figure drawn as such, its reason a
    /// numbered footnote in `notes` (shared with the section's table).
    func bars(_ metric: MetricDefinition, title: String, format: @escaping (Double) -> String,
              notes: inout UnavailableNotes) -> String? {
        var groups: [SVGBarChart.Group] = []
        for phase in measuredPhaseNames {
            var bars: [SVGBarChart.Bar] = []
            for name in completedConfigurations {
                guard let value = measurements.value(.init(configuration: name, phase: phase), metric) else { continue }
                bars.append(.init(label: name, color: color(name), value: value))
            }
            if !bars.isEmpty { groups.append(.init(label: phase, bars: bars)) }
        }
        guard !groups.isEmpty else { return nil }
        var numbers: [String: Int] = [:]
        for case .unavailable(let reason) in groups.flatMap({ $0.bars.map(\.value) }) { numbers[reason] = notes.number(for: reason) }
        return SVGBarChart(title: title, format: format, groups: groups, noteNumbers: numbers).render()
    }

    func countersSection() -> String {
        let significant = NumberFormatting.significant
        var notes = UnavailableNotes()
        let charts = [
            bars(MetricCatalog.dTLBMisses, title: "dTLB load misses per operation", format: significant, notes: &notes),
            bars(MetricCatalog.llcMisses, title: "LLC load misses per operation", format: significant, notes: &notes),
            bars(MetricCatalog.pageFaults, title: "page faults per operation", format: significant, notes: &notes),
            bars(MetricCatalog.contextSwitches, title: "context switches per operation", format: significant, notes: &notes),
            bars(MetricCatalog.cpuTime, title: "CPU time per operation (µs)", format: significant, notes: &notes),
            bars(MetricCatalog.distanceEvaluations, title: "distance evaluations per search", format: significant, notes: &notes),
            bars(MetricCatalog.pages4K, title: "distinct 4 KiB pages touched per search", format: significant, notes: &notes),
        ].compactMap { $0 }
        var rows: [[String]] = []
        for subject in measurements.subjects {
            var row = [swatch(subject.configuration), HTMLText.escape(subject.phase)]
            let metrics = [
                MetricCatalog.dTLBMisses, MetricCatalog.llcMisses, MetricCatalog.pageFaults, MetricCatalog.contextSwitches,
                MetricCatalog.cpuTime, MetricCatalog.distanceEvaluations, MetricCatalog.pages4K, MetricCatalog.pages2M,
            ]
            for metric in metrics {
                row.append(notes.htmlCell(measurements.value(subject, metric), significant))
            }
            rows.append(row)
        }
        let table = HTMLText.table(
            ["configuration", "phase", "dTLB miss/op", "LLC miss/op", "faults/op", "ctx sw/op", "CPU µs/op", "dist evals/query",
             "4 KiB pages/query", "2 MiB pages/query"], rows)
        let intro = "Hardware counters from perf_event, divided by every operation of the phase (in a search-only phase: "
            + "per query). A counter the machine could not count is shown as unavailable with the kernel's reason — never "
            + "as zero. CPU time per operation is the task-clock of every thread of the process and its workers (else the "
            + "OS CPU time): unlike latency it leaves out time spent waiting for a CPU. Distance evaluations and pages touched are the index's own exact statistics, available everywhere: "
            + "pages touched per query is a TLB working-set proxy where no PMU exists."
        return HTMLPage.section("counters", "Counters per operation", intro: intro, legend + HTMLPage.grid(charts) + table + notes.html())
    }

    func memorySection() -> String {
        var notes = UnavailableNotes()
        let charts = [
            bars(MetricCatalog.rss, title: "RSS at the end of the phase", format: { NumberFormatting.bytes($0) }, notes: &notes),
            bars(MetricCatalog.hugePageCoverage, title: "share of RSS in anonymous huge pages", format: { NumberFormatting.percent($0) }, notes: &notes),
        ].compactMap { $0 }
        var rows: [[String]] = []
        for subject in measurements.subjects {
            let engine = representativePhase(subject.configuration, subject.phase)?.engine
            let os = representativePhase(subject.configuration, subject.phase)?.os
            rows.append([
                swatch(subject.configuration), HTMLText.escape(subject.phase), cell(subject, MetricCatalog.rss, &notes),
                os.map { notes.htmlCell(MetricCatalog.reading($0.anonHugePageBytes)) { NumberFormatting.bytes($0) } } ?? "–",
                notes.htmlCell(measurements.value(subject, MetricCatalog.hugePageCoverage)) { NumberFormatting.percent($0) },
                engine.map { NumberFormatting.bytes($0.mappedBytes) } ?? "–",
                engine.flatMap { $0.residentBytes }.map { NumberFormatting.bytes($0) } ?? "–",
                engine.flatMap { $0.hugePageBytes }.map { NumberFormatting.bytes($0) } ?? "–",
                engine.map { NumberFormatting.grouped($0.openCollections) } ?? "–",
            ])
        }
        let table = HTMLText.table(
            ["configuration", "phase", "RSS", "anon huge pages", "coverage", "segments mapped", "resident", "in 2 MiB pages",
             "open collections"], rows)
        let intro = "Process memory at the end of each phase, and the engine's sealed segments: bytes mapped, resident and "
            + "backed by 2 MiB pages (from smaps). Huge-page coverage decides TLB reach: 1,536 dTLB entries cover ≈ 6 MiB "
            + "with 4 KiB pages and ≈ 3 GiB with 2 MiB pages."
        return HTMLPage.section("memory", "Memory", intro: intro, legend + HTMLPage.grid(charts) + table + notes.html())
    }

    func walSection() -> String {
        var notes = UnavailableNotes()
        let charts = [
            bars(MetricCatalog.fsyncRate, title: "fsyncs per second", format: NumberFormatting.significant, notes: &notes),
            bars(MetricCatalog.latency(.upsert, .p99), title: "acknowledgement p99 (upsert, from intended start)", format: { NumberFormatting.latency(microseconds: $0) }, notes: &notes),
            bars(MetricCatalog.sealWaitP99, title: "seal queue wait p99", format: NumberFormatting.milliseconds, notes: &notes),
            bars(MetricCatalog.groupCommit, title: "writes per group commit (mean)", format: NumberFormatting.significant, notes: &notes),
        ].compactMap { $0 }
        var rows: [[String]] = []
        for subject in measurements.subjects where measurements.value(subject, MetricCatalog.fsyncRate) != nil {
            let settings = result.configurations.first { $0.label == subject.configuration }?.settings ?? .defaults
            let policy = "\(settings.walScope.rawValue), \(settings.fsync), seal concurrency "
                + (settings.sealConcurrency.map(String.init) ?? "unbounded")
            var row = [swatch(subject.configuration), HTMLText.escape(subject.phase), policy.isEmpty ? "–" : HTMLText.escape(policy)]
            let metrics = [
                MetricCatalog.fsyncRate, MetricCatalog.fsyncP99, MetricCatalog.groupCommit, MetricCatalog.latency(.upsert, .p99),
                MetricCatalog.seals, MetricCatalog.sealWaitP99, MetricCatalog.sealDurationP99,
            ]
            for metric in metrics {
                row.append(cell(subject, metric, &notes))
            }
            rows.append(row)
        }
        if rows.isEmpty {
            return HTMLPage.section("wal", "WAL and seals", "<p class=\"dim\">No engine statistics in this document.</p>\n")
        }
        let table = HTMLText.table(
            ["configuration", "phase", "policy", "fsyncs/s", "fsync p99", "writes/commit", "ack p99", "seals", "seal wait p99",
             "seal p99"], rows, numericFrom: 3)
        let intro = "A write is acknowledged once its WAL record is as durable as the fsync policy promises, so the upsert "
            + "p99 is the acknowledgement p99. Many collections sealing at once queue behind the seal concurrency bound: "
            + "the wait shows here."
        return HTMLPage.section("wal", "WAL and seals", intro: intro, legend + HTMLPage.grid(charts) + table + notes.html())
    }
}
