/// Horizontal grouped bars as inline SVG: one group per label (a phase, a
/// metric), one bar per configuration. A figure that was not measured is
/// drawn as a dashed, empty bar reading "unavailable [n]" when the page
/// gives the reason as footnote n (`noteNumbers`), else "unavailable —
/// reason" clipped to the bar — never as a bar of length zero. The value
/// axis is written on the `<svg>` as data attributes (`data-y-min`…, see
/// `SVGLineChart`), so a layout check can hold it against the data.
struct SVGBarChart {
    struct Bar {
        var label: String
        var color: String
        var value: MetricValue
    }

    struct Group {
        var label: String
        var bars: [Bar]
    }

    var title: String
    var format: (Double) -> String
    var groups: [Group]
    /// Footnote numbers of unavailability reasons, when the page lists them.
    var noteNumbers: [String: Int] = [:]
    var width = 640.0

    private let labelWidth = 190.0, right = 90.0, barHeight = 16.0, barGap = 4.0, groupGap = 14.0, top = 28.0

    var height: Double {
        let bars = Double(groups.reduce(0) { $0 + $1.bars.count })
        return top + bars * (barHeight + barGap) + Double(groups.count) * (groupGap + 2) + 8
    }

    func render() -> String {
        let c = HTMLText.coordinate
        let maximum = groups.flatMap { $0.bars.compactMap { $0.value.number } }.max() ?? 0
        let scale = ChartScale(kind: .linear, values: [0, maximum], start: labelWidth, end: width - right, includeZero: true)
        let values = groups.flatMap { $0.bars.compactMap { $0.value.number } }
        var svg = "<svg class=\"chart bars\" viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\" "
        svg += SVGLineChart.rangeAttributes(axis: "y", low: scale.low, high: scale.high, data: values, possible: 0...Double.infinity)
        svg += "aria-label=\"\(HTMLText.escape(title))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        svg += "<title>\(HTMLText.escape(title))</title>\n"
        svg += "<text class=\"chart-title\" x=\"8\" y=\"16\">\(HTMLText.escape(title))</text>\n"
        var y = top
        for group in groups {
            y += 12
            svg += "<text class=\"group-label\" x=\"8\" y=\"\(c(y))\">\(HTMLText.escape(group.label))</text>\n"
            y += groupGap - 12
            for bar in group.bars {
                let middle = y + barHeight / 2 + 4
                svg += "<text class=\"tick\" x=\"\(c(labelWidth - 6))\" y=\"\(c(middle))\" text-anchor=\"end\">"
                svg += "\(HTMLText.escape(Self.clip(bar.label, 30)))</text>"
                switch bar.value {
                case .value(let value):
                    let length = max(0.5, scale.position(value) - labelWidth)
                    svg += "<rect x=\"\(c(labelWidth))\" y=\"\(c(y))\" width=\"\(c(length))\" height=\"\(c(barHeight))\" "
                    svg += "fill=\"\(bar.color)\"><title>\(HTMLText.escape("\(bar.label): \(format(value))"))</title></rect>"
                    svg += "<text class=\"value\" x=\"\(c(labelWidth + length + 4))\" y=\"\(c(middle))\">"
                    svg += "\(HTMLText.escape(format(value)))</text>\n"
                case .unavailable(let reason):
                    svg += "<rect class=\"unavailable\" x=\"\(c(labelWidth))\" y=\"\(c(y))\" width=\"\(c(width - 8 - labelWidth))\" "
                    svg += "height=\"\(c(barHeight))\"><title>\(HTMLText.escape("\(bar.label): unavailable — \(reason)"))</title></rect>"
                    svg += "<text class=\"na\" x=\"\(c(labelWidth + 6))\" y=\"\(c(middle))\">"
                    if let number = noteNumbers[reason] {
                        svg += "unavailable [\(number)]</text>\n"
                    } else {
                        // ≈ 5.9 px per character of 10.5 px italic text.
                        let room = Int((width - 20 - labelWidth) / 5.9)
                        svg += "\(HTMLText.escape(Self.clip("unavailable — " + reason, room)))</text>\n"
                    }
                }
                y += barHeight + barGap
            }
        }
        return svg + "</svg>\n"
    }

    static func clip(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
