import ArgumentParser
import Foundation
import VectorCore
import VectorWAL

/// The child of the WAL kill -9 crash test (Tests/VectorWALTests/WALCrashTests):
/// appends with `fsync always` from several threads until killed, printing
/// one line per acknowledgement, written and flushed the moment the ack
/// returns:
///
///     ack <first-lsn> <last-lsn> <run> <thread> <first-sequence>
///
/// Record i of that ack carries `WALTorturePayload.bytes(run, thread, first-sequence + i)`
/// (the crash test checks the same bytes). Hidden from help: a test tool.
struct WALTortureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wal-torture",
        abstract: "Append to a WAL with fsync always until killed, printing each acknowledgement (crash-test child).",
        shouldDisplay: false)

    @Option(help: "WAL directory.") var dir: String
    @Option(name: .customLong("run"), help: "Run number, written into every payload.") var runNumber: UInt32
    @Option(help: "Writer threads.") var threads: Int = 4
    @Option(name: .customLong("segment-bytes"), help: "WAL segment size (small, so kills land around rolls too).")
    var segmentBytes: Int = 64 << 10
    @Option(help: "Largest batch; a writer alternates single records and batches of 2...N.") var batch: Int = 4
    @Option(help: "Stop after this many seconds if nobody killed us.") var seconds: Double = 60

    func run() throws {
        let wal = try WriteAheadLog.open(
            directory: dir, configuration: WALConfiguration(syncPolicy: .always, segmentBytes: segmentBytes))
        let deadline = Date().addingTimeInterval(seconds)
        let runNumber = runNumber, maximumBatch = max(1, batch)
        let group = DispatchGroup()
        for thread in 0..<threads {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                var sequence: UInt64 = 0
                var round = 0
                while Date() < deadline {
                    let count = round % 3 == 2 ? 2 + round % max(1, maximumBatch - 1) : 1
                    var batch = WALBatch()
                    for index in 0..<count {
                        batch.append(kind: UInt8(thread), payload: WALTorturePayload.bytes(run: runNumber, thread: UInt32(thread), sequence: sequence + UInt64(index)))
                    }
                    do {
                        let ack = try wal.append(batch)
                        Self.emit("ack \(ack.firstLSN) \(ack.lastLSN) \(runNumber) \(thread) \(sequence)\n")
                    } catch {
                        Self.emit("error \(error)\n")
                        return
                    }
                    sequence += UInt64(count)
                    round += 1
                }
            }
        }
        group.wait()
        try wal.close()
    }

    /// One write(2) per line, so lines from different threads never interleave
    /// and an acknowledged line is in the pipe before the next append starts.
    static func emit(_ line: String) {
        var bytes = Array(line.utf8)
        let count = bytes.count
        _ = try? bytes.withUnsafeMutableBytes { raw in
            try SystemCall.run("write", path: "stdout") { Glibc.write(1, raw.baseAddress, count) }
        }
    }
}
