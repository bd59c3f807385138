import TestSupport
import Foundation
import Testing
import VectorCore
import VectorIndex
@testable import VectorEngine

#if canImport(Glibc)
import Glibc
#endif

/// Crash tests that re-run the real binary as a child (as qdrant/wal does):
/// `vecbench load` with `fsync always`, killed with SIGKILL at random points,
/// reopened after every kill.
@Suite("Crash recovery", .serialized)
struct CrashTests {
    /// The vecbench executable built beside this test bundle.
    static func vecbenchBinary() throws -> String { try VecbenchExecutable.path() }

    struct CrashTestError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    @Test("kill -9 at random points, 25 times: nothing acknowledged is lost, nothing unsent appears, batches stay whole")
    func killNine() throws {
        let binary = try Self.vecbenchBinary()
        let directory = TemporaryDirectory("crash")
        let data = directory.path + "/data", base = directory.path + "/base.fvecs"
        let vectors = ClusteredDatasetGenerator(count: 30_000, dimension: 16, clusters: 20, queries: 1, seed: 3).generate().base
        try DatasetWriter.write(vectors, to: base)
        let batch = 50
        var acknowledged = Set<UInt64>()
        var generator = SeededGenerator(seed: 2026)
        var kills = 0, completedRuns = 0
        var resume = 0
        for run in 0..<25 {
            // A finished pass starts again from row 0: the same ids with the
            // same vectors (new versions), so kills keep landing in loads,
            // seals and closes.
            if resume >= vectors.count { resume = 0 }
            let child = Process()
            child.executableURL = URL(fileURLWithPath: binary)
            child.arguments = ["load", "--data", data, "--collection", "c", "--base", base, "--batch", "\(batch)",
                               "--fsync", "always", "--skip", "\(resume)", "--indexing-threshold", "2000"]
            let output = Pipe()
            child.standardOutput = output
            child.standardError = FileHandle.nullDevice
            let reader = FirstLineWatch(output.fileHandleForReading)
            try child.run()
            // Until enough is acknowledged, every third run waits for the
            // first ack, so the test makes progress however loaded the
            // machine is; the others count from the start, so kills also
            // land in recovery and start-up.
            if run % 3 == 2, acknowledged.count < 1000 { reader.waitForFirstLine(orExitOf: child) }
            let delay = 30_000 + Int(generator.next() % 400_000)
            usleep(UInt32(delay))
            if child.isRunning {
                kill(child.processIdentifier, SIGKILL)
                kills += 1
            } else {
                completedRuns += 1
            }
            child.waitUntilExit()
            let text = String(decoding: reader.waitForEnd(), as: UTF8.self)
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard fields.count == 6, fields[0] == "ack", let first = UInt64(fields[2]), let last = UInt64(fields[3]) else { continue }
                for id in first...last { acknowledged.insert(id) }
                resume = Int(last) + 1
            }
            // Reopen and check against the ledger.
            let engine = try Engine.open(EngineConfiguration(dataDirectory: data))
            // A kill before the first load created the collection leaves nothing to check.
            guard engine.collectionNames.contains("c") || !acknowledged.isEmpty else {
                try engine.close()
                continue
            }
            let collection = try engine.collection("c")
            let report = DurabilityCheck(sent: vectors, startID: 0, metric: .l2, batchSize: batch)
                .run(collection: collection, acknowledged: acknowledged)
            #expect(report.passed, "run \(run) after a kill at \(delay) µs: \(report) lost \(report.lost.prefix(5)) phantom \(report.phantom.prefix(5)) partial \(report.partialBatches.prefix(3))")
            try engine.close()
        }
        #expect(kills >= 20, "only \(kills) kills happened (\(completedRuns) runs finished first)")
        #expect(acknowledged.count >= 1000, "the loads acknowledged only \(acknowledged.count) points")
    }
}

/// Reads a child's stdout on its own thread, so the parent can wait for the
/// first complete line before it starts the kill timer.
final class FirstLineWatch: @unchecked Sendable {
    private let condition = NSCondition()
    private var data = Data()
    private var ended = false

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                condition.lock()
                if chunk.isEmpty { ended = true } else { data.append(chunk) }
                condition.broadcast()
                condition.unlock()
                if chunk.isEmpty { return }
            }
        }
    }

    /// Returns once a line is complete, the output ended, or the child exited.
    func waitForFirstLine(orExitOf child: Process) {
        condition.lock()
        defer { condition.unlock() }
        while !ended, !data.contains(UInt8(ascii: "\n")), child.isRunning {
            _ = condition.wait(until: Date().addingTimeInterval(0.05))
        }
    }

    /// Everything the child wrote, once its output ended.
    func waitForEnd() -> Data {
        condition.lock()
        defer { condition.unlock() }
        while !ended { condition.wait() }
        return data
    }
}
