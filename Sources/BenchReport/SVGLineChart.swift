/// A line or scatter chart drawn as inline SVG: axes with ticks and grid,
/// shaded x-bands (phases), one polyline per series with a hover title on
/// every point (native SVG tooltips: no script needed). Scales are chosen
/// per axis: linear, logarithmic, or percentile "nines".
///
/// Honest axes: an axis never runs past the values its quantity can take
/// (`xPossible`, `yPossible`: recall ≤ 1, rates ≥ 0). Legible labels: tick
/// labels that would touch are thinned, point and band labels that would
/// overlap are left to the hover text. Each axis's drawn range, the data's
/// range and the possible range are written on the `<svg>` as
/// `data-{x,y}-{min,max}`, `data-{x,y}-data-{min,max}` and
/// `data-{x,y}-possible-{min,max}`, which `scripts/report_layout_check.py`
/// holds against each other in a browser.
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
    /// The values each axis's quantity can take; nil: unbounded.
    var xPossible: ClosedRange<Double>? = nil
    var yPossible: ClosedRange<Double>? = nil
    var width = 640.0
    var height = 300.0

    private let left = 64.0, right = 30.0, bottom = 44.0
    /// Room above the plot: the title, and the band labels when there are bands.
    private var top: Double { bands.isEmpty ? 28 : 42 }

    func render() -> String {
        let xs = series.flatMap { $0.points.map(\.x) } + bands.flatMap { [$0.from, $0.to] }
        let ys = series.flatMap { $0.points.map(\.y) }
        let x = xDomain.map { ChartScale(linearFrom: $0.low, to: $0.high, start: left, end: width - right) }
            ?? ChartScale(kind: xScale, values: xs, start: left, end: width - right, possible: xPossible)
        let y = ChartScale(kind: yScale, values: ys, start: height - bottom, end: top, includeZero: yIncludesZero, possible: yPossible)
        let c = HTMLText.coordinate
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\" "
        if xScale != .nines {
            svg += Self.rangeAttributes(axis: "x", low: x.low, high: x.high, data: series.flatMap { $0.points.map(\.x) }, possible: xPossible)
        }
        svg += Self.rangeAttributes(axis: "y", low: y.low, high: y.high, data: ys, possible: yPossible)
        svg += "aria-label=\"\(HTMLText.escape(title))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        svg += "<title>\(HTMLText.escape(title))</title>\n"
        svg += "<text class=\"chart-title\" x=\"\(c(left))\" y=\"16\">\(HTMLText.escape(title))</text>\n"
        var bandLabelEnd = -Double.infinity
        for band in bands {
            let from = x.position(band.from), to = x.position(band.to)
            if band.shaded {
                svg += "<rect class=\"band\" x=\"\(c(from))\" y=\"\(c(top))\" width=\"\(c(max(0, to - from)))\" "
                svg += "height=\"\(c(height - bottom - top))\"/>\n"
            }
            svg += "<line class=\"band-edge\" x1=\"\(c(from))\" x2=\"\(c(from))\" y1=\"\(c(top))\" y2=\"\(c(height - bottom))\"/>\n"
            // A label keeps to its band (and clear of the one before); a band
            // too narrow for three letters goes without.
            let space = (to - max(from, bandLabelEnd) - 6) / Self.characterWidth
            let room = space.isFinite ? Int(min(max(space, 0), 10_000)) : 0
            if room >= 3 {
                let label = SVGBarChart.clip(band.label, room), start = max(from, bandLabelEnd) + 3
                svg += "<text class=\"band-label\" x=\"\(c(start))\" y=\"\(c(top - 4))\"><title>\(HTMLText.escape(band.label))</title>"
                svg += "\(HTMLText.escape(label))</text>\n"
                bandLabelEnd = start + Double(label.count) * Self.characterWidth
            }
        }
        for tick in Self.thinned(y.ticks(yFormat), at: y.position, size: { _ in 13 }) {
            let position = y.position(tick.value)
            svg += "<line class=\"grid\" x1=\"\(c(left))\" x2=\"\(c(width - right))\" y1=\"\(c(position))\" y2=\"\(c(position))\"/>"
            svg += "<text class=\"tick\" x=\"\(c(left - 6))\" y=\"\(c(position + 3.5))\" text-anchor=\"end\">"
            svg += "\(HTMLText.escape(tick.label))</text>\n"
        }
        for tick in Self.thinned(x.ticks(xFormat), at: x.position, size: { Double($0.count) * Self.characterWidth + 8 }) {
            let position = x.position(tick.value)
            svg += "<line class=\"grid\" x1=\"\(c(position))\" x2=\"\(c(position))\" y1=\"\(c(top))\" y2=\"\(c(height - bottom))\"/>"
            svg += "<text class=\"tick\" x=\"\(c(position))\" y=\"\(c(height - bottom + 17))\" text-anchor=\"middle\">"
            svg += "\(HTMLText.escape(tick.label))</text>\n"
        }
        svg += "<line class=\"axis\" x1=\"\(c(left))\" x2=\"\(c(width - right))\" y1=\"\(c(height - bottom))\" y2=\"\(c(height - bottom))\"/>"
        svg += "<line class=\"axis\" x1=\"\(c(left))\" x2=\"\(c(left))\" y1=\"\(c(top))\" y2=\"\(c(height - bottom))\"/>\n"
        svg += "<text class=\"axis-label\" x=\"\(c((left + width - right) / 2))\" y=\"\(c(height - 8))\" text-anchor=\"middle\">"
        svg += "\(HTMLText.escape(xLabel))</text>\n"
        svg += "<text class=\"axis-label\" transform=\"translate(14 \(c((top + height - bottom) / 2))) rotate(-90)\" "
        svg += "text-anchor=\"middle\">\(HTMLText.escape(yLabel))</text>\n"
        var placedLabels: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
        for item in series where !item.points.isEmpty {
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
                    if let label = item.pointLabels?[index],
                       let spot = Self.labelSpot(label, at: (x.position(point.x), y.position(point.y)), avoiding: placedLabels,
                                                 inside: (left, top, width - 2, height - bottom)) {
                        placedLabels.append(spot.box)
                        svg += "<text class=\"point-label\" x=\"\(c(spot.x))\" y=\"\(c(spot.y))\" text-anchor=\"\(spot.anchor)\" "
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

    /// Width of one character of the 10.5–11 px chart text, roughly.
    static let characterWidth = 6.2

    /// `data-` attributes of one axis: the drawn range, the data's range,
    /// and the possible range where it is bounded.
    static func rangeAttributes(axis: String, low: Double, high: Double, data: [Double],
                                possible: ClosedRange<Double>?) -> String {
        func number(_ value: Double) -> String { value.isFinite ? "\(value)" : (value > 0 ? "Infinity" : "-Infinity") }
        var out = "data-\(axis)-min=\"\(number(low))\" data-\(axis)-max=\"\(number(high))\" "
        let finite = data.filter(\.isFinite)
        if let minimum = finite.min(), let maximum = finite.max() {
            out += "data-\(axis)-data-min=\"\(number(minimum))\" data-\(axis)-data-max=\"\(number(maximum))\" "
        }
        if let possible {
            out += "data-\(axis)-possible-min=\"\(number(possible.lowerBound))\" data-\(axis)-possible-max=\"\(number(possible.upperBound))\" "
        }
        return out
    }

    /// Ticks whose labels keep clear of each other: one is kept when it
    /// lies at least half of its own and half of the last kept label's
    /// `size` away; the last tick is kept in preference to the one before it.
    static func thinned(_ ticks: [(value: Double, label: String)], at position: (Double) -> Double,
                        size: (String) -> Double) -> [(value: Double, label: String)] {
        guard ticks.count > 2 else { return ticks }
        func clear(_ a: (value: Double, label: String), _ b: (value: Double, label: String)) -> Bool {
            abs(position(a.value) - position(b.value)) >= (size(a.label) + size(b.label)) / 2
        }
        var kept = [ticks[0]]
        for tick in ticks.dropFirst() where clear(kept[kept.count - 1], tick) { kept.append(tick) }
        if let last = ticks.last, kept.last?.value != last.value {
            while kept.count > 1, !clear(kept[kept.count - 1], last) { kept.removeLast() }
            kept.append(last)
        }
        return kept
    }

    /// Where a point's label goes: right of the point, above or below it,
    /// else left of it; nil when every place overlaps a label already drawn
    /// or leaves the plot (the point's hover text still names it).
    static func labelSpot(_ label: String, at point: (x: Double, y: Double),
                          avoiding placed: [(x0: Double, y0: Double, x1: Double, y1: Double)],
                          inside frame: (x0: Double, y0: Double, x1: Double, y1: Double))
        -> (x: Double, y: Double, anchor: String, box: (x0: Double, y0: Double, x1: Double, y1: Double))? {
        // 11 px bold text (DejaVu Sans, the widest common fallback): ≈ 7.4 px a character.
        let textWidth = Double(label.count) * 7.4 + 2, textHeight = 13.0
        for dy in [-7.0, 15, -19, 27, -31, 39] {
            for rightSide in [true, false] {
                let x = rightSide ? point.x + 8 : point.x - 8
                let box = (x0: rightSide ? x : x - textWidth, y0: point.y + dy - textHeight + 2,
                           x1: rightSide ? x + textWidth : x, y1: point.y + dy + 2)
                guard box.x0 >= frame.x0, box.x1 <= frame.x1, box.y0 >= frame.y0 - 14, box.y1 <= frame.y1 else { continue }
                let overlaps = placed.contains { $0.x0 < box.x1 && box.x0 < $0.x1 && $0.y0 < box.y1 && box.y0 < $0.y1 }
                if !overlaps { return (x, point.y + dy, rightSide ? "start" : "end", box) }
            }
        }
        return nil
    }
}
