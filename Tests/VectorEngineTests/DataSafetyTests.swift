import Foundation
import Testing
import VectorCore
import VectorWAL
@testable import VectorEngine

#if canImport(Glibc)
import Glibc
#endif

/// Regressions for acknowledged data that was lost or read back wrong
/// (issue 11): racing creators, a corrupt last WAL record, a lost WAL
/// directory, a lost collection.json, and id ranges that overflow.
@Suite("Data safety")
struct DataSafetyTests {
    /// Outcomes collected on several threads.
    final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var written: [Int: [Point]] = [:]
        private var refused: [Int: String] = [:]
        func wrote(_ thread: Int, _ points: [Point]) { lock.withLock { written[thread] = points } }
        func refused(_ thread: Int, _ reason: String) { lock.withLock { refused[thread] = reason } }
        var all: (written: [Int: [Point]], refused: [Int: String]) { lock.withLock { (written, refused) } }
    }

    @Test("two engines racing to create one new collection: one creates it, the other opens it or is refused; no ack is lost")
    func racingCreatorsInProcess() throws {
        for round in 0..<16 {
            let temporary = TemporaryDirectory("race")
            let path = temporary.path
            let dimensions = round % 2 == 0 ? [8, 8] : [8, 16]
            let outcomes = Outcomes()
            let group = DispatchGroup()
            for thread in 0..<2 {
                group.enter()
                Thread.detachNewThread {
                    defer { group.leave() }
                    do {
                        let engine = try Engine.open(EngineFixtures.configuration(path, sync: .always))
                        defer { try? engine.close() }
                        let collection = try engine.openOrCreateCollection(
                            "c", configuration: EngineFixtures.collection(dimension: dimensions[thread], threshold: 10_000))
                        let points = EngineFixtures.points(thread * 1000..<thread * 1000 + 40, dimension: dimensions[thread], seed: UInt64(thread))
                        _ = try collection.upsert(points)
                        outcomes.wrote(thread, points)
                    } catch {
                        outcomes.refused(thread, "\(error)")
                    }
                }
            }
            group.wait()
            let (written, refused) = outcomes.all
            #expect(!written.isEmpty, "round \(round): both refused: \(refused)")
            for (thread, reason) in refused {
                // The loser opened the winner's collection and found the WAL
                // in use, or was refused for asking another dimension.
                #expect(reason.contains("already open") || reason.contains("dimension \(dimensions[1 - thread])"),
                        "round \(round), thread \(thread): \(reason)")
            }
            let engine = try Engine.open(EngineFixtures.configuration(path))
            let collection = try engine.collection("c")
            for (thread, points) in written {
                #expect(collection.configuration.dimension == dimensions[thread])
                for point in points { #expect(collection.get(point.id)?.vector == point.vector, "round \(round), thread \(thread)") }
            }
            try engine.close()
        }
    }

    final class ChildOutcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var outcomes: [VecbenchChild.Outcome?] = [nil, nil]
        func set(_ index: Int, _ outcome: VecbenchChild.Outcome?) { lock.withLock { outcomes[index] = outcome } }
        var all: [VecbenchChild.Outcome?] { lock.withLock { outcomes } }
    }

    @Test("two `vecbench load`s racing on one new collection: the winner's acknowledged points read back exactly")
    func racingLoads() throws {
        for round in 0..<3 {
            let directory = TemporaryDirectory("race-cli")
            let data = directory.path + "/data"
            var bases: [String] = []
            var sets: [DenseMatrix<Float>] = []
            for (index, dimension) in [8, 16].enumerated() {
                let vectors = ClusteredDatasetGenerator(count: 300, dimension: dimension, clusters: 4, queries: 1, seed: UInt64(round * 2 + index)).generate().base
                let path = directory.path + "/base-\(index).fvecs"
                try DatasetWriter.write(vectors, to: path)
                bases.append(path)
                sets.append(vectors)
            }
            let results = ChildOutcomes()
            let group = DispatchGroup()
            for index in 0..<2 {
                group.enter()
                let base = bases[index]
                Thread.detachNewThread {
                    defer { group.leave() }
                    let outcome = try? VecbenchChild.run(["load", "--data", data, "--collection", "c", "--base", base, "--batch", "50",
                                                          "--start-id", "\(index * 10_000)"])
                    results.set(index, outcome)
                }
            }
            group.wait()
            let outcomes = results.all
            let engine = try Engine.open(EngineConfiguration(dataDirectory: data))
            let collection = try engine.collection("c")
            for (index, outcome) in outcomes.enumerated() {
                guard let outcome else { Issue.record("round \(round): child \(index) did not run"); continue }
                #expect(!outcome.signaled, "round \(round): child \(index) crashed: \(outcome.stderr)")
                if outcome.status != 0 {
                    #expect(outcome.stderr.contains("dimension") || outcome.stderr.contains("already open"),
                            "round \(round): child \(index): \(outcome.stderr)")
                }
                var acknowledged = Set<UInt64>()
                for line in outcome.ackLines {
                    let fields = line.split(separator: " ")
                    for id in UInt64(fields[2])!...UInt64(fields[3])! { acknowledged.insert(id) }
                }
                guard !acknowledged.isEmpty else { continue }
                #expect(collection.configuration.dimension == sets[index].dimension)
                for id in acknowledged {
                    #expect(collection.get(id)?.vector == sets[index].row(Int(id) - index * 10_000), "round \(round): id \(id)")
                }
            }
            try engine.close()
        }
    }

    /// A collection with 10 acknowledged batches of 10 points in its WAL
    /// (nothing sealed); returns the points and the WAL directory.
    static func tenBatches(_ directory: String) throws -> (points: [Point], wal: String) {
        let engine = try Engine.open(EngineFixtures.configuration(directory, sync: .always))
        let collection = try engine.createCollection("c", configuration: EngineFixtures.collection(threshold: 10_000))
        var points: [Point] = []
        for batch in 0..<10 {
            let some = EngineFixtures.points(batch * 10..<batch * 10 + 10)
            #expect(try collection.upsert(some).lastLSN == UInt64(batch + 1))
            points += some
        }
        try engine.close()
        return (points, directory + "/collections/c/wal")
    }

    @Test("a flipped byte in the last acknowledged WAL record is refused as corruption, or skipped and reported; its LSN is never reused")
    func corruptLastRecord() throws {
        let directory = TemporaryDirectory("corrupt-last")
        let (points, wal) = try Self.tenBatches(directory.path)
        // Upserts of 10 points of dimension 8: 16 + 10·8 + 10·32 payload bytes, 440 on disk.
        let segment = walSegments(wal).last!
        let last = WALSegmentHeader.byteCount + 9 * WALRecord.encodedSize(payloadBytes: 416)
        try flipByte(segment, at: last + 16 + 200)
        do {
            let engine = try Engine.open(EngineFixtures.configuration(directory.path))
            _ = try engine.collection("c")
            Issue.record("a corrupt acknowledged record was accepted")
        } catch {
            let text = "\(error)"
            #expect(text.contains(segment) && text.contains("LSN 10") && text.contains("corruption"), "\(text)")
        }
        var skipping = EngineFixtures.configuration(directory.path)
        skipping.wal.recoveryPolicy = .skipCorrupt
        let engine = try Engine.open(skipping)
        let collection = try engine.collection("c")
        let skipped = collection.walRecovery.corruptSkipped
        #expect(skipped.count == 1 && skipped[0].lsns.contains(10), "\(skipped)")
        for point in points.prefix(90) { #expect(collection.get(point.id)?.vector == point.vector) }
        let fresh = EngineFixtures.points(500..<501, seed: 7)
        let ack = try collection.upsert(fresh)
        #expect(ack.lastLSN > skipped[0].lsns.upperBound)
        try engine.close()
        let again = try Engine.open(EngineFixtures.configuration(directory.path))
        #expect(try again.collection("c").get(500)?.vector == fresh[0].vector)
        #expect(try again.collection("c").walRecovery.corruptSkipped.map(\.reason) == [.corruptSkippedEarlier])
        try again.close()
    }

    @Test("with the WAL directory deleted, new writes get LSNs above every sealed version and are not ignored",
          arguments: [WALScope.perCollection, .shared])
    func lostWALDirectory(scope: WALScope) throws {
        let directory = TemporaryDirectory("lost-wal")
        do {
            let engine = try Engine.open(EngineFixtures.configuration(directory.path, scope: scope, sync: .always))
            let collection = try engine.createCollection("c", configuration: EngineFixtures.collection(threshold: 50))
            for batch in 0..<10 { _ = try collection.upsert(EngineFixtures.points(batch * 10..<batch * 10 + 10)) }
            engine.waitForSeals()
            try engine.close()
        }
        let walDirectory = directory.path + (scope == .shared ? "/wal" : "/collections/c/wal")
        try FileManager.default.removeItem(atPath: walDirectory)
        let fresh = EngineFixtures.points(3..<4, seed: 99)
        do {
            let engine = try Engine.open(EngineFixtures.configuration(directory.path, scope: scope, sync: .always))
            let collection = try engine.collection("c")
            let ack = try collection.upsert(fresh)
            #expect(ack.lastLSN > 10)
            #expect(collection.get(3)?.vector == fresh[0].vector)
            try engine.close()
        }
        let engine = try Engine.open(EngineFixtures.configuration(directory.path, scope: scope))
        #expect(try engine.collection("c").get(3)?.vector == fresh[0].vector)
        #expect(try engine.collection("c").get(4)?.vector == EngineFixtures.points(0..<10)[4].vector)
        try engine.close()
    }

    @Test("with collection.json deleted, a new collection is not created over the old data")
    func lostCollectionManifest() throws {
        let directory = TemporaryDirectory("lost-manifest")
        _ = try Self.tenBatches(directory.path)
        let manifest = directory.path + "/collections/c/collection.json"
        try FileManager.default.removeItem(atPath: manifest)
        let engine = try Engine.open(EngineFixtures.configuration(directory.path))
        #expect(throws: EngineError.self) {
            _ = try engine.openOrCreateCollection("c", configuration: EngineFixtures.collection(dimension: 16))
        }
        do {
            _ = try engine.createCollection("c", configuration: EngineFixtures.collection(dimension: 16))
            Issue.record("a collection was created over another's data")
        } catch {
            #expect("\(error)".contains(manifest), "\(error)")
        }
        try engine.close()
    }

    @Test("replay refuses a record of another dimension, naming WAL path, byte offset and LSN")
    func replayChecksDimension() throws {
        let directory = TemporaryDirectory("replay-dimension")
        let (_, wal) = try Self.tenBatches(directory.path)
        // collection.json now says 16 (restored from elsewhere, or damaged).
        let manifest = directory.path + "/collections/c/collection.json"
        var entry = try JSONDecoder().decode(CatalogEntry.self, from: Data(contentsOf: URL(fileURLWithPath: manifest)))
        entry.configuration.dimension = 16
        try JSONFile.write(entry, to: manifest)
        let engine = try Engine.open(EngineFixtures.configuration(directory.path))
        do {
            _ = try engine.collection("c")
            Issue.record("records of dimension 8 were replayed into dimension 16")
        } catch {
            let text = "\(error)"
            #expect(text.contains(walSegments(wal).first!) && text.contains("byte 64") && text.contains("LSN 1")
                    && text.contains("dimension 8"), "\(text)")
        }
        try engine.close()
    }

    @Test("load --start-id near 2^64 and verify with an ack range up to 2^64-1 are clear errors, not a trap or a huge set")
    func idRanges() throws {
        let directory = TemporaryDirectory("ids")
        let base = directory.path + "/base.fvecs"
        try DatasetWriter.write(ClusteredDatasetGenerator(count: 2, dimension: 4, clusters: 1, queries: 1, seed: 1).generate().base, to: base)
        let data = directory.path + "/data"
        let load = try VecbenchChild.run(["load", "--data", data, "--collection", "c", "--base", base,
                                          "--start-id", "\(UInt64.max)"])
        #expect(!load.signaled && load.status != 0 && load.stderr.contains("--start-id"), "\(load.status) \(load.stderr)")
        let ok = try VecbenchChild.run(["load", "--data", data, "--collection", "c", "--base", base])
        #expect(ok.status == 0 && ok.ackLines.count == 1, "\(ok.stderr)")
        let acked = directory.path + "/acked"
        try "ack c 0 \(UInt64.max) 1 durable\n".write(toFile: acked, atomically: true, encoding: .utf8)
        let verify = try VecbenchChild.run(["verify", "--data", data, "--collection", "c", "--base", base, "--acked", acked])
        #expect(!verify.signaled && verify.status != 0 && verify.stderr.contains("not ids of"), "\(verify.status) \(verify.stderr)")
    }
}
