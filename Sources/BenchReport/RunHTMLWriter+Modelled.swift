import BenchModel

extension RunHTMLWriter {
    /// Modelled page walks per search: with one model, bars per
    /// configuration grouped by phase; with several, also one chart with a
    /// bar per model for each configuration and phase (the models are what
    /// such a workload compares). Then every modelled figure. nil when no
    /// phase was modelled.
    func modelledSection() -> String? {
        guard let table = RunReport.modelledTable(result, measurements) else { return nil }
        var models: [(name: String, single: Bool)] = []
        for row in RunReport.modelledRows(result, measurements) where !models.contains(where: { $0.name == row.model.name }) {
            models.append((row.model.name, row.single))
        }
        var notes = UnavailableNotes()
        var charts: [String] = []
        if models.count > 1 {
            var groups: [SVGBarChart.Group] = []
            for subject in measurements.subjects {
                let bars: [SVGBarChart.Bar] = models.enumerated().compactMap { index, model in
                    let metric = MetricCatalog.modelled(.pageWalks, model: model.name, single: model.single)
                    guard let value = measurements.value(subject, metric) else { return nil }
                    return .init(label: model.name, color: ChartPalette.color(index), value: value)
                }
                if !bars.isEmpty { groups.append(.init(label: "\(subject.configuration) · \(subject.phase)", bars: bars)) }
            }
            if !groups.isEmpty {
                charts.append(SVGBarChart(title: "modelled page walks per search, by model", format: NumberFormatting.significant,
                                          groups: groups).render())
            }
        }
        charts += models.compactMap { model in
            bars(MetricCatalog.modelled(.pageWalks, model: model.name, single: model.single),
                 title: "modelled page walks per search — \(model.name)", format: NumberFormatting.significant, notes: &notes)
        }
        // The shared table spells reasons out; here they become footnotes too, cell by cell.
        let reasons = UnavailableNotes.reasons(of: measurements)
        let rows = table.rows.map { row in
            row.map { notes.replacing(in: $0.html, reasons: reasons, escape: HTMLText.escape,
                                      mark: { "<span class=\"na\">\(UnavailableNotes.mark($0))</span>" }) }
        }
        let right = Set(table.columns.indices.filter { table.columns[$0].alignment == .right })
        let modelledTable = HTMLText.table(table.columns.map(\.title.html), rows, numericFrom: 1,
                                           textColumns: Set(table.columns.indices).subtracting(right))
        return HTMLPage.section("modelled", "Modelled TLB and caches", intro: RunReport.modelledIntro,
                                legend + HTMLPage.grid(charts) + modelledTable + notes.html())
    }
}
