import BenchModel

extension RunReport {
    /// One model of one configuration's measured phase, as the report
    /// tables list it.
    struct ModelledRow {
        var subject: MeasurementSet.Subject
        var model: ModelledMemory
        /// Whether the phase has this model alone (plain metric ids).
        var single: Bool

        func metric(_ figure: MetricCatalog.ModelledFigure) -> MetricDefinition {
            MetricCatalog.modelled(figure, model: model.name, single: single)
        }

        /// "skylake-sp, pcid linux, 8 spaces, 2 cores, mapped pages, 1/1".
        var setup: String {
            "\(model.cpu)\(model.cpuOrigin == "preset" ? "" : " (\(model.cpuOrigin))"), pcid \(model.pcid), "
                + "\(model.addressSpaces) address space\(model.addressSpaces == 1 ? "" : "s"), \(model.cores) cores, "
                + "\(model.pages) pages" + (model.sample == 1 ? "" : ", 1 in \(model.sample) searches")
        }
    }

    /// The figures a modelled table shows, in order.
    static let modelledColumns: [(MetricCatalog.ModelledFigure, String)] = [
        (.l1dTLBMisses, "L1 dTLB miss/query"), (.l1dTLBMissRate, "L1 dTLB miss rate"), (.pageWalks, "page walks/query"),
        (.l1dMisses, "L1D miss/query"), (.llcMisses, "LLC miss/query"), (.llcHitRate, "LLC hit rate"),
        (.overhead, "model time (untimed)"),
    ]

    /// Every model of every measured phase (from the first completed run
    /// of each configuration: the models are the same in every run).
    static func modelledRows(_ result: RunResult, _ measurements: MeasurementSet) -> [ModelledRow] {
        var rows: [ModelledRow] = []
        for subject in measurements.subjects {
            let runs = result.configurations.filter { $0.label == subject.configuration }
            guard let phase = representative(runs)?.phases.first(where: { $0.name == subject.phase && !$0.warmup }) else { continue }
            for model in phase.modelled {
                rows.append(ModelledRow(subject: subject, model: model, single: phase.modelled.count == 1))
            }
        }
        return rows
    }

    static func modelledFormat(_ figure: MetricCatalog.ModelledFigure) -> (Double) -> String {
        switch figure.unit {
        case .fraction: { NumberFormatting.percent($0) }
        case .milliseconds: NumberFormatting.milliseconds
        default: NumberFormatting.significant
        }
    }

    static let modelledIntro = "Modelled, not measured: the phase's searches searched again after the phase, untimed, "
        + "with the engine's own index accesses recorded and replayed into a TLB and cache model (MemoryModel) of the "
        + "named CPU; deterministic for a seed with one client. Latencies never include it."

    /// The console table of modelled figures; empty when no phase was modelled.
    static func modelledText(_ result: RunResult, _ measurements: MeasurementSet, notes: inout UnavailableNotes) -> String {
        let rows = modelledRows(result, measurements)
        guard !rows.isEmpty else { return "" }
        var table = TextTable([("configuration", .left), ("phase", .left), ("model", .left)]
                              + modelledColumns.map { ($0.1, .right) })
        for row in rows {
            table.append([row.subject.configuration, row.subject.phase, row.model.name] + modelledColumns.map { figure, _ in
                notes.cell(measurements.value(row.subject, row.metric(figure)), modelledFormat(figure))
            })
        }
        var setups: [String] = []
        for row in rows {
            let line = "\(row.subject.configuration) / \(row.model.name): \(row.setup)"
            if !setups.contains(line) { setups.append(line) }
        }
        return "\nModelled memory hierarchy (MODELLED, not measured; per replayed search)\n" + table.render()
            + setups.map { "  " + $0 + "\n" }.joined()
    }

    /// The same as a report table (Markdown and HTML).
    static func modelledTable(_ result: RunResult, _ measurements: MeasurementSet) -> ReportTable? {
        let rows = modelledRows(result, measurements)
        guard !rows.isEmpty else { return nil }
        var table = ReportTable(titles: [("configuration", .left), ("phase", .left), ("model", .left), ("setup", .left)]
                                + modelledColumns.map { ($0.0 == .overhead ? $0.1 : "modelled " + $0.1, .right) })
        for row in rows {
            table.append(text: [row.subject.configuration, row.subject.phase, row.model.name, row.setup]
                + modelledColumns.map { figure, _ in
                    switch measurements.value(row.subject, row.metric(figure)) {
                    case .value(let number)?: modelledFormat(figure)(number)
                    case .unavailable(let reason)?: "unavailable — \(reason)"
                    case nil: "–"
                    }
                })
        }
        return table
    }
}
