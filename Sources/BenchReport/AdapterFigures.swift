import BenchModel

/// What a tenant costs a configuration at the end of each phase, and, for
/// an external engine, the engine's own figures as its adapter reported
/// them — the one section of the run report that puts vecbench's engine
/// and another engine side by side in the terms each can give.
///
/// Footprint (OS levels, from the phase's `OSSummary`): resident memory,
/// open files and memory maps of the process and its workers or adapter,
/// and the data directory's disk use, allocated and apparent; RSS and disk
/// per tenant divide by the workload's tenant count. The engine's own
/// figures (`EngineSummary.adapterStatistics`) are carried under the
/// adapter's names, uninterpreted. Each configuration is shown by its
/// representative (first completed) run; the section is empty when no
/// phase has either kind of figure.
struct AdapterFigures {
    struct Row {
        var configuration: String
        var phase: String
        var footprint: [String]
        var figures: [String: AdapterStatistic]
    }

    let tenants: Int
    private(set) var rows: [Row] = []
    /// Names of the engine's own figures, over every row, sorted.
    private(set) var names: [String] = []
    /// Per configuration with an external engine: the line saying which
    /// vecbench figures it cannot give.
    private(set) var unavailable: [(configuration: String, line: String)] = []
    private(set) var hasFootprint = false

    static let footprintTitles = [
        "RSS", "engine RSS", "engine RSS/tenant", "engine files", "engine maps", "disk allocated", "disk apparent",
        "disk apparent/tenant",
    ]

    init(run: RunResult) {
        tenants = max(run.workload.tenants, 1)
        for (name, runs) in RunReport.groups(run) {
            guard let representative = RunReport.representative(runs) else { continue }
            var said: String?
            var spans: [(String, OSSummary?, EngineSummary?)] = [("load", nil, representative.load?.engine)]
            spans += representative.phases.filter { !$0.warmup }.map { ($0.name, $0.os, $0.engine) }
            for (phase, os, engine) in spans {
                let footprint = os.map(footprintCells) ?? []
                let statistics = engine?.adapterStatistics ?? []
                if statistics.isEmpty && footprint.isEmpty { continue }
                if !footprint.isEmpty { hasFootprint = true }
                if engine?.adapterStatistics != nil, said == nil { said = engine?.incomplete }
                rows.append(Row(configuration: name, phase: phase,
                                footprint: footprint.isEmpty ? Self.footprintTitles.map { _ in "–" } : footprint,
                                figures: Dictionary(statistics.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })))
            }
            if let said { unavailable.append((name, said)) }
        }
        names = Array(Set(rows.flatMap(\.figures.keys))).sorted()
    }

    var isEmpty: Bool { rows.isEmpty }

    /// The footprint cells of one phase; empty when it has none of the
    /// end-of-phase levels (documents from before they existed).
    private func footprintCells(_ os: OSSummary) -> [String] {
        guard os.openFiles != nil || os.memoryMaps != nil || os.diskAllocatedBytes != nil else { return [] }
        func cell(_ reading: Reading?, _ format: (Double) -> String) -> String {
            guard let reading else { return "–" }
            return reading.value.map(format) ?? "n/a"
        }
        let perTenant = Double(tenants)
        // The engine's own processes when tenants live in workers; the whole process otherwise.
        let engineRSS = os.workers?.rssBytes ?? os.rssBytes
        return [
            cell(os.rssBytes, NumberFormatting.bytes),
            cell(engineRSS, NumberFormatting.bytes),
            cell(engineRSS) { NumberFormatting.bytes($0 / perTenant) },
            cell(os.workers?.openFiles ?? os.openFiles) { NumberFormatting.grouped($0) },
            cell(os.workers?.memoryMaps ?? os.memoryMaps) { NumberFormatting.grouped($0) },
            cell(os.diskAllocatedBytes, NumberFormatting.bytes),
            cell(os.diskApparentBytes, NumberFormatting.bytes),
            cell(os.diskApparentBytes) { NumberFormatting.bytes($0 / perTenant) },
        ]
    }

    private func figureCell(_ row: Row, _ name: String) -> String {
        guard let statistic = row.figures[name] else { return "–" }
        if statistic.unit == "bytes" { return NumberFormatting.bytes(statistic.value) }
        // Counts read as counts: 2, not 2.00.
        let value = statistic.value
        return value == value.rounded() && abs(value) < 1e15 ? NumberFormatting.grouped(value) : NumberFormatting.significant(value)
    }

    private var footprintRows: [Row] { rows.filter { $0.footprint.contains { $0 != "–" } } }
    private var figureRows: [Row] { rows.filter { !$0.figures.isEmpty } }

    static let footprintIntro = "At the end of each phase. RSS: the runner and its workers or adapter; engine: the worker or "
        + "adapter processes alone (the whole process when tenants live in it); disk: the data directory; "
        + "per tenant divides by the workload's tenants."
    static let figuresIntro = "An external engine's figures as its adapter reports them, at the end of each span; "
        + "vecbench does not interpret them."

    // MARK: writers

    /// Console text; empty when there is nothing to show.
    func text() -> String {
        guard !isEmpty else { return "" }
        var out = ""
        if hasFootprint {
            var table = TextTable([("configuration", .left), ("phase", .left)] + Self.footprintTitles.map { ($0, .right) })
            for row in footprintRows { table.append([row.configuration, row.phase] + row.footprint) }
            out += "\nFootprint (\(Self.footprintIntro))\n" + table.render()
        }
        if !figureRows.isEmpty {
            var table = TextTable([("configuration", .left), ("phase", .left)] + names.map { ($0, .right) })
            for row in figureRows { table.append([row.configuration, row.phase] + names.map { figureCell(row, $0) }) }
            out += "\nEngine's own figures (\(Self.figuresIntro))\n" + table.render()
            for (configuration, line) in unavailable { out += "\(configuration): \(line)\n" }
        }
        return out
    }

    private func tables() -> (footprint: ReportTable?, figures: ReportTable?) {
        var footprint: ReportTable?
        if hasFootprint {
            var table = ReportTable(titles: [("configuration", .left), ("phase", .left)] + Self.footprintTitles.map { ($0, .right) })
            for row in footprintRows { table.append(text: [row.configuration, row.phase] + row.footprint) }
            footprint = table
        }
        var figures: ReportTable?
        if !figureRows.isEmpty {
            var table = ReportTable(titles: [("configuration", .left), ("phase", .left)] + names.map { ($0, .right) })
            for row in figureRows { table.append(text: [row.configuration, row.phase] + names.map { figureCell(row, $0) }) }
            figures = table
        }
        return (footprint, figures)
    }

    /// A Markdown section; empty when there is nothing to show.
    func markdown() -> String {
        guard !isEmpty else { return "" }
        let (footprint, figures) = tables()
        var out = ""
        if let footprint { out += "## Footprint\n\n\(Self.footprintIntro)\n\n" + footprint.markdown() + "\n" }
        if let figures {
            out += "## Engine's own figures\n\n\(Self.figuresIntro)\n\n" + figures.markdown() + "\n"
            for (configuration, line) in unavailable { out += "- \(MarkdownText.escapeCell(configuration)): \(MarkdownText.escapeCell(line))\n" }
            if !unavailable.isEmpty { out += "\n" }
        }
        return out
    }

    /// An HTML section (anchor `engine-figures`); nil when there is nothing to show.
    func htmlSection() -> String? {
        guard !isEmpty else { return nil }
        let (footprint, figures) = tables()
        var body = ""
        if let footprint { body += "<h3>Footprint</h3>\n<p class=\"intro\">\(HTMLText.escape(Self.footprintIntro))</p>\n" + footprint.html() }
        if let figures {
            body += "<h3>Engine's own figures</h3>\n<p class=\"intro\">\(HTMLText.escape(Self.figuresIntro))</p>\n" + figures.html()
            for (configuration, line) in unavailable {
                body += "<div class=\"note\"><b>\(HTMLText.escape(configuration)):</b> \(HTMLText.escape(line))</div>\n"
            }
        }
        return HTMLPage.section("engine-figures", "Footprint and engine's own figures", body)
    }

    /// Appends the section and its link to `page` when there is one.
    func add(to page: inout HTMLPage) {
        guard let section = htmlSection() else { return }
        page.sections.append(section)
        page.navigation.append(("engine-figures", "Footprint"))
    }
}
