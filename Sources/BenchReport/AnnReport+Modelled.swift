import BenchModel
import Foundation

extension AnnReport {
    /// The modelled-misses section of `vecbench ann --model`: one row per
    /// `ef`, every column labelled modelled. Empty when the document has no
    /// model figures (a run without `--model`, or an older document).
    public static func modelledText(_ result: AnnResult) -> String {
        guard let model = result.model, result.runs.contains(where: { $0.modelled != nil }) else { return "" }
        var out = "\nmodelled memory hierarchy (MemoryModel, not measured): cpu \(model.cpu) (\(model.origin)"
        if let reason = model.fallbackReason { out += ": \(reason)" }
        out += "), pcid \(model.pcid), every \(model.sample == 1 ? "" : "\(model.sample)th ")query, \(model.cores) core\n"
        let regions = model.regions.map { region in
            "\(region.name) \(bytes(region.bytes)) at \(region.pageSize)"
                + (region.hugePageBytes.map { " (\(bytes($0)) in 2 MiB pages)" } ?? " (smaps unread)")
        }
        out += "page sizes: " + regions.joined(separator: "; ") + "; everything else at 4K\n"
        var table = TextTable([
            ("ef", .right), ("modelled L1 dTLB miss/q", .right), ("modelled walks/q", .right),
            ("modelled L1D miss/q", .right), ("modelled LLC miss/q", .right), ("dTLB hit", .right),
            ("L1D hit", .right), ("LLC hit", .right), ("replay M acc/s", .right),
        ])
        func rate(_ value: Double?) -> String { value.map { String(format: "%.2f%%", $0 * 100) } ?? "n/a (no lookups)" }
        for run in result.runs {
            guard let m = run.modelled else {
                table.append(["\(run.ef)", "not modelled", "", "", "", "", "", "", ""])
                continue
            }
            table.append([
                "\(run.ef)", String(format: "%.1f", m.l1dTLBMissesPerQuery), String(format: "%.1f", m.pageWalksPerQuery),
                String(format: "%.1f", m.l1dMissesPerQuery), String(format: "%.1f", m.llcMissesPerQuery),
                rate(m.l1dTLBHitRate), rate(m.l1dHitRate), rate(m.llcHitRate),
                String(format: "%.1f", m.replayAccessesPerSecond / 1e6),
            ])
        }
        out += table.render()
        out += "modelled: \(model.method); one lookup per page and per 64-byte line an access touches.\n"
        return out
    }
}
