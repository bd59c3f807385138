extension CapacityPlan {
    /// The plan as one self-contained HTML page: the same sections as the
    /// Markdown, built from the plan (not from its Markdown), plus charts of
    /// nodes needed (by RAM and by CPU) and TLB reach.
    public func html() -> String {
        let r = request
        var page = HTMLPage(
            title: "Capacity plan: \(NumberFormatting.grouped(r.tenants)) tenants × \(NumberFormatting.grouped(r.vectorsPerTenant)) vectors",
            subtitle: HTMLText.escape("from \(source); recall ≥ \(NumberFormatting.fixed(r.targetRecall, 3)) at "
                + "\(NumberFormatting.grouped(r.peakQPS)) searches/s; nodes of \(NumberFormatting.bytes(r.nodeRAMBytes)) and \(r.nodeCores) cores"))
        let sections = sections()
        page.navigation = sections.filter { $0.table != nil }.map { ($0.anchor, $0.title) }
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
        var inputs = "<ul>" + inputLines().map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>\n"
        inputs = HTMLPage.section("inputs", "Inputs", inputs)
        page.sections.append(inputs)
        for section in sections {
            var body = section.anchor == "nodes" ? HTMLPage.grid([nodesChart.render(), tlbChart.render()]) : ""
            body += section.table?.html() ?? ""
            if !section.items.isEmpty { body += "<ul>" + section.items.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>\n" }
            page.sections.append(HTMLPage.section(section.anchor, section.title, intro: section.intro.map(HTMLText.escape), body))
        }
        return page.render()
    }
}
