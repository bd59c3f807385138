import BenchModel

extension SweepCurves {
    /// One Markdown table per figure: a row per configuration, a column per
    /// swept value; "unavailable — reason" where a record measured nothing,
    /// which the run's Markdown writer turns into "n/a [n]" marks with the
    /// reasons under the table (`unavailableReasons` names them to it).
    func markdown() -> String {
        var out = "## Sweep: `\(path)`\n\n"
        out += "Every configuration ran once per value of `\(path)`; each cell is the median over that value's repetitions.\n\n"
        for chart in charts {
            var table = ReportTable([(ReportTable.Cell("configuration"), .left)]
                + values.map { (ReportTable.Cell("\($0)"), .right) })
            for curve in chart.curves {
                table.append([ReportTable.Cell(curve.configuration)] + curve.points.map { ReportTable.Cell(cell($0.y, chart.figure)) })
            }
            out += "### \(chart.title)\n\n" + table.markdown() + "\n"
        }
        return out
    }

    /// The console form: one table, a row per figure and configuration.
    func text() -> String {
        var table = TextTable([("figure", .left), ("configuration", .left)] + values.map { ("\($0)", .right) })
        for chart in charts where chart.hasValues {
            for curve in chart.curves {
                table.append([chart.title, curve.configuration] + curve.points.map { point in
                    point.y.number.map(chart.figure.format) ?? "n/a"
                })
            }
        }
        return "\nSweep of \(path) (medians over runs; n/a: not measured, reasons in the Markdown report)\n" + table.render()
    }

    /// Every distinct reason a cell of the tables gives, in table order.
    var unavailableReasons: [String] {
        var seen: [String] = []
        for reason in charts.flatMap({ $0.curves.flatMap(\.points) }).compactMap(\.y.unavailableReason) where !seen.contains(reason) {
            seen.append(reason)
        }
        return seen
    }

    func cell(_ value: MetricValue, _ figure: Figure) -> String {
        switch value {
        case .value(let number): figure.format(number)
        case .unavailable(let reason): "unavailable — \(reason)"
        }
    }
}
