import BenchModel
import Foundation
import VectorWAL

extension WALBenchmark {
    /// Writes a WAL of about `replayBytes` (policy never, batches of 256
    /// records, default 64 MiB segments), then per round: open it (recovery
    /// scans the open segment) and replay every record, summing a word of
    /// each payload so nothing is optimized away.
    func replayMeasurement(root: String, progress: (String) -> Void) throws -> WALBenchResult.Replay {
        let directory = root + "/replay"
        try? FileManager.default.removeItem(atPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let walConfiguration = WALConfiguration(syncPolicy: .never)
        let recordBytes = WALRecord.encodedSize(payloadBytes: configuration.payloadBytes)
        let total = max(1, configuration.replayBytes / recordBytes)
        var wal = try WriteAheadLog.open(directory: directory, configuration: walConfiguration)
        var written = 0
        while written < total {
            var batch = WALBatch(reservingEncodedBytes: 256 * recordBytes)
            for index in 0..<min(256, total - written) {
                batch.append(kind: 1, payloadBytes: configuration.payloadBytes) { target in
                    target.storeBytes(of: UInt64(written + index), as: UInt64.self)
                }
            }
            written += batch.count
            try wal.append(batch)
        }
        let walBytes = Int(wal.statistics().bytesAppended)
        let segments = wal.statistics().segmentCount
        try wal.close()
        progress("replay: wrote \(written) records, \(walBytes >> 20) MiB in \(segments) segments")

        var rounds: [WALBenchResult.ReplayRound] = []
        var recordsPerSecond: [Double] = []
        for round in 1...max(1, configuration.rounds) {
            let openStart = MonotonicClock.nanoseconds()
            wal = try WriteAheadLog.open(directory: directory, configuration: walConfiguration)
            let replayStart = MonotonicClock.nanoseconds()
            var records = 0
            var sum: UInt64 = 0
            try wal.forEachRecord { record in
                records += 1
                sum &+= record.payload.loadUnaligned(as: UInt64.self)
            }
            let end = MonotonicClock.nanoseconds()
            try wal.close()
            guard records == written, sum == UInt64(written) * UInt64(written - 1) / 2 else {
                throw WALError.badSegment(path: directory, reason: "replay returned \(records) records of \(written) (sum \(sum))")
            }
            let seconds = Double(end - replayStart) / 1e9
            let measured = WALBenchResult.ReplayRound(
                openSeconds: Double(replayStart - openStart) / 1e9, replaySeconds: seconds,
                megabytesPerSecond: Double(walBytes) / 1e6 / seconds)
            rounds.append(measured)
            recordsPerSecond.append(Double(records) / seconds)
            progress(String(format: "round %d: replay %.0f MB/s (open %.3f s)", round, measured.megabytesPerSecond, measured.openSeconds))
        }
        return WALBenchResult.Replay(
            walBytes: walBytes, records: written, segments: segments, warmCache: true, rounds: rounds,
            megabytesPerSecond: Self.median(rounds.map(\.megabytesPerSecond)),
            recordsPerSecond: Self.median(recordsPerSecond), openSeconds: Self.median(rounds.map(\.openSeconds)))
    }
}
