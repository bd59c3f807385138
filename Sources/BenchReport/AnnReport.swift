import BenchModel
import Foundation

/// Writers for `vecbench ann` results: the console table and the JSON document.
public enum AnnReport {
    public static func text(_ result: AnnResult) -> String {
        let b = result.build, d = result.dataset
        var out = "vecbench ann — \(d.count) × \(d.dimension) \(d.metric), \(d.queryCount) queries, k = \(result.k)\n"
        out += "HNSW m=\(b.m) m0=\(b.m0) efConstruction=\(b.efConstruction); storage \(b.storage)"
        if let advice = b.advice { out += " (advice \(advice))" }
        if let hugePages = b.hugePages { out += " (huge pages: \(hugePages))" }
        out += "\n"
        out += String(format: "build: %.2f s with %d threads, max level %d; index %@; peak RSS %@\n",
                      b.seconds, b.threads, b.maxLevel, bytes(b.indexBytes),
                      result.peakRSSBytes.map(bytes) ?? "unavailable (no /proc/self/status)")
        if let save = b.saveSeconds, let open = b.openSeconds {
            out += String(format: "index file: written in %.2f s, opened in %.3f s\n", save, open)
        }
        if let resident = b.mappedResidentBytes, let huge = b.mappedHugePageBytes {
            out += "index memory after the sweep: \(bytes(resident)) resident, \(bytes(huge)) in 2 MiB pages\n"
        }
        if let line = vectorsLine(result) { out += line + "\n" }
        out += "machine: \(result.context.cpuModel), \(result.context.cores) cores, kernel \(result.context.kernel)\n\n"
        var table = TextTable([
            ("ef", .right), ("recall@\(result.k)", .right), ("QPS", .right), ("mean µs", .right), ("p50 µs", .right),
            ("p99 µs", .right), ("dist evals", .right), ("visited", .right), ("4K pages", .right), ("2M pages", .right),
        ])
        for run in result.runs {
            table.append([
                "\(run.ef)", String(format: "%.4f", run.recall), String(format: "%.1f", run.qps),
                String(format: "%.1f", run.meanLatencyMicroseconds), String(format: "%.1f", run.p50LatencyMicroseconds),
                String(format: "%.1f", run.p99LatencyMicroseconds), String(format: "%.1f", run.meanDistanceEvaluations),
                String(format: "%.1f", run.meanVisitedNodes), String(format: "%.1f", run.meanPagesTouched4K),
                String(format: "%.1f", run.meanPagesTouched2M),
            ])
        }
        out += table.render()
        out += "QPS: single thread, median of \(result.repeat) passes; pages: distinct vector + link pages per query.\n"
        return out
    }

    /// `vectors: sq8(q 0.99) ×2 rescore; per vector: RAM 400 B (codes 128 B, …), disk …`,
    /// nil for a document without the record.
    static func vectorsLine(_ result: AnnResult) -> String? {
        guard let v = result.vectors else { return nil }
        var parts = ["f32 \(v.floatBytes) B"]
        if let codes = v.codeBytes {
            parts.append("codes \(codes) B = \(NumberFormatting.fixed(100 * (v.codeShareOfFloats ?? 0), 1)) % of f32")
        }
        parts.append("links \(NumberFormatting.fixed(v.linkBytes, 1)) B")
        var line = "vectors: \(v.label); per vector: RAM \(NumberFormatting.fixed(v.ramBytes, 1)) B, "
        line += "disk " + (v.diskBytes.map { "\(NumberFormatting.fixed($0, 1)) B (mapped)" } ?? "none")
        line += " (\(parts.joined(separator: ", ")))"
        if let seconds = v.quantizeSeconds { line += String(format: "; quantized in %.2f s", seconds) }
        if let source = result.dataset.groundTruthSource { line += "; ground truth: \(source)" }
        return line
    }

    public static func json(_ result: AnnResult) throws -> Data {
        try ResultDocumentEncoder.encode(result)
    }

    static func bytes(_ count: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count), unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }
}
