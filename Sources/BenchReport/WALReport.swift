import BenchModel
import Foundation

/// Writers for `vecbench bench-wal` results: Markdown (report.md), the
/// console table, and the JSON document (wal.json). Pure functions of the
/// result; ratios are computed from cells of the same run.
public enum WALReport {
    public static func markdown(_ result: WALBenchResult) -> String {
        let c = result.configuration, x = result.context
        var out = "# vecbench bench-wal — acknowledged writes with `fsync always`\n\n"
        out += "- Machine: \(x.cpuModel), \(x.cores) cores, kernel \(x.kernel); Swift \(x.swiftVersion)"
        out += "; commit \(x.gitCommit.map { String($0.prefix(12)) } ?? "unknown"); \(x.createdAt)\n"
        out += "- Data directory: `\(c.dataDirectory)`" + (c.fileSystem.map { " on \($0)" } ?? "") + "\n"
        out += "- Records: \(c.payloadBytes)-byte payload, \(c.recordBytes) bytes on disk; WAL segments \(bytes(c.segmentBytes)), preallocated\n"
        out += "- Each cell: \(c.rounds) rounds × \(format(c.secondsPerRound, 1)) s, rounds interleaved; figures are medians of rounds\n\n"

        out += "## Device: raw fdatasync\n\n"
        out += "One thread, a tight loop of one \(result.rawSync.first?.writeBytes ?? 4096)-byte pwrite + fdatasync, on a file in the data directory.\n\n"
        var raw = ReportTable(titles: [("pattern", .left), ("fdatasync/s", .right), ("p50 µs", .right), ("p99 µs", .right), ("per round (/s)", .left)])
        for sync in result.rawSync {
            raw.append(text: [sync.pattern, format(sync.syncsPerSecond, 0), format(sync.p50Microseconds, 0), format(sync.p99Microseconds, 0),
                              sync.rounds.map { format($0.operationsPerSecond, 0) }.joined(separator: ", ")])
        }
        out += raw.markdown()
        out += "\n## WAL writes, `fsync always`\n\n"
        out += "One closed-loop writer thread per tenant. *× raw* = acknowledged writes/s ÷ the raw append-preallocated "
        out += "fdatasync/s of the same round (median over rounds).\n\n"
        var cells = ReportTable(titles: [
            ("tenants", .right), ("layout", .left), ("writes/s", .right), ("× raw", .right), ("p50 ms", .right), ("p99 ms", .right),
            ("fsyncs/s", .right), ("appends per fsync", .right), ("per round (writes/s)", .left),
        ])
        for cell in result.cells {
            cells.append(text: [
                "\(cell.tenants)", cell.mode.title, format(cell.writesPerSecond, 0), format(cell.writesPerRawSync, 2),
                format(cell.p50Microseconds / 1000, 2), format(cell.p99Microseconds / 1000, 2), format(cell.fsyncsPerSecond, 0),
                format(cell.meanGroupSize, 1), cell.rounds.map { format($0.operationsPerSecond, 0) }.joined(separator: ", "),
            ])
        }
        out += cells.markdown()
        out += "\n## Ratios (same run, median of per-round ratios)\n\n"
        var ratios = ReportTable(titles: [
            ("tenants", .right), ("writes/s: group commit ÷ per-collection", .right), ("group commit ÷ naive", .right),
            ("per-collection ÷ naive", .right), ("p99: naive ÷ group commit", .right), ("fdatasyncs: per-collection ÷ group commit", .right),
        ])
        func text(_ ratio: Double?) -> String { ratio.map { format($0, 2) + "×" } ?? "–" }
        for r in result.ratios {
            ratios.append(text: [
                "\(r.tenants)", text(r.groupCommitOverPerCollection), text(r.groupCommitOverNaive), text(r.perCollectionOverNaive),
                text(r.naiveP99OverGroupCommitP99), text(r.perCollectionFsyncsOverGroupCommit),
            ])
        }
        out += ratios.markdown()
        let r = result.replay
        out += "\n## Recovery replay (warm cache)\n\n"
        out += "A WAL of \(bytes(r.walBytes)) (\(r.records) records, \(r.segments) segments) opened and replayed record by record, "
        out += "every CRC checked: **\(format(r.megabytesPerSecond, 0)) MB/s**, \(format(r.recordsPerSecond / 1e6, 2)) M records/s; "
        out += "open (header checks + scan of the open segment) \(format(r.openSeconds * 1000, 1)) ms. "
        out += "Per round (MB/s): \(r.rounds.map { format($0.megabytesPerSecond, 0) }.joined(separator: ", ")). "
        out += r.warmCache ? "The log was just written, so it is read from the page cache: this is CPU-bound replay speed, not the device's.\n" : "\n"
        out += "\n## Notes\n\n"
        for note in result.notes { out += "- \(note)\n" }
        return out
    }

    /// The console version: the same figures as aligned tables.
    public static func text(_ result: WALBenchResult) -> String {
        var out = "vecbench bench-wal — \(result.context.cpuModel), \(result.context.cores) cores, "
        out += "\(result.configuration.fileSystem ?? "unknown file system")\n\n"
        var raw = TextTable([("raw fdatasync", .left), ("/s", .right), ("p50 µs", .right), ("p99 µs", .right)])
        for sync in result.rawSync {
            raw.append([sync.pattern, format(sync.syncsPerSecond, 0), format(sync.p50Microseconds, 0), format(sync.p99Microseconds, 0)])
        }
        out += raw.render() + "\n"
        var table = TextTable([
            ("tenants", .right), ("layout", .left), ("writes/s", .right), ("p50 ms", .right), ("p99 ms", .right),
            ("fsyncs/s", .right), ("per fsync", .right),
        ])
        for cell in result.cells {
            table.append([
                "\(cell.tenants)", cell.mode.rawValue, format(cell.writesPerSecond, 0), format(cell.p50Microseconds / 1000, 2),
                format(cell.p99Microseconds / 1000, 2), format(cell.fsyncsPerSecond, 0), format(cell.meanGroupSize, 1),
            ])
        }
        out += table.render()
        out += "replay (warm cache): \(format(result.replay.megabytesPerSecond, 0)) MB/s over \(bytes(result.replay.walBytes))\n"
        return out
    }

    public static func json(_ result: WALBenchResult) throws -> Data {
        try ResultDocumentEncoder.encode(result)
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    static func bytes(_ count: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count), unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }
}
