import ArgumentParser
import BenchModel
import BenchReport
import BenchRunner
import Foundation
import VectorCore

struct BenchWALCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-wal",
        abstract: "Measure WAL throughput with fsync always: raw fdatasync, per-collection vs shared group commit vs naive, replay.",
        discussion: """
            In one run: the device's raw fdatasync rate (4 KiB pwrite + fdatasync loop in --data), then for each \
            --tenants count, one writer thread per tenant appending --payload-byte records with fsync always to \
            (a) one WAL per tenant, (b) one shared WAL with group commit, (c) one shared WAL with an fdatasync per \
            write; then warm-cache replay speed of a WAL of --replay-mb. Each cell runs --rounds rounds of --seconds; \
            figures are medians. Writes report.md and wal.json to --out.
            """)

    @Option(help: "Directory for the result (report.md, wal.json).") var out: String = "reports/bench-wal"
    @Option(help: "Directory on the device to measure (WALs and the raw-sync file; emptied of what the run creates).")
    var data: String = "data/bench-wal"
    @Option(help: "Seconds per round of each cell.") var seconds: Double = 3
    @Option(help: "Rounds per cell (medians are reported).") var rounds: Int = 5
    @Option(help: "Comma-separated counts of concurrent writing tenants.") var tenants: String = "1,16,64"
    @Option(help: "Payload bytes per record.") var payload: Int = 256
    @Option(name: .customLong("replay-mb"), help: "Size of the WAL replayed for the replay figure, MiB.") var replayMB: Int = 256
    @Flag(help: "No progress lines on stderr.") var quiet = false

    func run() throws {
        let counts = try tenants.split(separator: ",").map { text -> Int in
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= 1 else {
                throw ValidationError("--tenants: '\(text)' is not a positive whole number")
            }
            return value
        }
        guard seconds > 0, rounds >= 1, payload >= 0, replayMB >= 1 else {
            throw ValidationError("--seconds, --rounds and --replay-mb must be positive, --payload not negative")
        }
        let configuration = WALBenchmarkConfiguration(
            dataDirectory: data, secondsPerRound: seconds, rounds: rounds, tenants: counts, payloadBytes: payload,
            replayBytes: replayMB << 20)
        let quiet = quiet
        let result = try WALBenchmark(configuration: configuration).run { line in
            if !quiet { FileHandle.standardError.write(Data(("bench-wal: " + line + "\n").utf8)) }
        }
        print(WALReport.text(result), terminator: "")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let markdown = Array(WALReport.markdown(result).utf8)
        try AtomicFileWriter.write(to: out + "/report.md") { writer in
            try markdown.withUnsafeBytes { try writer.append($0) }
        }
        let document = try WALReport.json(result)
        try AtomicFileWriter.write(to: out + "/wal.json") { writer in
            try document.withUnsafeBytes { try writer.append($0) }
        }
        if !quiet { FileHandle.standardError.write(Data("bench-wal: wrote \(out)/report.md and \(out)/wal.json\n".utf8)) }
    }
}
