import BenchModel
import Foundation
import Histogram
import VectorCore
import VectorWAL

/// Measures the WAL against the device (issue 3, item 9), in one run:
/// 1. the raw fdatasync rate: a tight 4 KiB pwrite + fdatasync loop, both
///    appending into a preallocated file (the WAL's pattern) and overwriting
///    one block;
/// 2. for each tenant count, with `fsync always`: one WAL per tenant, one
///    shared WAL with group commit, one shared WAL with an fdatasync per write
///    (`naive`) — acknowledged writes/s, acknowledgement latency, fsyncs/s,
///    appends per fsync. Writers are closed-loop threads, one per tenant;
/// 3. replay speed of a WAL of `replayBytes`, from the page cache.
///
/// Rounds interleave all cells; figures are medians over rounds. It never
/// formats: `WALReport` writes the document.
public struct WALBenchmark: Sendable {
    public let configuration: WALBenchmarkConfiguration

    public init(configuration: WALBenchmarkConfiguration) {
        self.configuration = configuration
    }

    public func run(progress: (String) -> Void = { _ in }) throws -> WALBenchResult {
        let c = configuration
        let root = URL(fileURLWithPath: c.dataDirectory).standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let context = RunContextProbe.current()
        let loadBefore = Self.loadAverage()

        var rawRounds: [String: [WALBenchResult.Round]] = [:]
        var cellRounds: [Int: [WALBenchResult.Mode: [WALBenchResult.Round]]] = [:]
        for round in 1...max(1, c.rounds) {
            for pattern in RawPattern.allCases {
                let measured = try rawSync(root: root, pattern: pattern)
                rawRounds[pattern.rawValue, default: []].append(measured)
                progress(String(format: "round %d: raw fdatasync (%@): %.0f/s, p99 %.0f µs",
                                round, pattern.rawValue, measured.operationsPerSecond, measured.p99Microseconds))
            }
            for tenants in c.tenants {
                for mode in WALBenchResult.Mode.allCases {
                    let measured = try cell(root: root, tenants: tenants, mode: mode)
                    cellRounds[tenants, default: [:]][mode, default: []].append(measured)
                    progress(String(format: "round %d: %d tenants, %@: %.0f writes/s, p99 %.0f µs, %.1f per fsync",
                                    round, tenants, mode.rawValue, measured.operationsPerSecond, measured.p99Microseconds,
                                    measured.meanGroupSize))
                }
            }
        }
        let replay = try replayMeasurement(root: root, progress: progress)

        let rawSync = RawPattern.allCases.map { pattern in
            let rounds = rawRounds[pattern.rawValue] ?? []
            return WALBenchResult.RawSync(
                pattern: pattern.rawValue, writeBytes: Self.rawWriteBytes, rounds: rounds,
                syncsPerSecond: Self.median(rounds.map(\.operationsPerSecond)),
                p50Microseconds: Self.median(rounds.map(\.p50Microseconds)),
                p99Microseconds: Self.median(rounds.map(\.p99Microseconds)))
        }
        let reference = rawRounds[RawPattern.appendPreallocated.rawValue] ?? []
        var cells: [WALBenchResult.Cell] = []
        var ratios: [WALBenchResult.Ratios] = []
        for tenants in c.tenants {
            let byMode = cellRounds[tenants] ?? [:]
            for mode in WALBenchResult.Mode.allCases {
                let rounds = byMode[mode] ?? []
                cells.append(WALBenchResult.Cell(
                    tenants: tenants, mode: mode, rounds: rounds,
                    writesPerSecond: Self.median(rounds.map(\.operationsPerSecond)),
                    p50Microseconds: Self.median(rounds.map(\.p50Microseconds)),
                    p99Microseconds: Self.median(rounds.map(\.p99Microseconds)),
                    fsyncsPerSecond: Self.median(rounds.map(\.fsyncsPerSecond)),
                    meanGroupSize: Self.median(rounds.map(\.meanGroupSize)),
                    writesPerRawSync: Self.medianRatio(rounds.map(\.operationsPerSecond), reference.map(\.operationsPerSecond)) ?? 0))
            }
            let group = byMode[.sharedGroupCommit] ?? [], per = byMode[.perCollection] ?? [], naive = byMode[.sharedNaive] ?? []
            ratios.append(WALBenchResult.Ratios(
                tenants: tenants,
                groupCommitOverPerCollection: Self.medianRatio(group.map(\.operationsPerSecond), per.map(\.operationsPerSecond)),
                groupCommitOverNaive: Self.medianRatio(group.map(\.operationsPerSecond), naive.map(\.operationsPerSecond)),
                perCollectionOverNaive: Self.medianRatio(per.map(\.operationsPerSecond), naive.map(\.operationsPerSecond)),
                naiveP99OverGroupCommitP99: Self.medianRatio(naive.map(\.p99Microseconds), group.map(\.p99Microseconds)),
                perCollectionFsyncsOverGroupCommit: Self.medianRatio(per.map(\.fsyncsPerSecond), group.map(\.fsyncsPerSecond))))
        }
        let loadAfter = Self.loadAverage()
        let fileSystem = Self.fileSystem(of: root)
        let recordBytes = WALRecord.encodedSize(payloadBytes: c.payloadBytes)
        var notes = [
            "Timed figures are medians of \(c.rounds) rounds of \(c.secondsPerRound) s per cell; rounds interleave the cells.",
            "Writers are closed-loop threads, one per tenant, each appending one \(c.payloadBytes)-byte record "
                + "(\(recordBytes) bytes on disk) at a time and waiting for its acknowledgement; latency is per acknowledged append.",
            "Replay reads a WAL that was just written, so it comes from the page cache (caches cannot be dropped here): "
                + "warm-cache replay, bounded by CRC32C (\(CRC32C.implementation)) and memory copies, not by the device.",
            "Machine: \(context.cores) cores shared with other work. Single-writer figures are bimodal here: ~0.05–0.1 ms per "
                + "fdatasync while the cores are free, a 4 ms scheduler tick while other processes keep them busy; cells with many "
                + "writers keep the cores busy themselves and vary less. Compare ratios taken within a round, not absolute "
                + "figures across runs.",
        ]
        if c.tenants.contains(1) {
            notes.append("With 1 tenant the three layouts do the same work (one writer, one file, one fdatasync per write): "
                + "their spread in writes/s is this run's noise; their × raw column, taken within each round, is the fair comparison.")
        }
        if let fileSystem { notes.append("Data directory \(root) is on \(fileSystem).") }
        notes.append("Load average (1, 5, 15 min) before: \(loadBefore ?? "unknown"); after: \(loadAfter ?? "unknown"). "
            + "Other processes on these cores delay the wake-up of a thread whose fdatasync completed "
            + "(by up to a scheduler tick, 4 ms at HZ=250), which inflates single-writer latency most.")
        return WALBenchResult(
            context: context,
            configuration: .init(
                dataDirectory: root, fileSystem: fileSystem, secondsPerRound: c.secondsPerRound, rounds: c.rounds,
                tenants: c.tenants, payloadBytes: c.payloadBytes, recordBytes: recordBytes, segmentBytes: c.segmentBytes,
                replayTargetBytes: c.replayBytes),
            rawSync: rawSync, cells: cells, ratios: ratios, replay: replay, notes: notes)
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The median over rounds of `numerators[i] / denominators[i]`; nil
    /// without a complete pair.
    static func medianRatio(_ numerators: [Double], _ denominators: [Double]) -> Double? {
        let ratios = zip(numerators, denominators).compactMap { $1 > 0 ? $0 / $1 : nil }
        return ratios.isEmpty ? nil : median(ratios)
    }

    /// The first three fields of /proc/loadavg.
    static func loadAverage() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").prefix(3).joined(separator: ", ")
    }

    /// The file system type of the mount holding `path` (/proc/mounts).
    static func fileSystem(of path: String) -> String? {
        guard let mounts = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8) else { return nil }
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var best: (mount: String, type: String, device: String)?
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let mount = String(fields[1])
            let prefix = mount == "/" ? "/" : mount + "/"
            if resolved == mount || resolved.hasPrefix(prefix), mount.count > (best?.mount.count ?? -1) {
                best = (mount, String(fields[2]), String(fields[0]))
            }
        }
        guard let best else { return nil }
        var text = "\(best.type) (mounted at \(best.mount)"
        if let device = best.device.split(separator: "/").last,
           let cache = try? String(contentsOfFile: "/sys/block/\(device)/queue/write_cache", encoding: .utf8) {
            text += ", device \(best.device), write cache: \(cache.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
        return text + ")"
    }
}
