import BenchModel

extension RunHTMLWriter {
    /// Modelled page walks per search: a chart per model (bars per
    /// configuration, grouped by phase), then every modelled figure.
    /// nil when no phase was modelled.
    func modelledSection() -> String? {
        guard let table = RunReport.modelledTable(result, measurements) else { return nil }
        var models: [(name: String, single: Bool)] = []
        for row in RunReport.modelledRows(result, measurements) where !models.contains(where: { $0.name == row.model.name }) {
            models.append((row.model.name, row.single))
        }
        let charts = models.compactMap { model in
            bars(MetricCatalog.modelled(.pageWalks, model: model.name, single: model.single),
                 title: "modelled page walks per search — \(model.name)", format: NumberFormatting.significant)
        }
        return HTMLPage.section("modelled", "Modelled TLB and caches", intro: RunReport.modelledIntro,
                                legend + HTMLPage.grid(charts) + table.html())
    }
}
