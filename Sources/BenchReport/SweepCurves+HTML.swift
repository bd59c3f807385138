import BenchModel

extension SweepCurves {
    /// Adds the "Sweep" section (and its link) to a run page: one line
    /// chart per figure, x the swept value, one line per configuration in
    /// the colour the configuration has in the curves' legend. A chart
    /// without any value says why instead of drawing an empty frame.
    func addHTML(to page: inout HTMLPage) {
        page.navigation.insert(("sweep", "Sweep"), at: min(2, page.navigation.count))
        page.sections.insert(htmlSection(), at: min(2, page.sections.count))
    }

    func htmlSection() -> String {
        let colors = Dictionary(uniqueKeysWithValues: configurations.enumerated().map { ($0.element, ChartPalette.color($0.offset)) })
        var figures: [String] = []
        var missing: [String] = []
        for chart in charts {
            guard chart.hasValues else {
                missing.append("<b>\(HTMLText.escape(chart.title))</b>: unavailable — "
                               + HTMLText.escape(chart.unavailableReason ?? "not measured"))
                continue
            }
            figures.append(svg(chart, colors: colors).render() + caption(chart))
        }
        let intro = "The workload swept <code>\(HTMLText.escape(path))</code> over "
            + HTMLText.escape(values.map(\.description).joined(separator: ", "))
            + ": every configuration ran once per value. Each point is the median over a value's repetitions; "
            + "hover a point for its value."
        var body = HTMLPage.legend(configurations.map { ($0, colors[$0] ?? ChartPalette.color(0)) }) + HTMLPage.grid(figures)
        if !missing.isEmpty { body += missing.map { "<div class=\"note\">\($0)</div>\n" }.joined() }
        return HTMLPage.section("sweep", "Sweep: \(path)", intro: intro, body)
    }

    /// Where each value sits on the x axis: itself, or its position when
    /// some value is a word.
    func x(_ index: Int) -> Double { numericAxis ? values[index].numeric ?? Double(index) : Double(index) }

    func svg(_ chart: Chart, colors: [String: String]) -> SVGLineChart {
        let series = chart.curves.map { curve in
            let points = curve.points.enumerated().compactMap { index, point in point.y.number.map { (x: x(index), y: $0) } }
            let titles = curve.points.compactMap { point in
                point.y.number.map { "\(curve.configuration) @ \(point.value): \(chart.figure.format($0))" }
            }
            return SVGLineChart.Series(name: curve.configuration, color: colors[curve.configuration] ?? ChartPalette.color(0),
                                       points: points, pointTitles: titles)
        }
        let xs = values.indices.map(x)
        let wide = numericAxis && (xs.min() ?? 0) > 0 && (xs.max() ?? 0) / (xs.min() ?? 1) >= 20
        let labels = values.map(\.description)
        let numeric = numericAxis
        return SVGLineChart(
            title: chart.title, xLabel: path, yLabel: chart.figure.title,
            xScale: wide ? .logarithmic : .linear, yScale: .linear,
            xFormat: { value in
                guard !numeric else { return NumberFormatting.significant(value) }
                let index = Int(value.rounded())
                return value == value.rounded() && labels.indices.contains(index) ? labels[index] : ""
            },
            yFormat: { chart.figure.format($0) }, series: series, yIncludesZero: true)
    }

    /// The points a chart could not draw, under it.
    func caption(_ chart: Chart) -> String {
        let gaps = chart.curves.flatMap { curve in
            curve.points.compactMap { point in
                point.y.unavailableReason.map { "\(curve.configuration) @ \(point.value): \($0)" }
            }
        }
        guard !gaps.isEmpty else { return "" }
        return "<figcaption class=\"dim\">not drawn: \(HTMLText.escape(gaps.prefix(4).joined(separator: "; ")))"
            + (gaps.count > 4 ? " and \(gaps.count - 4) more" : "") + "</figcaption>"
    }
}
