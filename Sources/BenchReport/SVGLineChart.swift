/// A line or scatter chart drawn as inline SVG: axes with ticks and grid,
/// shaded x-bands (phases), one polyline per series with a hover title on
/// every point (native SVG tooltips: no script needed). Scales are chosen
/// per axis: linear, logarithmic, or percentile "nines".
struct SVGLineChart {
    struct Series {
        var name: String
        var color: String
        var points: [(x: Double, y: Double)]
        var dashed = false
        /// Markers only, no line (a scatter).
        var markersOnly = false
        /// Per-point hover text; default "name: x, y".
        var pointTitles: [String]? = nil
        /// Draw a marker on every point (lines with few points).
        var markers = true
        /// Short text beside each point (scatters).
        var pointLabels: [String]? = nil
    }

    struct Band {
        var from: Double
        var to: Double
        var label: String
        var shaded: Bool
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var xScale: ChartScale.Kind = .linear
    var yScale: ChartScale.Kind = .linear
    var xFormat: (Double) -> String = NumberFormatting.significant
    var yFormat: (Double) -> String = NumberFormatting.significant
    var series: [Series] = []
    var bands: [Band] = []
    /// Fixed x bounds (linear axes), instead of bounds rounded outwards.
    var xDomain: (low: Double, high: Double)? = nil
    var yIncludesZero = false
    var width = 640.0
    var height = 300.0

    private let left = 64.0, right = 30.0, bottom = 44.0
    /// Room above the plot: the title, and the band labels when there are bands.
    private var top: Double { bands.isEmpty ? 28 : 42 }

    func render() -> String {
        let xs = series.flatMap { $0.points.map(\.x) } + bands.flatMap { [$0.from, $0.to] }
        let ys = series.flatMap { $0.points.map(\.y) }
        let x = xDomain.map { ChartScale(linearFrom: $0.low, to: $0.high, start: left, end: width - right) }
            ?? ChartScale(kind: xScale, values: xs, start: left, end: width - right)
        let y = ChartScale(kind: yScale, values: ys, start: height - bottom, end: top, includeZero: yIncludesZero)
        let c = HTMLText.coordinate
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\" "
        svg += "aria-label=\"\(HTMLText.escape(title))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        svg += "<title>\(HTMLText.escape(title))</title>\n"
        svg += "<text class=\"chart-title\" x=\"\(c(left))\" y=\"16\">\(HTMLText.escape(title))</text>\n"
        for band in bands {
            let from = x.position(band.from), to = x.position(band.to)
            if band.shaded {
                svg += "<rect class=\"band\" x=\"\(c(from))\" y=\"\(c(top))\" width=\"\(c(max(0, to - from)))\" "
                svg += "height=\"\(c(height - bottom - top))\"/>\n"
            }
            svg += "<line class=\"band-edge\" x1=\"\(c(from))\" x2=\"\(c(from))\" y1=\"\(c(top))\" y2=\"\(c(height - bottom))\"/>\n"
            svg += "<text class=\"band-label\" x=\"\(c(from + 3))\" y=\"\(c(top - 4))\">\(HTMLText.escape(band.label))</text>\n"
        }
        for tick in y.ticks(yFormat) {
            let position = y.position(tick.value)
            svg += "<line class=\"grid\" x1=\"\(c(left))\" x2=\"\(c(width - right))\" y1=\"\(c(position))\" y2=\"\(c(position))\"/>"
            svg += "<text class=\"tick\" x=\"\(c(left - 6))\" y=\"\(c(position + 3.5))\" text-anchor=\"end\">"
            svg += "\(HTMLText.escape(tick.label))</text>\n"
        }
        for tick in x.ticks(xFormat) {
            let position = x.position(tick.value)
            svg += "<line class=\"grid\" x1=\"\(c(position))\" x2=\"\(c(position))\" y1=\"\(c(top))\" y2=\"\(c(height - bottom))\"/>"
            svg += "<text class=\"tick\" x=\"\(c(position))\" y=\"\(c(height - bottom + 14))\" text-anchor=\"middle\">"
            svg += "\(HTMLText.escape(tick.label))</text>\n"
        }
        svg += "<line class=\"axis\" x1=\"\(c(left))\" x2=\"\(c(width - right))\" y1=\"\(c(height - bottom))\" y2=\"\(c(height - bottom))\"/>"
        svg += "<line class=\"axis\" x1=\"\(c(left))\" x2=\"\(c(left))\" y1=\"\(c(top))\" y2=\"\(c(height - bottom))\"/>\n"
        svg += "<text class=\"axis-label\" x=\"\(c((left + width - right) / 2))\" y=\"\(c(height - 8))\" text-anchor=\"middle\">"
        svg += "\(HTMLText.escape(xLabel))</text>\n"
        svg += "<text class=\"axis-label\" transform=\"translate(14 \(c((top + height - bottom) / 2))) rotate(-90)\" "
        svg += "text-anchor=\"middle\">\(HTMLText.escape(yLabel))</text>\n"
        for (seriesIndex, item) in series.enumerated() where !item.points.isEmpty {
            let coordinates = item.points.map { "\(c(x.position($0.x))),\(c(y.position($0.y)))" }
            svg += "<g class=\"series\" data-series=\"\(HTMLText.escape(item.name))\">"
            if !item.markersOnly {
                svg += "<polyline fill=\"none\" stroke=\"\(item.color)\" stroke-width=\"2\""
                svg += item.dashed ? " stroke-dasharray=\"5 4\"" : ""
                svg += " points=\"\(coordinates.joined(separator: " "))\"/>"
            }
            if item.markers || item.markersOnly {
                for (index, point) in item.points.enumerated() {
                    let hover = item.pointTitles?[index] ?? "\(item.name): \(xFormat(point.x)), \(yFormat(point.y))"
                    svg += "<circle cx=\"\(c(x.position(point.x)))\" cy=\"\(c(y.position(point.y)))\" "
                    svg += "r=\"\(item.markersOnly ? 5 : 2.5)\" fill=\"\(item.color)\"><title>\(HTMLText.escape(hover))</title></circle>"
                    if let label = item.pointLabels?[index] {
                        // Alternate above and below, so equal points of two series stay legible.
                        let offset = seriesIndex % 2 == 0 ? -7.0 : 15.0
                        svg += "<text class=\"point-label\" x=\"\(c(x.position(point.x) + 8))\" y=\"\(c(y.position(point.y) + offset))\" "
                        svg += "fill=\"\(item.color)\">\(HTMLText.escape(label))</text>"
                    }
                }
            }
            svg += "</g>\n"
        }
        if series.allSatisfy({ $0.points.isEmpty }) {
            svg += "<text class=\"empty\" x=\"\(c(width / 2))\" y=\"\(c(height / 2))\" text-anchor=\"middle\">no data</text>\n"
        }
        return svg + "</svg>\n"
    }
}
