import BenchModel

/// The memory–recall trade per configuration: where it keeps its vectors,
/// the bytes per vector that costs in RAM and on disk (as the engine counted
/// them), and the recall and search p99 it got for it — from each
/// configuration's representative run and its last measured phase with a
/// recall. Empty (no section) when no configuration counted its vectors.
struct PlacementTable {
    struct Row {
        var configuration: String
        var phase: String
        var bytes: PlacementBytes
        var recall: Double?
        /// Microseconds, from intended start.
        var searchP99: Double?
    }

    let rows: [Row]

    init(_ result: RunResult) {
        rows = RunReport.groups(result).compactMap { name, runs in
            guard let run = RunReport.representative(runs),
                  let bytes = PlacementBytes.measured(run, dimension: result.workload.dimension) else { return nil }
            let measured = run.phases.filter { !$0.warmup }
            let phase = measured.last { $0.recall != nil } ?? measured.last
            return Row(configuration: name, phase: phase?.name ?? "–", bytes: bytes, recall: phase?.recall?.mean,
                       searchP99: phase?.operation(.search)?.latency.p99)
        }
    }

    var table: ReportTable {
        var table = ReportTable(titles: [
            ("configuration", .left), ("placement", .left), ("RAM B/vector", .right), ("disk B/vector", .right),
            ("recall", .right), ("search p99", .right), ("phase", .left),
        ])
        for row in rows {
            table.append(text: [
                row.configuration, row.bytes.placement, NumberFormatting.fixed(row.bytes.ramPerVector, 1),
                NumberFormatting.fixed(row.bytes.diskPerVector, 1), row.recall.map { NumberFormatting.fixed($0, 4) } ?? "–",
                row.searchP99.map { NumberFormatting.latency(microseconds: $0) } ?? "–", row.phase,
            ])
        }
        return table
    }

    static let intro = "Bytes per vector as the engine counted what it holds: RAM is anonymous memory (f32 rows, codes, "
        + "links read or copied into RAM, per-point tables); disk is segment files (a mapped file costs page cache, not RAM)."

    /// The Markdown section, or "" when no configuration counted its vectors.
    static func markdown(_ result: RunResult) -> String {
        let placement = PlacementTable(result)
        guard !placement.rows.isEmpty else { return "" }
        return "## Memory and recall by placement\n\n" + intro + "\n\n" + placement.table.markdown() + "\n"
    }
}
