import BenchModel
import Foundation

/// Writers for `vecbench run` results (schema `vecbench.run/2`, or /1 upgraded on reading): the console
/// table, Markdown, CSV and a self-contained HTML page. Pure functions of
/// the document: nothing here measures, reads the clock or the environment,
/// so the same document always gives the same bytes.
public enum RunReport {
    public enum Format: String, Sendable, CaseIterable {
        case text, md, csv, html
    }

    /// `document` in `format`: run documents get the full report, ANN
    /// documents the smaller one `AnnReport` writes.
    public static func render(_ document: ResultDocument, as format: Format) -> String {
        switch (document, format) {
        case (.run(let run), .text): text(run)
        case (.run(let run), .md): markdown(run)
        case (.run(let run), .csv): csv(run)
        case (.run(let run), .html): html(run)
        case (.ann(let ann), .text): AnnReport.text(ann)
        case (.ann(let ann), .md): AnnReport.markdown(ann)
        case (.ann(let ann), .csv): AnnReport.csv(ann)
        case (.ann(let ann), .html): AnnReport.html(ann)
        }
    }

    public static func markdown(_ result: RunResult) -> String { RunMarkdownWriter(result).render() }

    public static func csv(_ result: RunResult) -> String { RunCSVWriter.render(result) }

    public static func html(_ result: RunResult) -> String { RunHTMLWriter(result).render() }

    /// One line about the workload, shared by every writer.
    static func workloadLine(_ result: RunResult) -> String {
        let w = result.workload
        return "workload \(w.name) (\(w.source)), seed \(w.seed): \(NumberFormatting.grouped(w.tenants)) tenants, "
            + "\(NumberFormatting.grouped(w.initialPoints)) points × \(w.dimension) \(w.metric); phases \(w.phases.joined(separator: ", "))"
    }

    /// One line about the machine, shared by every writer.
    static func machineLine(_ context: RunContext) -> String {
        var line = "\(context.cpuModel), \(context.cores) cores, kernel \(context.kernel)"
        if let thp = context.transparentHugePages { line += ", THP \(thp)" }
        line += "; Swift \(context.swiftVersion); commit \(context.gitCommit.map { String($0.prefix(12)) } ?? "unknown")"
        return line
    }

    static func pmuLine(_ context: RunContext) -> String {
        switch context.pmuAvailable {
        case true?: "CPU PMU available"
        case false?: "CPU PMU unavailable — \(context.pmuReason ?? "no reason recorded")"
        case nil: "CPU PMU not probed"
        }
    }

    /// Configurations by label (name, and sweep value in a sweep) in
    /// document order, with their repetitions.
    static func groups(_ result: RunResult) -> [(name: String, runs: [ConfigurationResult])] {
        var order: [String] = [], runs: [String: [ConfigurationResult]] = [:]
        for configuration in result.configurations {
            if runs[configuration.label] == nil { order.append(configuration.label) }
            runs[configuration.label, default: []].append(configuration)
        }
        return order.map { ($0, runs[$0] ?? []) }
    }

    /// The repetition whose raw curves and timelines the charts draw: the
    /// first completed one (medians of curves would be curves of no run).
    static func representative(_ runs: [ConfigurationResult]) -> ConfigurationResult? {
        runs.first { $0.status == .completed }
    }

    /// Where the engine figures (WAL, seals, residency) leave out a part of
    /// the engine — a worker whose statistics could not be read — as
    /// "run R, phase: reason", so readers know those cells undercount.
    static func incompleteEngineFigures(_ run: ConfigurationResult) -> [String] {
        var notes: [String] = []
        // An external engine's line about what it cannot give is in `AdapterFigures`.
        if let reason = run.load?.engine?.incomplete, run.load?.engine?.adapterStatistics == nil { notes.append("run \(run.repetition), load: \(reason)") }
        for phase in run.phases where phase.engine?.adapterStatistics == nil {
            if let reason = phase.engine?.incomplete { notes.append("run \(run.repetition), \(phase.name): \(reason)") }
        }
        return notes
    }

    /// What a configuration's measurement said about itself, as
    /// "run R, phase: note" (see `phaseNotes`).
    static func measurementNotes(_ run: ConfigurationResult) -> [String] {
        run.phases.flatMap { phase in phaseNotes(phase).map { "run \(run.repetition), \(phase.name): \($0)" } }
    }

    /// A phase's own notes (a counter group split, a probe that failed),
    /// then its counters that were multiplexed and scaled.
    static func phaseNotes(_ phase: PhaseResult) -> [String] {
        phase.notes + phase.counters.filter { $0.status == .scaled }.map { counter in
            let share = counter.runningPercent.map { "on the PMU \(NumberFormatting.fixed($0, 1)) % of the phase" } ?? "multiplexed"
            return "\(counter.name) \(share), scaled up by enabled ÷ running time" + (counter.reason.map { " (\($0))" } ?? "")
        }
    }

    static func failureReason(_ runs: [ConfigurationResult]) -> String? {
        for run in runs {
            if case .failed(let reason) = run.status { return reason }
        }
        return nil
    }

    /// "achieved / offered", or "achieved (closed loop)".
    static func rateCell(achieved: MetricValue?, offered: MetricValue?) -> String {
        guard let achieved = achieved?.number else { return "–" }
        if let offered = offered?.number {
            return "\(NumberFormatting.significant(achieved)) / \(NumberFormatting.significant(offered))"
        }
        return "\(NumberFormatting.significant(achieved)) (closed)"
    }
}
