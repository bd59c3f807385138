import Foundation

extension CapacityPlan {
    /// The plan as one self-contained HTML page: the Markdown tables as HTML
    /// plus charts of nodes needed (by RAM and by CPU) and TLB reach.
    public func html() -> String {
        let r = request
        var page = HTMLPage(
            title: "Capacity plan: \(NumberFormatting.grouped(r.tenants)) tenants × \(NumberFormatting.grouped(r.vectorsPerTenant)) vectors",
            subtitle: HTMLText.escape("from \(source); recall ≥ \(NumberFormatting.fixed(r.targetRecall, 3)) at "
                + "\(NumberFormatting.grouped(r.peakQPS)) searches/s; nodes of \(NumberFormatting.bytes(r.nodeRAMBytes)) and \(r.nodeCores) cores"))
        page.navigation = [("nodes", "Nodes"), ("bytes", "Bytes per vector"), ("tlb", "TLB reach"), ("fsync", "fsync budget")]
        let colors = configurations.indices.map { ChartPalette.color($0) }
        func bar(_ plan: ConfigurationPlan, _ index: Int, _ value: MetricValue) -> SVGBarChart.Bar {
            .init(label: plan.measurements.configuration, color: colors[index], value: value)
        }
        let nodesChart = SVGBarChart(title: "nodes needed", format: { NumberFormatting.grouped($0) }, groups: [
            .init(label: "by RAM", bars: configurations.enumerated().map { bar($1, $0, .value(Double($1.nodesByRAM))) }),
            .init(label: "by CPU at the target recall", bars: configurations.enumerated().map {
                bar($1, $0, $1.nodesByCPU.map { .value(Double($0)) } ?? .unavailable("target recall not reached"))
            }),
        ])
        let tlbChart = SVGBarChart(title: "index per node ÷ TLB reach", format: { NumberFormatting.significant($0) + "×" }, groups: [
            .init(label: "4 KiB pages", bars: configurations.enumerated().map { bar($1, $0, .value($1.tlb.workingSetPerNode / $1.tlb.reach4K)) }),
            .init(label: "2 MiB pages", bars: configurations.enumerated().map { bar($1, $0, .value($1.tlb.workingSetPerNode / $1.tlb.reach2M)) }),
        ])
        // The Markdown tables, turned into HTML tables section by section.
        let sections = MarkdownTables.sections(markdown())
        page.sections.append(HTMLPage.section("nodes", "Nodes per configuration", intro: sections["Nodes per configuration"]?.intro,
                                              HTMLPage.grid([nodesChart.render(), tlbChart.render()]) + (sections["Nodes per configuration"]?.table ?? "")))
        for (anchor, title) in [("bytes", "Bytes per vector: computed and measured"), ("tlb", "TLB reach"),
                                ("fsync", "fsync and seal budget per node"), ("notes", "Notes"), ("formulas", "How the figures are computed")] {
            guard let section = sections[title] else { continue }
            page.sections.append(HTMLPage.section(anchor, title, intro: section.intro, section.table + section.list))
        }
        return page.render()
    }
}

/// Just enough Markdown for the plan's own output: `## ` sections holding a
/// paragraph, a pipe table, or a `- ` list.
enum MarkdownTables {
    struct Section {
        var intro: String?
        var table = ""
        var list = ""
    }

    static func sections(_ markdown: String) -> [String: Section] {
        var out: [String: Section] = [:]
        var title: String?
        var rows: [[String]] = [], items: [String] = [], paragraphs: [String] = []
        var rightAligned: Set<Int> = []
        func flush() {
            guard let title else { return }
            var section = Section()
            if !paragraphs.isEmpty { section.intro = paragraphs.map(inline).joined(separator: " ") }
            if rows.count >= 1 {
                let headers = rows[0].map(inline)
                // Alignment as the Markdown separator row gives it (`---:` is right).
                let text = Set(headers.indices).subtracting(rightAligned)
                section.table = HTMLText.table(headers, rows.dropFirst().map { $0.map(inline) }, numericFrom: 1, textColumns: text)
            }
            if !items.isEmpty { section.list = "<ul>" + items.map { "<li>\(inline($0))</li>" }.joined() + "</ul>\n" }
            out[title] = section
        }
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("## ") {
                flush()
                title = String(line.dropFirst(3))
                rows = []
                items = []
                paragraphs = []
                rightAligned = []
            } else if line.hasPrefix("|") {
                let cells = line.dropFirst().dropLast().components(separatedBy: " | ").map { $0.trimmingCharacters(in: .whitespaces) }
                if cells.allSatisfy({ $0.allSatisfy { "-:|".contains($0) } }) {
                    rightAligned = Set(cells.indices.filter { cells[$0].hasSuffix(":") })
                } else {
                    rows.append(cells)
                }
            } else if line.hasPrefix("- ") {
                items.append(String(line.dropFirst(2)))
            } else if !line.isEmpty, title != nil {
                paragraphs.append(line)
            }
        }
        flush()
        return out
    }

    /// `code` and **bold**, escaped.
    static func inline(_ text: String) -> String {
        var out = HTMLText.escape(text.replacingOccurrences(of: "\\|", with: "|"))
        for (marker, tag) in [("**", "b"), ("`", "code")] {
            var parts = out.components(separatedBy: marker)
            guard parts.count >= 3 else { continue }
            var joined = parts.removeFirst()
            for (index, part) in parts.enumerated() { joined += (index % 2 == 0 ? "<\(tag)>" : "</\(tag)>") + part }
            out = joined
        }
        return out
    }
}
