/// Numbered reasons for cells that have no value, so a table can say
/// "n/a [1]" and give the reason once underneath — in every format: the
/// console and Markdown tables as text lines, the HTML page as a footnote
/// list under each table (the full reason also on hover). A reason is a
/// long kernel message; repeated in every cell it would push a table's
/// other columns off the page.
struct UnavailableNotes {
    private(set) var reasons: [String] = []

    var isEmpty: Bool { reasons.isEmpty }

    /// The cell text for `value` formatted by `format`, or "n/a [n]".
    mutating func cell(_ value: MetricValue?, _ format: (Double) -> String) -> String {
        switch value {
        case .value(let number): return format(number)
        case .unavailable(let reason): return Self.mark(number(for: reason))
        case nil: return "–"
        }
    }

    /// The same as HTML: the figure, or a short "n/a [n]" mark whose hover
    /// text is the whole reason, or a dim "–" when the metric does not apply.
    mutating func htmlCell(_ value: MetricValue?, _ format: (Double) -> String) -> String {
        switch value {
        case .value(let number): return HTMLText.escape(format(number))
        case .unavailable(let reason):
            return "<span class=\"na\" title=\"\(HTMLText.escape("unavailable — " + reason))\">\(Self.mark(number(for: reason)))</span>"
        case nil: return "<span class=\"dim\">–</span>"
        }
    }

    /// "n/a [n]": the mark every format uses.
    static func mark(_ number: Int) -> String { "n/a [\(number)]" }

    mutating func number(for reason: String) -> Int {
        if let existing = reasons.firstIndex(of: reason) { return existing + 1 }
        reasons.append(reason)
        return reasons.count
    }

    /// The note number of `reason`, if a cell has used it.
    func existingNumber(for reason: String) -> Int? { reasons.firstIndex(of: reason).map { $0 + 1 } }

    /// "[1] unavailable — reason" lines.
    func lines(prefix: String = "") -> String {
        reasons.enumerated().map { "\(prefix)[\($0.offset + 1)] unavailable — \($0.element)\n" }.joined()
    }

    /// The footnotes as an HTML list (wrapping, unlike table cells); empty
    /// when no cell was unavailable.
    func html() -> String {
        guard !reasons.isEmpty else { return "" }
        return "<ul class=\"footnotes\">" + reasons.enumerated().map {
            "<li><span class=\"na\">[\($0.offset + 1)] unavailable</span> — \(HTMLText.escape($0.element))</li>"
        }.joined() + "</ul>\n"
    }

    /// Every distinct unavailability reason of `measurements`, in document order.
    static func reasons(of measurements: MeasurementSet) -> [String] {
        var seen: [String] = []
        for entry in measurements.entries {
            if case .unavailable(let reason) = entry.value, !seen.contains(reason) { seen.append(reason) }
        }
        return seen
    }

    /// `text` with every spelled-out "unavailable — reason" (the reason as
    /// `escape` writes it) replaced by `mark(n)`, numbering the reasons here.
    /// For tables built by shared code that spells reasons out in cells.
    mutating func replacing(in text: String, reasons candidates: [String], escape: (String) -> String,
                            mark: (Int) -> String) -> String {
        var out = text
        // Longest first, so a reason that starts another is not matched inside it.
        for reason in candidates.sorted(by: { $0.count > $1.count }) {
            let spelled = "unavailable — " + escape(reason)
            guard out.contains(spelled) else { continue }
            out = out.replacingOccurrences(of: spelled, with: mark(number(for: reason)))
        }
        return out
    }

    /// A Markdown document whose table cells read "n/a [n]" instead of
    /// "unavailable — reason", with "[n] unavailable — reason" lines under
    /// the table where a reason first appears. Text outside tables is kept.
    static func footnotingMarkdownTables(_ markdown: String, reasons candidates: [String]) -> String {
        guard !candidates.isEmpty else { return markdown }
        var notes = UnavailableNotes()
        var out = "", listed = 0, inTable = false
        func flush() {
            guard notes.reasons.count > listed else { return }
            out += "\n" + notes.reasons[listed...].enumerated().map {
                "[\(listed + $0.offset + 1)] unavailable — \(MarkdownText.escapeCell($0.element))  \n"
            }.joined()
            listed = notes.reasons.count
        }
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("|") {
                inTable = true
                out += notes.replacing(in: String(line), reasons: candidates, escape: MarkdownText.escapeCell, mark: mark) + "\n"
            } else {
                if inTable { flush(); inTable = false }
                out += line + "\n"
            }
        }
        if inTable { flush() }
        return String(out.dropLast())
    }
}
