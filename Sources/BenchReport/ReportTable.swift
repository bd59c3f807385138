/// A table for the Markdown and HTML writers: columns with an alignment,
/// rows of cells, rendered as a GitHub pipe table or an HTML `<table>`. The
/// one place that escapes cells and writes separator rows, so every
/// Markdown table vecbench writes is built the same way (console tables:
/// `TextTable`).
struct ReportTable {
    enum Alignment: Sendable { case left, right }

    /// One cell in both target languages; text is escaped once, here.
    struct Cell: ExpressibleByStringInterpolation, Sendable {
        /// Inline Markdown, safe in a pipe table.
        let markdown: String
        /// HTML, safe in element content.
        let html: String

        init(markdown: String, html: String) {
            self.markdown = markdown
            self.html = html
        }

        /// Plain text.
        init(_ text: String) {
            self.init(markdown: MarkdownText.escapeCell(text), html: HTMLText.escape(text))
        }

        init(stringLiteral text: String) { self.init(text) }

        static func strong(_ text: String) -> Cell {
            Cell(markdown: "**\(MarkdownText.escapeCell(text))**", html: "<b>\(HTMLText.escape(text))</b>")
        }

        static func code(_ text: String) -> Cell {
            Cell(markdown: "`\(MarkdownText.escapeCell(text))`", html: "<code>\(HTMLText.escape(text))</code>")
        }

        /// Cells side by side in one cell.
        static func joined(_ parts: [Cell], separator: String = " ") -> Cell {
            Cell(markdown: parts.map(\.markdown).joined(separator: separator), html: parts.map(\.html).joined(separator: separator))
        }

        /// The same cell in bold when `strong`.
        func emphasized(_ strong: Bool) -> Cell {
            strong ? Cell(markdown: "**\(markdown)**", html: "<b>\(html)</b>") : self
        }
    }

    let columns: [(title: Cell, alignment: Alignment)]
    private(set) var rows: [[Cell]] = []

    init(_ columns: [(Cell, Alignment)]) {
        self.columns = columns.map { (title: $0.0, alignment: $0.1) }
    }

    /// Plain-text column titles.
    init(titles columns: [(String, Alignment)]) {
        self.init(columns.map { (Cell($0.0), $0.1) })
    }

    var isEmpty: Bool { rows.isEmpty }

    mutating func append(_ row: [Cell]) {
        precondition(row.count == columns.count, "row has \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }

    /// Plain-text cells.
    mutating func append(text row: [String]) { append(row.map { Cell($0) }) }

    /// A pipe table: header, separator (`---:` right-aligned), rows; ends
    /// with a line break.
    func markdown() -> String {
        var out = "| " + columns.map(\.title.markdown).joined(separator: " | ") + " |\n"
        out += "|" + columns.map { $0.alignment == .right ? "---:|" : "---|" }.joined() + "\n"
        for row in rows { out += "| " + row.map(\.markdown).joined(separator: " | ") + " |\n" }
        return out
    }

    /// An HTML table in a sideways-scrolling wrapper; the first column is
    /// the key, right-aligned columns are numeric.
    func html() -> String {
        let right = Set(columns.indices.filter { columns[$0].alignment == .right })
        let text = Set(columns.indices).subtracting(right)
        return HTMLText.table(columns.map(\.title.html), rows.map { $0.map(\.html) }, numericFrom: 1, textColumns: text)
    }
}
