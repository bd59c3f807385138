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
    /// are right-aligned, except those in `textColumns`.
    static func table(_ headers: [String], _ rows: [[String]], numericFrom: Int = 2, textColumns: Set<Int> = []) -> String {
        func attributes(_ index: Int) -> String {
            index == 0 ? " class=\"key\"" : (index >= numericFrom && !textColumns.contains(index) ? " class=\"num\"" : "")
        }
        var out = "<div class=\"scroll\"><table class=\"data\"><thead><tr>"
        for (index, header) in headers.enumerated() { out += "<th\(attributes(index))>\(header)</th>" }
        out += "</tr></thead><tbody>\n"
        for row in rows {
            out += "<tr>"
            for (index, cell) in row.enumerated() { out += "<td\(attributes(index))>\(cell)</td>" }
            out += "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }
}
