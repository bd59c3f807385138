import Foundation

extension CheckOutcome {
    /// The console report: headline, warnings, then regressions and
    /// improvements in full and a table of every checked figure.
    public func text() -> String {
        var out = "vecbench check — \(named(currentLabel, currentCommit)) against \(named(baselineLabel, baselineCommit))\n\(headline)\n"
        if let method { out += "method: \(method)\n" }
        for warning in warnings { out += "warning: \(warning)\n" }
        for finding in regressions { out += "REGRESSION \(finding.subject) \(finding.metric.id): \(change(finding)); \(finding.reason)\n" }
        for finding in improvements { out += "improvement \(finding.subject) \(finding.metric.id): \(change(finding)); \(finding.reason)\n" }
        guard !findings.isEmpty else { return out }
        var table = TextTable([
            ("configuration / phase", .left), ("metric", .left), ("baseline", .right), ("current", .right), ("change", .right),
            ("95 % interval", .right), ("threshold", .left), ("verdict", .left),
        ])
        for finding in findings {
            table.append([
                finding.subject.description, finding.metric.id, finding.baseline.map { short($0, finding.metric) } ?? "–",
                finding.current.map { short($0, finding.metric) } ?? "–",
                finding.relative.map { NumberFormatting.signedPercent($0) } ?? "", intervalText(finding), finding.threshold,
                finding.verdict == .skipped ? "skipped: \(finding.reason)" : finding.verdict.rawValue,
            ])
        }
        return out + "\n" + table.render()
    }

    private func short(_ value: MetricValue, _ metric: MetricDefinition) -> String {
        if case .value(let number) = value { return metric.format(number) }
        return "unavailable"
    }

    /// Markdown for a CI job summary (e.g. `$GITHUB_STEP_SUMMARY`).
    public func markdown() -> String {
        let icon: String
        switch exitCode {
        case .pass: icon = "✅"
        case .improvement: icon = "🟡"
        case .baselineMissing: icon = "⚪"
        default: icon = "❌"
        }
        var out = "## \(icon) vecbench check: \(headline)\n\n"
        out += "Current `\(currentLabel)`" + (currentCommit.map { " (commit `\($0)`)" } ?? "")
        out += " against baseline `\(baselineLabel)`" + (baselineCommit.map { " (commit `\($0)`)" } ?? "")
        out += "; medians over repetitions, statistical figures judged on the 95 % interval of the change "
        out += method.map { "(\($0), then samples within runs)" } ?? "(bootstrap over runs, then samples within runs)"
        out += ". Exit code \(exitCode.rawValue).\n\n"
        for warning in warnings { out += "> ⚠️ \(MarkdownText.escapeCell(warning))\n>\n" }
        if !warnings.isEmpty { out.removeLast(2); out += "\n" }
        guard !findings.isEmpty else { return out }
        func section(_ title: String, _ list: [Finding]) -> String {
            guard !list.isEmpty else { return "" }
            var table = ReportTable(titles: [
                ("configuration", .left), ("phase", .left), ("metric", .left), ("baseline", .right), ("current", .right),
                ("change", .right), ("95 % interval", .right), ("threshold", .left), ("runs (base/cur)", .right), ("note", .left),
            ])
            for finding in list {
                table.append([
                    ReportTable.Cell(finding.subject.configuration), ReportTable.Cell(finding.subject.phase), .code(finding.metric.id),
                    ReportTable.Cell(finding.baseline.map { cellText($0, finding.metric) } ?? "–"),
                    ReportTable.Cell(finding.current.map { cellText($0, finding.metric) } ?? "–"),
                    ReportTable.Cell(finding.relative.map { NumberFormatting.signedPercent($0) } ?? ""),
                    ReportTable.Cell(intervalText(finding)), ReportTable.Cell(finding.threshold),
                    "\(finding.baselineRuns)/\(finding.currentRuns)", ReportTable.Cell(finding.reason),
                ])
            }
            return "### \(title)\n\n" + table.markdown() + "\n"
        }
        out += section("Regressions", regressions)
        out += section("Improvements", improvements)
        out += section("Within thresholds", passed)
        out += section("Not judged", skipped)
        return out
    }

    /// JUnit XML: a test suite per configuration and phase, a test case per
    /// checked figure; a regression is a `<failure>`, and so is an
    /// improvement when failing on improvements; unjudged figures are
    /// `<skipped>`. Warnings go to the suites' `<system-out>`.
    public func junit() -> String {
        func xml(_ text: String) -> String { HTMLText.escape(text) }
        var suites: [(name: String, findings: [Finding])] = []
        for finding in findings {
            let name = finding.subject.description
            if let index = suites.firstIndex(where: { $0.name == name }) {
                suites[index].findings.append(finding)
            } else {
                suites.append((name, [finding]))
            }
        }
        let failing = { (finding: Finding) in
            finding.verdict == .regression || (failOnImprovement && finding.verdict == .improvement)
        }
        let commits = "current \(named(currentLabel, currentCommit)) against baseline \(named(baselineLabel, baselineCommit))"
        let warningText = ([commits] + warnings.map { "warning: \($0)" }).joined(separator: "\n")
        var body = ""
        if let baselineMissing {
            body += "  <testsuite name=\"vecbench check\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
            body += "    <testcase classname=\"vecbench.check\" name=\"baseline\">"
            body += "<failure type=\"baseline-missing\" message=\"\(xml(baselineMissing))\"/></testcase>\n  </testsuite>\n"
        }
        for suite in suites {
            let failures = suite.findings.filter(failing).count
            let skipped = suite.findings.filter { $0.verdict == .skipped }.count
            body += "  <testsuite name=\"\(xml(suite.name))\" tests=\"\(suite.findings.count)\" failures=\"\(failures)\" "
            body += "errors=\"0\" skipped=\"\(skipped)\">\n"
            for finding in suite.findings {
                let classname = "vecbench.\(finding.subject.configuration).\(finding.subject.phase)"
                body += "    <testcase classname=\"\(xml(classname))\" name=\"\(xml(finding.metric.id))\">"
                let interval = intervalText(finding)
                let message = "\(finding.metric.title): \(change(finding))"
                    + (interval.isEmpty || finding.reason.contains(interval) ? "" : "; 95 % interval \(interval)") + "; \(finding.reason)"
                if failing(finding) {
                    body += "<failure type=\"\(finding.verdict.rawValue)\" message=\"\(xml(message))\"/>"
                } else if finding.verdict == .skipped {
                    body += "<skipped message=\"\(xml(finding.reason))\"/>"
                } else {
                    body += "<system-out>\(xml(message))</system-out>"
                }
                body += "</testcase>\n"
            }
            body += "    <system-out>\(xml(warningText))</system-out>\n"
            body += "  </testsuite>\n"
        }
        let total = findings.count + (baselineMissing == nil ? 0 : 1)
        let failures = findings.filter(failing).count + (baselineMissing == nil ? 0 : 1)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"vecbench check\" tests=\"\(total)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped.count)\">\n"
        return out + body + "</testsuites>\n"
    }
}
