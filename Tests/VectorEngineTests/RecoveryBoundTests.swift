import Foundation
import Testing
import VectorCore
import VectorWAL
@testable import VectorEngine

#if canImport(Glibc)
import Glibc
#endif

/// Recovery under repeated kills (issue 11): a long unsealed backlog is
/// sealed in pieces, each piece that completes survives the next kill and
/// lets the WAL shrink, and once the backlog is sealed the WAL is within its
/// stated bound (unsealed records plus two WAL segments).
@Suite("Bounded recovery", .serialized)
struct RecoveryBoundTests {
    static let segmentBytes = 32 << 10
    static let threshold = 200
    static let dimension = 32

    static func sealedSegmentCount(_ data: String) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: data + "/collections/c/segments")) ?? [])
            .filter { $0.hasPrefix("segment-") && !$0.hasSuffix(".tmp") }.count
    }

    @Test("kills during recovery: every run seals pieces that survive the kill, the WAL shrinks, and ends within its bound")
    func killDuringRecovery() throws {
        let directory = TemporaryDirectory("bounded")
        let data = directory.path + "/data"
        let configuration = EngineConfiguration(
            dataDirectory: data, wal: WALConfiguration(syncPolicy: .never, segmentBytes: Self.segmentBytes, preallocate: false))
        // A backlog: 2400 acknowledged points, none sealed (every seal fails).
        var points: [Point] = []
        do {
            let failing = FaultInjection.install(.init(operation: "rename", pathPrefix: data, errno: EIO, pathContains: "/segments/segment-"))
            defer { FaultInjection.remove(failing) }
            let engine = try Engine.open(configuration)
            let collection = try engine.createCollection("c", configuration: CollectionConfiguration(
                dimension: Self.dimension, hnsw: .init(m: 8, efConstruction: 32), indexingThreshold: Self.threshold))
            for batch in 0..<24 {
                let some = EngineFixtures.points(batch * 100..<batch * 100 + 100, dimension: Self.dimension)
                _ = try collection.upsert(some)
                points += some
            }
            try engine.close()
        }
        #if DEBUG
        #expect(Self.sealedSegmentCount(data) == 0)
        let base = directory.path + "/one.fvecs"
        try DatasetWriter.write(DenseMatrix(count: 1, dimension: Self.dimension, elements: points[0].vector), to: base)
        let arguments = ["load", "--data", data, "--collection", "c", "--base", base, "--skip", "1", "--fsync", "never"]
        var walBytes = bytesOfFiles(under: data + "/collections/c/wal", suffix: ".wal")
        for run in 0..<3 {
            // Die right after the second piece of this run is published.
            let child = try VecbenchChild.run(arguments, environment: [
                FaultInjection.environmentVariable: "fsync:/collections/c/segments$#1=kill"])
            #expect(child.signaled && child.status == SIGKILL, "run \(run): not killed during recovery: \(child.status) \(child.stderr)")
            #expect(Self.sealedSegmentCount(data) == 2 * (run + 1), "run \(run): pieces sealed before the kill were lost")
            let now = bytesOfFiles(under: data + "/collections/c/wal", suffix: ".wal")
            #expect(now < walBytes, "run \(run): the WAL did not shrink (\(walBytes) → \(now) bytes)")
            walBytes = now
        }
        let finished = try VecbenchChild.run(arguments)
        #expect(finished.status == 0 && !finished.signaled, "\(finished.stderr)")
        #expect(Self.sealedSegmentCount(data) == 2400 / Self.threshold)
        // Everything sealed: the WAL holds no record anyone needs, within
        // the stated bound of two WAL segments.
        let finalBytes = bytesOfFiles(under: data + "/collections/c/wal", suffix: ".wal")
        #expect(finalBytes <= 2 * Self.segmentBytes, "WAL holds \(finalBytes) bytes after the backlog was sealed")
        #endif
        let engine = try Engine.open(configuration)
        let collection = try engine.collection("c")
        for point in points { #expect(collection.get(point.id)?.vector == point.vector) }
        try engine.close()
    }

    @Test("a frozen segment is sealed in pieces of the threshold, and the WAL behind each piece is truncated")
    func piecesTruncate() throws {
        let directory = TemporaryDirectory("pieces")
        let configuration = EngineConfiguration(
            dataDirectory: directory.path, wal: WALConfiguration(syncPolicy: .never, segmentBytes: Self.segmentBytes, preallocate: false),
            sealConcurrency: 1)
        var points: [Point] = []
        do {
            let failing = FaultInjection.install(.init(
                operation: "rename", pathPrefix: directory.path, errno: EIO, pathContains: "/segments/segment-"))
            let engine = try Engine.open(configuration)
            let collection = try engine.createCollection("c", configuration: CollectionConfiguration(
                dimension: Self.dimension, hnsw: .init(m: 8, efConstruction: 32), indexingThreshold: Self.threshold))
            for batch in 0..<10 {
                let some = EngineFixtures.points(batch * 100..<batch * 100 + 100, dimension: Self.dimension)
                _ = try collection.upsert(some)
                points += some
            }
            try engine.close()
            FaultInjection.remove(failing)
        }
        #if DEBUG
        let before = bytesOfFiles(under: directory.path + "/collections/c/wal", suffix: ".wal")
        #expect(Self.sealedSegmentCount(directory.path) == 0 && before > 4 * Self.segmentBytes, "\(before) bytes, \(Self.sealedSegmentCount(directory.path)) segments")
        let engine = try Engine.open(configuration)
        let collection = try engine.collection("c")
        engine.waitForSeals()
        #expect(Self.sealedSegmentCount(directory.path) == 1000 / Self.threshold)
        #expect(collection.statistics().sealedSegments == 1000 / Self.threshold)
        let after = bytesOfFiles(under: directory.path + "/collections/c/wal", suffix: ".wal")
        #expect(after <= 2 * Self.segmentBytes && after < before, "WAL \(before) → \(after) bytes")
        for point in points { #expect(collection.get(point.id)?.vector == point.vector) }
        try engine.close()
        #endif
    }
}
