import BenchModel

/// The HTML recall–memory chart: one point per configuration, RAM bytes per
/// vector across, recall up (up and to the left is better), with the
/// placement table below it. Only documents whose engine counted its
/// vectors get it.
enum RecallMemoryChart {
    /// Adds the section and its navigation link to `page`, when there is
    /// anything to draw.
    static func add(to page: inout HTMLPage, _ result: RunResult, color: (String) -> String) {
        let placement = PlacementTable(result)
        let drawn = placement.rows.filter { $0.recall != nil }
        guard !placement.rows.isEmpty else { return }
        let series = drawn.map { row in
            SVGLineChart.Series(
                name: row.configuration, color: color(row.configuration),
                points: [(row.bytes.ramPerVector, row.recall!)], markersOnly: true,
                pointTitles: ["\(row.configuration) (\(row.bytes.placement)): recall \(NumberFormatting.fixed(row.recall!, 4)), "
                    + "\(NumberFormatting.fixed(row.bytes.ramPerVector, 1)) B/vector in RAM, "
                    + "\(NumberFormatting.fixed(row.bytes.diskPerVector, 1)) on disk"],
                pointLabels: [row.configuration])
        }
        let chart = SVGLineChart(title: "recall against RAM per vector", xLabel: "bytes per vector in RAM",
                                 yLabel: "recall@k (mean)", xFormat: NumberFormatting.significant,
                                 yFormat: { NumberFormatting.fixed($0, 3) }, series: series, yIncludesZero: false)
        let body = (drawn.isEmpty ? "" : chart.render()) + placement.table.html()
        page.navigation.append(("recall-memory", "Recall–memory"))
        page.sections.append(HTMLPage.section("recall-memory", "Recall against memory", intro: PlacementTable.intro, body))
    }
}
