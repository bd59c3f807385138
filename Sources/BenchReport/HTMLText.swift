/// Escaping and small building blocks for the HTML and SVG writers.
enum HTMLText {
    /// Text safe in element content and in double-quoted attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A coordinate for SVG: two decimals at most, no trailing zeros.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var text = NumberFormatting.fixed(value, 2)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// A `<table>` with a header row, in a wrapper that scrolls sideways on
    /// narrow screens; cells are HTML already. Columns from `numericFrom` on
    /// are right-aligned and kept on one line, except those in `textColumns`
    /// — and except a cell of such a column that holds a sentence (a reason
    /// spelled out) rather than a figure: it wraps, so one long cell cannot
    /// stretch the table far past the page.
    static func table(_ headers: [String], _ rows: [[String]], numericFrom: Int = 2, textColumns: Set<Int> = []) -> String {
        func attributes(_ index: Int, _ cell: String? = nil) -> String {
            guard index > 0 else { return " class=\"key\"" }
            guard index >= numericFrom, !textColumns.contains(index) else { return "" }
            return cell.map(visibleLength).map { $0 > 40 } == true ? " class=\"num prose\"" : " class=\"num\""
        }
        var out = "<div class=\"scroll\"><table class=\"data\"><thead><tr>"
        for (index, header) in headers.enumerated() { out += "<th\(attributes(index))>\(header)</th>" }
        out += "</tr></thead><tbody>\n"
        for row in rows {
            out += "<tr>"
            for (index, cell) in row.enumerated() { out += "<td\(attributes(index, cell))>\(cell)</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }

    /// Characters of `html` outside tags (entities count as one or more:
    /// close enough to tell a figure from a sentence).
    static func visibleLength(_ html: String) -> Int {
        var inside = false, count = 0
        for character in html {
            if character == "<" { inside = true } else if character == ">" { inside = false } else if !inside { count += 1 }
        }
        return count
    }
}
