extension RunComparison {
    /// The verdict, then the console tables: value and (Δ, Δ%) per side;
    /// `best` names the better side by `VerdictRule`; `~` marks a difference
    /// within the spread of repetitions.
    public func text() -> String {
        var out = "vecbench compare — \(documentLabels.joined(separator: " vs "))"
        out += layout == .byDocument ? " (reference: the first document with the configuration)\n" : " (reference: the first column)\n"
        for warning in warnings { out += "warning: \(warning)\n" }
        out += "\n" + verdict.text()
        var notes = UnavailableNotes()
        for table in tables where !table.rows.isEmpty {
            out += "\n\(table.title)\n"
            var text = TextTable([("phase", .left), ("metric", .left)] + table.columns.map { ($0.title, .right) } + [("best", .left)])
            for row in table.rows {
                var cells = [row.phase, row.metric.title]
                for (index, cell) in row.cells.enumerated() { cells.append(render(cell, row.metric, reference: index == 0, notes: &notes)) }
                cells.append(bestText(row, table))
                text.append(cells)
            }
            out += text.render()
        }
        if !notes.reasons.isEmpty { out += "\n" + notes.lines() }
        out += "\n~ : within the spread (min–max) of the repetitions. best: named only when the verdict rule tells the "
        out += "best side from the runner-up; ? : one run each and no interval (unconfirmed).\n"
        return out
    }

    /// Markdown: the same tables, the best value in bold.
    public func markdown() -> String {
        var out = "# vecbench compare\n\n"
        out += "Documents: " + documentLabels.map { "`\($0)`" }.joined(separator: ", ")
        out += layout == .byDocument
            ? ". One table per configuration; differences are against the first document that has it.\n\n"
            : ". Configurations side by side; differences are against the first column.\n\n"
        for warning in warnings { out += "> **Warning:** \(MarkdownText.escapeCell(warning))\n\n" }
        out += verdict.markdown()
        var notes = UnavailableNotes()
        for table in tables where !table.rows.isEmpty {
            var markdown = ReportTable([("phase", .left), ("metric", .left)]
                + table.columns.map { (ReportTable.Cell($0.title), .right) } + [("better", .left)])
            for row in table.rows {
                var cells: [ReportTable.Cell] = [ReportTable.Cell(row.phase), ReportTable.Cell(row.metric.title)]
                for (index, cell) in row.cells.enumerated() {
                    cells.append(ReportTable.Cell(render(cell, row.metric, reference: index == 0, notes: &notes)).emphasized(row.best == index))
                }
                cells.append(ReportTable.Cell(bestText(row, table)))
                markdown.append(cells)
            }
            out += "## \(MarkdownText.escapeCell(table.title))\n\n" + markdown.markdown() + "\n"
        }
        if !notes.reasons.isEmpty { out += notes.lines().split(separator: "\n").map { "- \($0)" }.joined(separator: "\n") + "\n\n" }
        out += "*~* marks a difference within the spread (min–max) of the repetitions. Lower is better for latency, "
        out += "misses, faults and switches; higher for throughput and recall. *better* is named only when the verdict "
        out += "rule tells the best side from the runner-up; *?* marks one run each with no interval (unconfirmed).\n"
        return out
    }

    /// The best column's title; "?" when unconfirmed; empty when the rule
    /// finds no difference.
    private func bestText(_ row: Row, _ table: Table) -> String {
        guard let best = row.best else { return "" }
        return table.columns[best].title + (row.bestConfirmed ? "" : "?")
    }

    private func render(_ cell: Cell, _ metric: MetricDefinition, reference: Bool, notes: inout UnavailableNotes) -> String {
        let value = notes.cell(cell.value, metric.format)
        guard !reference, let delta = cell.delta, let relative = cell.relative else { return value }
        let noise = cell.withinNoise ? " ~" : ""
        if delta == 0 { return "\(value) (=)" }
        return "\(value) (\(metric.formatDelta(delta)), \(NumberFormatting.signedPercent(relative)))\(noise)"
    }
}
