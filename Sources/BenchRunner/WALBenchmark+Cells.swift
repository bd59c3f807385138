import BenchModel
import Foundation
import VectorWAL

extension WALBenchmark {
    /// One round of one cell: fresh WAL directories, `tenants` writer
    /// threads appending with `fsync always` (or `naive`) for the round's
    /// length, fsyncs counted by the WALs' own statistics.
    func cell(root: String, tenants: Int, mode: WALBenchResult.Mode) throws -> WALBenchResult.Round {
        let directory = root + "/cells/\(mode.rawValue)-\(tenants)"
        try? FileManager.default.removeItem(atPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let policy: WALSyncPolicy = mode == .sharedNaive ? .naive : .always
        let walConfiguration = WALConfiguration(syncPolicy: policy, segmentBytes: configuration.segmentBytes)
        let wals: [WriteAheadLog]
        switch mode {
        case .perCollection:
            wals = try (0..<tenants).map { try WriteAheadLog.open(directory: directory + "/tenant-\($0)", configuration: walConfiguration) }
        case .sharedGroupCommit, .sharedNaive:
            wals = [try WriteAheadLog.open(directory: directory + "/shared", configuration: walConfiguration)]
        }
        defer { for wal in wals { try? wal.close() } }
        let payloads = (0..<tenants).map { tenant in
            (0..<configuration.payloadBytes).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ tenant) }
        }
        let before = wals.reduce(0) { $0 + Int($1.statistics().fsyncCount) }
        let perCollection = mode == .perCollection
        let (seconds, tallies) = try Self.timedLoop(threads: tenants, seconds: configuration.secondsPerRound) { tenant in
            let wal = perCollection ? wals[tenant] : wals[0]
            try payloads[tenant].withUnsafeBytes { raw in
                _ = try wal.append(kind: UInt8(truncatingIfNeeded: tenant), payload: raw)
            }
        }
        let after = wals.reduce(0) { $0 + Int($1.statistics().fsyncCount) }
        return Self.round(seconds: seconds, tallies: tallies, fsyncs: after - before)
    }
}
