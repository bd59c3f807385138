import BenchModel

/// CSV of a run document (RFC 4180, `\n` line ends, header row): one row per
/// configuration × repetition × phase × operation kind, warm-up phases
/// included (column `warmup`). Phase-wide figures (recall, search cost,
/// counters, memory, WAL) repeat on every operation row of their phase.
/// A failed configuration is one row with `status` = `failed` and the reason.
/// Numbers are raw (µs, bytes, per second) — no units, no grouping; a figure
/// that was not measured is an empty cell and its `*_status` column says why.
///
/// | column | meaning |
/// |---|---|
/// | run_id, workload | the document's run id and workload name |
/// | configuration, repetition, status, failure_reason | which run; `completed` or `failed` |
/// | sweep_path, sweep_value | the swept workload field and the value this row ran with; empty without a sweep |
/// | phase, warmup, arrival, seconds | the phase; arrival is `open` or `closed` |
/// | offered_rate, achieved_rate | operations/s asked for (empty for closed loop) and done, all kinds |
/// | operation, count, errors, points, operation_rate | this operation kind; rate = count / seconds |
/// | latency_{mean,p50,p90,p99,p999,max}_us | from the intended start (coordinated-omission correct) |
/// | service_{p50,p99,p999}_us | from the actual start |
/// | recall_k, recall_mean, recall_min, recall_below_half | recall@k over the phase's sampled searches |
/// | distance_evaluations, pages_4k, pages_2m | per search operation (query), the index's own statistics; empty for `vecbench.run/1` documents, which counted per segment search only |
/// | segment_searches, distance_evaluations_per_segment_search, pages_4k_per_segment_search | segments the queries searched, and the cost per segment search |
/// | dtlb_load_misses_per_op, llc_load_misses_per_op, page_faults_per_op, context_switches_per_op | per operation of the phase |
/// | cpu_time_us_per_op | µs of CPU (user + system) per operation of the phase: perf task-clock of every thread of the runner and its workers, else the OS CPU time |
/// | *_status | `value`, or `unavailable: <reason>` for the column before it |
/// | rss_bytes, anon_huge_page_bytes | at the end of the phase |
/// | fsyncs, fsync_p99_ms, wal_bytes, group_commit_mean, seals, seal_queue_wait_p99_ms, seal_duration_p99_ms | engine WAL and seal figures of the phase |
/// | modelled_model, modelled_cpu, modelled_pcid, modelled_address_spaces | the phase's memory models (MODELLED figures, not measured); several models are `;`-separated in every modelled column, in the same order |
/// | modelled_l1_dtlb_misses, modelled_l1_dtlb_miss_rate, modelled_page_walks, modelled_l1d_misses, modelled_llc_misses | per replayed search (rates as fractions) |
/// | modelled_status | `value`, or `unavailable: <reason>` per model |
/// | notes | what the measurement said about the phase (counter groups split, multiplexed counters, failed probes), `; `-separated |
enum RunCSVWriter {
    static let columns = [
        "run_id", "workload", "configuration", "repetition", "sweep_path", "sweep_value", "status", "failure_reason", "phase", "warmup", "arrival",
        "seconds", "offered_rate", "achieved_rate", "operation", "count", "errors", "points", "operation_rate",
        "latency_mean_us", "latency_p50_us", "latency_p90_us", "latency_p99_us", "latency_p999_us", "latency_max_us",
        "service_p50_us", "service_p99_us", "service_p999_us", "recall_k", "recall_mean", "recall_min",
        "recall_below_half", "distance_evaluations", "pages_4k", "pages_2m", "segment_searches",
        "distance_evaluations_per_segment_search", "pages_4k_per_segment_search", "dtlb_load_misses_per_op", "dtlb_status",
        "llc_load_misses_per_op", "llc_status", "page_faults_per_op", "page_faults_status", "context_switches_per_op",
        "context_switches_status", "cpu_time_us_per_op", "cpu_time_status", "rss_bytes", "rss_status", "anon_huge_page_bytes", "anon_huge_page_status", "fsyncs",
        "fsync_p99_ms", "wal_bytes", "group_commit_mean", "seals", "seal_queue_wait_p99_ms", "seal_duration_p99_ms", "notes",
        "modelled_model", "modelled_cpu", "modelled_pcid", "modelled_address_spaces", "modelled_l1_dtlb_misses",
        "modelled_l1_dtlb_miss_rate", "modelled_page_walks", "modelled_l1d_misses", "modelled_llc_misses", "modelled_status",
    ]

    static func render(_ result: RunResult) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for configuration in result.configurations {
            var row = [String: String]()
            row["run_id"] = result.runID
            row["workload"] = result.workload.name
            row["configuration"] = configuration.name
            row["repetition"] = "\(configuration.repetition)"
            row["sweep_path"] = configuration.sweepValue.flatMap { _ in result.sweep?.path }
            row["sweep_value"] = configuration.sweepValue?.description
            if case .failed(let reason) = configuration.status {
                row["status"] = "failed"
                row["failure_reason"] = reason
                out += line(row)
                continue
            }
            row["status"] = "completed"
            for phase in configuration.phases {
                var phaseRow = row
                fillPhase(&phaseRow, phase)
                let operations = phase.operations.isEmpty ? [nil] : phase.operations.map { Optional($0) }
                for operation in operations {
                    var operationRow = phaseRow
                    if let operation { fillOperation(&operationRow, operation, seconds: phase.seconds) }
                    out += line(operationRow)
                }
            }
        }
        return out
    }

    private static func fillPhase(_ row: inout [String: String], _ phase: PhaseResult) {
        row["phase"] = phase.name
        row["warmup"] = phase.warmup ? "true" : "false"
        row["arrival"] = phase.arrival.rawValue
        row["seconds"] = number(phase.seconds)
        row["offered_rate"] = phase.offeredRate.map(number)
        row["achieved_rate"] = number(phase.achievedRate)
        if let recall = phase.recall {
            row["recall_k"] = "\(recall.k)"
            row["recall_mean"] = number(recall.mean)
            row["recall_min"] = number(recall.minimum)
            row["recall_below_half"] = number(recall.belowHalf)
        }
        if let search = phase.search {
            row["distance_evaluations"] = search.perQuery.map { number($0.distanceEvaluations) }
            row["pages_4k"] = search.perQuery.map { number($0.pagesTouched4K) }
            row["pages_2m"] = search.perQuery.map { number($0.pagesTouched2M) }
            row["segment_searches"] = "\(search.segmentSearches)"
            row["distance_evaluations_per_segment_search"] = number(search.perSegmentSearch.distanceEvaluations)
            row["pages_4k_per_segment_search"] = number(search.perSegmentSearch.pagesTouched4K)
        }
        let notes = RunReport.phaseNotes(phase)
        if !notes.isEmpty { row["notes"] = notes.joined(separator: "; ") }
        fill(&row, "dtlb_load_misses_per_op", "dtlb_status", MetricCatalog.counterPerOperation(phase, MetricCatalog.dTLBCounter))
        fill(&row, "llc_load_misses_per_op", "llc_status", MetricCatalog.counterPerOperation(phase, MetricCatalog.llcCounter))
        fill(&row, "page_faults_per_op", "page_faults_status", MetricCatalog.pageFaultsPerOperation(phase))
        fill(&row, "context_switches_per_op", "context_switches_status", MetricCatalog.contextSwitchesPerOperation(phase))
        fill(&row, "cpu_time_us_per_op", "cpu_time_status", MetricCatalog.cpuTimePerOperation(phase))
        fill(&row, "rss_bytes", "rss_status", MetricCatalog.reading(phase.os.rssBytes))
        fill(&row, "anon_huge_page_bytes", "anon_huge_page_status", MetricCatalog.reading(phase.os.anonHugePageBytes))
        fillModelled(&row, phase.modelled)
        if let engine = phase.engine {
            row["fsyncs"] = "\(engine.fsyncs)"
            row["fsync_p99_ms"] = number(engine.fsyncP99Milliseconds)
            row["wal_bytes"] = "\(engine.walBytes)"
            row["group_commit_mean"] = number(engine.meanGroupCommit)
            row["seals"] = "\(engine.seals)"
            row["seal_queue_wait_p99_ms"] = number(engine.sealQueueWaitP99Milliseconds)
            row["seal_duration_p99_ms"] = number(engine.sealDurationP99Milliseconds)
        }
    }

    private static func fillModelled(_ row: inout [String: String], _ models: [ModelledMemory]) {
        guard !models.isEmpty else { return }
        func join(_ read: (ModelledMemory) -> String) -> String { models.map(read).joined(separator: ";") }
        func figure(_ read: @escaping (ModelledMemory.Figures) -> Double?) -> String {
            join { model in model.figures.flatMap(read).map(number) ?? "" }
        }
        row["modelled_model"] = join(\.name)
        row["modelled_cpu"] = join(\.cpu)
        row["modelled_pcid"] = join(\.pcid)
        row["modelled_address_spaces"] = join { "\($0.addressSpaces)" }
        row["modelled_l1_dtlb_misses"] = figure(\.l1dTLBMissesPerOperation)
        row["modelled_l1_dtlb_miss_rate"] = figure(\.l1dTLBMissRate)
        row["modelled_page_walks"] = figure(\.pageWalksPerOperation)
        row["modelled_l1d_misses"] = figure(\.l1dMissesPerOperation)
        row["modelled_llc_misses"] = figure(\.llcMissesPerOperation)
        row["modelled_status"] = join { model in
            model.figures != nil ? "value" : "unavailable: \(model.unavailable ?? "not modelled")"
        }
    }

    private static func fillOperation(_ row: inout [String: String], _ operation: OperationResult, seconds: Double) {
        row["operation"] = operation.kind.rawValue
        row["count"] = "\(operation.count)"
        row["errors"] = "\(operation.errors)"
        row["points"] = "\(operation.points)"
        row["operation_rate"] = seconds > 0 ? number(Double(operation.count) / seconds) : nil
        let latency = operation.latency
        row["latency_mean_us"] = number(latency.mean)
        row["latency_p50_us"] = number(latency.p50)
        row["latency_p90_us"] = number(latency.p90)
        row["latency_p99_us"] = number(latency.p99)
        row["latency_p999_us"] = number(latency.p999)
        row["latency_max_us"] = number(latency.max)
        row["service_p50_us"] = number(operation.service.p50)
        row["service_p99_us"] = number(operation.service.p99)
        row["service_p999_us"] = number(operation.service.p999)
    }

    private static func fill(_ row: inout [String: String], _ column: String, _ statusColumn: String, _ value: MetricValue) {
        switch value {
        case .value(let number):
            row[column] = Self.number(number)
            row[statusColumn] = "value"
        case .unavailable(let reason):
            row[statusColumn] = "unavailable: \(reason)"
        }
    }

    /// Shortest exact-enough decimal: integers without a fraction, others
    /// with up to 6 significant decimals and no trailing zeros.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(format: "%.0f", value) }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func line(_ row: [String: String]) -> String {
        columns.map { field(row[$0] ?? "") }.joined(separator: ",") + "\n"
    }

    /// RFC 4180 quoting: fields with a comma, quote or line break are quoted,
    /// quotes doubled.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
