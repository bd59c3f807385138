extension CapacityPlan {
    /// The plan as Markdown: inputs, then the sections of `sections()`.
    public func markdown() -> String {
        var out = "# Capacity plan from `\(source)`\n\n" + inputLines().map { "- \($0)\n" }.joined() + "\n"
        for section in sections() {
            out += "## \(section.title)\n\n"
            if let intro = section.intro { out += intro + "\n\n" }
            if let table = section.table { out += table.markdown() + "\n" }
            if !section.items.isEmpty { out += section.items.map { "- \(MarkdownText.escapeCell($0))\n" }.joined() + "\n" }
        }
        out.removeLast()
        return out
    }

    /// The fleet, target and node the plan is for, as plain lines.
    func inputLines() -> [String] {
        let r = request
        return [
            "Fleet: \(NumberFormatting.grouped(r.tenants)) tenants × \(NumberFormatting.grouped(r.vectorsPerTenant)) vectors "
                + "× \(r.dimension) dimensions = \(NumberFormatting.grouped(Double(r.tenants) * Double(r.vectorsPerTenant))) vectors",
            "Target: recall ≥ \(NumberFormatting.fixed(r.targetRecall, 3)) at \(NumberFormatting.grouped(r.peakQPS)) searches/s peak; "
                + (r.writesPerSecond.map { "\(NumberFormatting.grouped($0)) writes/s" } ?? "writes at the run's mix"),
            "Node: \(NumberFormatting.bytes(r.nodeRAMBytes)) RAM (\(NumberFormatting.percent(r.ramUsable, decimals: 0)) usable for the index), "
                + "\(r.nodeCores) cores (\(NumberFormatting.percent(r.cpuUtilization, decimals: 0)) busy at peak), "
                + "dTLB \(NumberFormatting.grouped(r.dTLBEntries)) entries",
            "Device: " + (r.deviceFsync.map { "\(NumberFormatting.significant($0.perSecond)) fdatasync/s from \($0.source)" }
                ?? "fdatasync rate unknown"),
        ]
    }
}
