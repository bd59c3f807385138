/// The frame of every HTML page vecbench writes: one self-contained file
/// (inline CSS, inline SVG, no network, no script required), readable on
/// screen and in print. Sections are HTML fragments.
struct HTMLPage {
    var title: String
    var subtitle: String
    var navigation: [(anchor: String, title: String)] = []
    var sections: [String] = []

    func render() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(HTMLText.escape(title))</title>\n<style>\n\(Self.styleSheet)</style>\n</head>\n<body>\n"
        out += "<header><h1>\(HTMLText.escape(title))</h1><p class=\"subtitle\">\(subtitle)</p>"
        if !navigation.isEmpty {
            out += "<nav>" + navigation.map { "<a href=\"#\($0.anchor)\">\(HTMLText.escape($0.title))</a>" }.joined(separator: " ") + "</nav>"
        }
        out += "</header>\n<main>\n"
        out += sections.joined()
        out += "</main>\n<footer>Written by vecbench from a result document; every figure on this page is in the document. "
        out += "Charts are inline SVG — hover a point for its value.</footer>\n</body>\n</html>\n"
        return out
    }

    /// A titled section with an anchor.
    static func section(_ anchor: String, _ title: String, intro: String? = nil, _ body: String) -> String {
        var out = "<section id=\"\(anchor)\">\n<h2>\(HTMLText.escape(title))</h2>\n"
        if let intro { out += "<p class=\"intro\">\(intro)</p>\n" }
        return out + body + "</section>\n"
    }

    /// Charts side by side where the page is wide enough.
    static func grid(_ items: [String]) -> String {
        "<div class=\"grid\">\n" + items.map { "<figure>\($0)</figure>\n" }.joined() + "</div>\n"
    }

    /// A row of colour swatches naming the configurations.
    static func legend(_ entries: [(name: String, color: String)], dashedNote: String? = nil) -> String {
        var out = "<div class=\"legend\">"
        for entry in entries {
            out += "<span><i style=\"background:\(entry.color)\"></i>\(HTMLText.escape(entry.name))</span>"
        }
        if let dashedNote { out += "<span><i class=\"dashed\"></i>\(HTMLText.escape(dashedNote))</span>" }
        return out + "</div>\n"
    }

    static let styleSheet = """
        :root { --fg: #1d2330; --muted: #5b6475; --line: #d9dee7; --band: #f1f3f7; --accent: #0072B2; --bad: #b3261e; --good: #1b7f3b; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--fg); background: #fafbfc; }
        header { background: #1d2330; color: #fff; padding: 18px 28px 12px; }
        header h1 { margin: 0 0 4px; font-size: 21px; font-weight: 600; }
        header .subtitle { margin: 0 0 10px; color: #c9d1de; }
        header code { color: #fff; }
        nav a { color: #9fc9ef; margin-right: 14px; text-decoration: none; font-size: 13px; }
        nav a:hover { text-decoration: underline; }
        main { max-width: 1360px; margin: 0 auto; padding: 8px 28px 28px; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px 16px; margin: 18px 0; }
        h2 { font-size: 17px; margin: 0 0 8px; }
        h3 { font-size: 14px; margin: 14px 0 6px; color: var(--muted); }
        p.intro { color: var(--muted); margin: 0 0 10px; max-width: 980px; }
        table.data { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0 4px; }
        table.data th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--line); padding: 5px 8px; vertical-align: bottom; }
        table.data td { border-bottom: 1px solid var(--line); padding: 4px 8px; vertical-align: top; }
        table.data tr:nth-child(even) td { background: #f8f9fb; }
        table.data .num { text-align: right; font-variant-numeric: tabular-nums; }
        table.data td.num { white-space: nowrap; }
        table.data td.num.prose { white-space: normal; text-align: left; min-width: 14em; }
        table.data .key { white-space: nowrap; }
        .scroll { overflow-x: auto; max-width: 100%; }
        table.data td { overflow-wrap: break-word; }
        ul.footnotes { list-style: none; margin: 4px 0 0; padding: 0; font-size: 12px; color: var(--muted); max-width: 980px; }
        ul.footnotes li { margin: 2px 0; }
        table.kv td:first-child { color: var(--muted); padding-right: 14px; white-space: nowrap; }
        table.kv td { padding: 2px 0; overflow-wrap: anywhere; }
        .na { color: #8a5a00; font-style: italic; }
        .dim { color: #a0a7b4; }
        .failed { color: var(--bad); font-weight: 600; }
        .better { color: var(--good); font-weight: 600; }
        .worse { color: var(--bad); font-weight: 600; }
        .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
        .callout { border-left: 4px solid var(--bad); background: #fdf2f1; padding: 8px 12px; margin: 8px 0; }
        .note { border-left: 4px solid #e0a800; background: #fff8e5; padding: 8px 12px; margin: 8px 0; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(520px, 100%), 1fr)); gap: 14px; }
        .grid > * { min-width: 0; }
        figure { margin: 0; min-width: 0; }
        svg.chart { width: 100%; height: auto; display: block; background: #fff; }
        svg .chart-title { font-size: 13px; font-weight: 600; fill: var(--fg); }
        svg .tick, svg .value { font-size: 10.5px; fill: var(--muted); }
        svg .point-label { font-size: 11px; font-weight: 600; }
        svg .value { fill: var(--fg); }
        svg .group-label { font-size: 11.5px; font-weight: 600; fill: var(--fg); }
        svg .axis-label { font-size: 11px; fill: var(--muted); }
        svg .grid { stroke: #eceff4; stroke-width: 1; }
        svg .axis { stroke: #9aa3b2; stroke-width: 1; }
        svg .band { fill: var(--band); }
        svg .band-edge { stroke: #c3c9d4; stroke-dasharray: 2 3; }
        svg .band-label { font-size: 10.5px; fill: var(--muted); }
        svg .empty { fill: var(--muted); font-size: 13px; }
        svg rect.unavailable { fill: #fffaf0; stroke: #d9a441; stroke-dasharray: 4 3; }
        svg text.na { font-size: 10.5px; fill: #8a5a00; font-style: italic; }
        .legend { display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 12.5px; margin: 2px 0 8px; }
        .legend i { display: inline-block; width: 14px; height: 4px; border-radius: 2px; margin-right: 6px; vertical-align: middle; }
        .legend i.dashed { background: repeating-linear-gradient(90deg, #6b6b6b 0 5px, transparent 5px 9px); }
        footer { color: var(--muted); font-size: 12px; text-align: center; padding: 8px 0 22px; }
        @media print { body { background: #fff; } section { break-inside: avoid; } header { background: #fff; color: #000; } }

        """
}
