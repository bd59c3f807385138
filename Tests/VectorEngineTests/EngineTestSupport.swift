import Foundation
import VectorCore
import VectorStorage
import VectorWAL
@testable import VectorEngine

/// A fresh data directory per test, removed afterwards.
final class TemporaryDirectory {
    let path: String
    init(_ label: String = "engine") {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("vb-\(label)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

enum EngineFixtures {
    static func configuration(_ directory: String, scope: WALScope = .perCollection, sync: WALSyncPolicy = .never,
                              sealConcurrency: Int? = 2, maximumOpen: Int = 512) -> EngineConfiguration {
        EngineConfiguration(dataDirectory: directory, walScope: scope,
                            wal: WALConfiguration(syncPolicy: sync, segmentBytes: 1 << 20, preallocate: false),
                            sealConcurrency: sealConcurrency, maximumOpenCollections: maximumOpen)
    }

    static func collection(dimension: Int = 8, threshold: Int = 200, perTenant: Bool = false,
                           storage: StorageMode = .mmap) -> CollectionConfiguration {
        CollectionConfiguration(dimension: dimension, metric: .l2, hnsw: .init(m: 8, efConstruction: 64),
                                storage: storage, advice: .random, indexingThreshold: threshold,
                                maximumBatchSize: 500, graphPerTenant: perTenant)
    }

    static func points(_ ids: Range<Int>, dimension: Int = 8, seed: UInt64 = 1, tenant: UInt32? = nil) -> [Point] {
        var generator = SeededGenerator(seed: seed &+ UInt64(ids.lowerBound))
        return ids.map { id in
            Point(id: UInt64(id), vector: (0..<dimension).map { _ in Float(generator.nextGaussian()) }, tenant: tenant)
        }
    }

    /// Exact nearest ids over a point set, for recall.
    static func exact(_ query: [Float], in points: [Point], k: Int) -> [UInt64] {
        let scored: [(distance: Float, id: UInt64)] = points.map { (Metric.l2.distance(query, $0.vector), $0.id) }
        let sorted = scored.sorted { a, b in a.distance < b.distance || (a.distance == b.distance && a.id < b.id) }
        return sorted.prefix(k).map { $0.id }
    }
}

/// The `vecbench` executable built beside the tests, run as a child (crash
/// and command-line regression tests).
enum VecbenchChild {
    struct Outcome {
        var status: Int32
        /// Killed by a signal (`status` is the signal).
        var signaled: Bool
        var stdout: String
        var stderr: String

        var ackLines: [String] { stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("ack ") } }
    }

    /// Runs `vecbench arguments…` to the end, with extra environment
    /// variables (e.g. `FaultInjection.environmentVariable`).
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try CrashTests.vecbenchBinary())
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both pipes to the end before waiting, so a chatty child never blocks.
        let errorData = Collected()
        let reader = Thread { errorData.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.done { usleep(1_000) }
        return Outcome(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                       stdout: String(decoding: outputData, as: UTF8.self), stderr: String(decoding: errorData.data, as: UTF8.self))
    }

    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var stored = Data()
        private var finished = false
        func set(_ data: Data) { lock.withLock { stored = data; finished = true } }
        var done: Bool { lock.withLock { finished } }
        var data: Data { lock.withLock { stored } }
    }
}

/// Files of a directory tree and their sizes (for WAL size bounds).
func bytesOfFiles(under directory: String, suffix: String) -> Int {
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return 0 }
    var total = 0
    while let name = enumerator.nextObject() as? String {
        guard name.hasSuffix(suffix) else { continue }
        let attributes = try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)
        total += (attributes?[.size] as? Int) ?? 0
    }
    return total
}

/// Flips `mask` into the byte at `offset` of a file.
func flipByte(_ path: String, at offset: Int, mask: UInt8 = 0x10) throws {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    bytes[offset] ^= mask
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// The WAL segment files of a WAL directory, oldest first.
func walSegments(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
        .filter { $0.hasSuffix(".wal") && !$0.hasPrefix(".") }.sorted().map { directory + "/" + $0 }
}
