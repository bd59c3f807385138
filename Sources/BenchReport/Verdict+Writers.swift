import BenchModel

/// The verdict as a console block, a Markdown section and an HTML section:
/// one row per judged figure — both values, the ratio with its interval,
/// the winner (or "no difference", or "unconfirmed"), and the deterministic
/// cost that moved with it.
extension Verdict {
    static let explanation = "ratio = configuration ÷ reference, with its 95 % interval — from repetitions (bootstrap) "
        + "or from each run's percentile interval; *exact*: a deterministic cost, equal for a seed on every run. "
        + "An interval that contains 1 is no difference; *unconfirmed*: one run each and no interval — repeat with "
        + "`--repeat 3`. *why*: the deterministic costs that moved with the figure."

    /// "against X, the first configuration", when there are findings.
    var againstText: String? {
        guard !findings.isEmpty, let reference else { return nil }
        return "against \(reference), \(referenceRole)"
    }

    /// The console block.
    public func text() -> String {
        var out = "Verdict" + (againstText.map { " (\($0))" } ?? "") + "\n"
        for note in notes { out += "  \(note)\n" }
        guard !findings.isEmpty else { return out }
        var table = TextTable([
            ("phase", .left), ("figure", .left), ("configuration", .left), (reference ?? "reference", .right), ("value", .right),
            ("ratio [95 % interval]", .right), ("verdict", .left), ("why", .left),
        ])
        for row in rows() { table.append(row) }
        out += table.render()
        out += "  " + Self.explanation.replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "`", with: "") + "\n"
        return out
    }

    /// `## Verdict`, a table and how to read it.
    public func markdown() -> String {
        var out = "## Verdict\n\n"
        if let againstText { out += MarkdownText.escapeCell(againstText.prefix(1).uppercased() + againstText.dropFirst()) + ".\n\n" }
        for note in notes { out += "- \(MarkdownText.escapeCell(note))\n" }
        if !notes.isEmpty { out += "\n" }
        guard !findings.isEmpty else { return out }
        out += table().markdown() + "\n" + Self.explanation + "\n\n"
        return out
    }

    /// The HTML `<section id="verdict">` of a run page.
    public func htmlSection() -> String {
        var body = notes.map { "<p>\(HTMLText.escape($0))</p>\n" }.joined()
        if !findings.isEmpty {
            body += table().html()
            body += "<p class=\"dim\">\(HTMLText.escape(Self.explanation.replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "`", with: "")))</p>\n"
        }
        let intro = againstText.map { HTMLText.escape($0.prefix(1).uppercased() + $0.dropFirst()) + "." }
        return HTMLPage.section("verdict", "Verdict", intro: intro, body)
    }

    private func table() -> ReportTable {
        var table = ReportTable(titles: [
            ("phase", .left), ("figure", .left), ("configuration", .left), (reference ?? "reference", .right), ("value", .right),
            ("ratio [95 % interval]", .right), ("verdict", .left), ("why", .left),
        ])
        for (finding, row) in zip(findings, rows()) {
            var cells = row.map { ReportTable.Cell($0) }
            cells[6] = cells[6].emphasized(finding.winner != nil)
            table.append(cells)
        }
        return table
    }

    /// Plain-text cells of every finding.
    func rows() -> [[String]] {
        findings.map { finding in
            [finding.phase, finding.metric.title, finding.candidate, finding.metric.format(finding.referenceValue),
             finding.metric.format(finding.candidateValue), Self.ratioText(finding.judgement), Self.outcomeText(finding),
             Self.whyText(finding)]
        }
    }

    static func outcomeText(_ finding: Finding) -> String {
        switch finding.judgement.outcome {
        case .better, .worse: "\(finding.winner ?? "") better"
        case .noDifference: "no difference"
        case .unconfirmed: "unconfirmed"
        }
    }

    /// `0.62× [0.55, 0.70]`, `1.78× exact`, `1.05×`.
    static func ratioText(_ judgement: VerdictRule.Judgement) -> String {
        guard let value = judgement.ratio else { return "from 0" }
        var text = ratio(value)
        switch judgement.basis {
        case .exact: text += " exact"
        case .repetitions, .percentileIntervals:
            if let interval = judgement.interval {
                text += " [\(ratio(interval.lowerBound, unit: false)), \(ratio(interval.upperBound, unit: false))]"
            }
        case .none: break
        }
        return text
    }

    /// A ratio to three significant figures; more decimals close to 1, so
    /// a small real change does not print as 1.00×.
    static func ratio(_ value: Double, unit: Bool = true) -> String {
        let text: String
        if !value.isFinite {
            text = "∞"
        } else if abs(value - 1) < 0.01 {
            text = NumberFormatting.fixed(value, 3)
        } else {
            text = NumberFormatting.significant(value)
        }
        return unit ? text + "×" : text
    }

    /// "distance evaluations 455/query → 812/query (1.78×)"; "no deterministic
    /// cost moved" when the figure moved alone.
    static func whyText(_ finding: Finding) -> String {
        guard finding.judgement.outcome != .noDifference, !explanations(for: finding.metric).isEmpty else { return "" }
        guard !finding.why.isEmpty else { return "no deterministic cost moved" }
        return finding.why.map { shift in
            "\(shift.metric.title) \(shift.metric.format(shift.reference)) → \(shift.metric.format(shift.candidate))"
                + (shift.ratio.map { " (\(ratio($0)))" } ?? "")
        }.joined(separator: "; ")
    }
}
