import Foundation
import Testing
import VectorCore
import VectorWAL
@testable import VectorEngine

#if canImport(Glibc)
import Glibc
#endif

/// The crash and corruption matrix (issue 11). Every cell ends in one of
/// two states: every acknowledged write present with its exact vector, or a
/// clear refusal that names the damaged file.
@Suite("Crash and corruption matrix", .serialized)
struct CrashMatrixTests {
    // MARK: Kills at named points

    /// A named point where the `vecbench load` child kills itself
    /// (`FaultInjection` rule, debug builds).
    struct KillPoint: CustomStringConvertible, Sendable {
        var name: String
        var rule: String
        var description: String { name }
    }

    static let killPoints: [KillPoint] = [
        KillPoint(name: "append: before a WAL pwrite", rule: "pwrite:.wal$#7=kill"),
        KillPoint(name: "sync: before a WAL fdatasync", rule: "fdatasync:.wal$#6=kill"),
        KillPoint(name: "seal: writing a graph file", rule: "rename:/graph-0.vbs$#0=kill"),
        KillPoint(name: "seal: segment published, not installed", rule: "fsync:/collections/c/segments$#0=kill"),
        KillPoint(name: "seal: second piece published", rule: "fsync:/collections/c/segments$#1=kill"),
        KillPoint(name: "manifest write: engine.json", rule: "rename:engine.json$#0=kill"),
        KillPoint(name: "manifest write: collection.json", rule: "rename:collection.json$#0=kill"),
        KillPoint(name: "recovery: syncing the recovered WAL", rule: "fdatasync:.wal$#0=kill"),
    ]

    @Test("kill at a named point, reopen: every acknowledged write is there, or a clear refusal names the file", arguments: killPoints)
    func kill(at point: KillPoint) throws {
        #if DEBUG
        let directory = TemporaryDirectory("kill-matrix")
        let data = directory.path + "/data", base = directory.path + "/base.fvecs"
        let vectors = ClusteredDatasetGenerator(count: 400, dimension: 8, clusters: 6, queries: 1, seed: 11).generate().base
        try DatasetWriter.write(vectors, to: base)
        let load = ["load", "--data", data, "--collection", "c", "--base", base, "--batch", "50", "--indexing-threshold", "200"]
        var ledger = Set<UInt64>()
        func account(_ outcome: VecbenchChild.Outcome) {
            for line in outcome.ackLines {
                let fields = line.split(separator: " ")
                for id in UInt64(fields[2])!...UInt64(fields[3])! { ledger.insert(id) }
            }
        }
        if point.name.hasPrefix("recovery") {
            // Something to recover first: a finished load, then a crash in the next one's recovery.
            let first = try VecbenchChild.run(load + ["--limit", "300"])
            #expect(first.status == 0, "\(first.stderr)")
            account(first)
        }
        let killed = try VecbenchChild.run(load, environment: [FaultInjection.environmentVariable: point.rule])
        #expect(killed.signaled && killed.status == SIGKILL, "\(point): the child was not killed there (\(killed.status)): \(killed.stderr)")
        account(killed)
        try Self.checkOrRefusal(data: data, vectors: vectors, ledger: ledger, cell: point.name)
        // And the next load goes on from there.
        let next = try VecbenchChild.run(load)
        #expect(next.status == 0, "\(point): the load after the kill failed: \(next.stderr)")
        account(next)
        try Self.checkOrRefusal(data: data, vectors: vectors, ledger: ledger, cell: point.name + ", after the next load")
        #endif
    }

    /// Reopens and checks the ledger; a refusal must name a file.
    static func checkOrRefusal(data: String, vectors: DenseMatrix<Float>, ledger: Set<UInt64>, cell: String,
                               damaged: String? = nil) throws {
        do {
            let engine = try Engine.open(EngineConfiguration(dataDirectory: data))
            defer { try? engine.close() }
            guard engine.collectionNames.contains("c") || !ledger.isEmpty else { return }
            let collection = try engine.collection("c")
            let report = DurabilityCheck(sent: vectors, startID: 0, metric: .l2, batchSize: nil)
                .run(collection: collection, acknowledged: ledger)
            #expect(report.passed, "\(cell): \(report) lost \(report.lost.prefix(5)) wrong \(report.wrongVector.prefix(5))")
        } catch {
            let text = "\(error)"
            if let damaged {
                #expect(text.contains(damaged), "\(cell): the refusal does not name \(damaged): \(text)")
            } else {
                Issue.record("\(cell): refused after a kill, which must never damage acknowledged data: \(text)")
            }
        }
    }

    // MARK: Flipped bytes at named offsets

    /// A file kind and a named offset in it.
    struct Flip: CustomStringConvertible, Sendable {
        var name: String
        /// Path relative to the data directory.
        var file: String
        /// Byte offset; negative counts from the end.
        var offset: Int
        var description: String { name }
    }

    /// The template: dimension 8, 8 batches of 20 acknowledged points; the
    /// first 6 batches sealed (in pieces of 50), the last 2 only in the WAL.
    /// Upserts of 20 points: 16 + 20·8 + 20·32 payload bytes.
    static let recordBytes = WALRecord.encodedSize(payloadBytes: 16 + 20 * 8 + 20 * 32)
    static let wal = "collections/c/wal/00000000000000000001.wal"
    static func record(_ index: Int) -> Int { WALSegmentHeader.byteCount + index * recordBytes }

    static let flips: [Flip] = [
        Flip(name: "WAL segment header: magic", file: wal, offset: 0),
        Flip(name: "WAL segment header: first LSN", file: wal, offset: 24),
        Flip(name: "WAL segment header: salt", file: wal, offset: 32),
        Flip(name: "WAL segment header: CRC", file: wal, offset: 60),
        Flip(name: "WAL record header: length, first record", file: wal, offset: record(0) + 1),
        Flip(name: "WAL record header: LSN, middle record", file: wal, offset: record(3) + 8),
        Flip(name: "WAL record header: length, last record", file: wal, offset: record(7) + 1),
        Flip(name: "WAL record header: LSN, last record", file: wal, offset: record(7) + 8),
        Flip(name: "WAL record payload: first record", file: wal, offset: record(0) + 40),
        Flip(name: "WAL record payload: last record", file: wal, offset: record(7) + 300),
        Flip(name: "WAL record CRC: last record", file: wal, offset: record(8) - 2),
        Flip(name: "sealed segment: points.vbs header", file: "collections/c/segments/*/points.vbs", offset: 8),
        Flip(name: "sealed segment: points.vbs last byte", file: "collections/c/segments/*/points.vbs", offset: -1),
        Flip(name: "sealed segment: graph file middle", file: "collections/c/segments/*/graph-0.vbs", offset: -700),
        Flip(name: "manifest JSON: collection.json", file: "collections/c/collection.json", offset: 0),
        Flip(name: "manifest JSON: engine.json", file: "engine.json", offset: 3),
    ]

    /// Builds the data the flips damage.
    static func makeTemplate(_ path: String) throws -> [Point] {
        let engine = try Engine.open(EngineFixtures.configuration(path, sync: .always, sealConcurrency: 1))
        let collection = try engine.createCollection("c", configuration: EngineFixtures.collection(threshold: 50))
        var points: [Point] = []
        for batch in 0..<8 {
            if batch == 6 { engine.waitForSeals() }
            let some = EngineFixtures.points(batch * 20..<batch * 20 + 20)
            _ = try collection.upsert(some)
            points += some
        }
        try engine.close()
        return points
    }

    @Test("flip a byte at a named offset of each file kind: every acknowledged write is there, or a refusal names the file",
          arguments: flips)
    func flip(_ flip: Flip) throws {
        let directory = TemporaryDirectory("flip-matrix")
        let data = directory.path + "/data"
        let points = try Self.makeTemplate(data)
        // `*` is the first sealed segment (numbers depend on seal timing).
        let segments = try FileManager.default.contentsOfDirectory(atPath: data + "/collections/c/segments").sorted()
        #expect(segments.count >= 3, "the template has \(segments.count) sealed segments")
        let path = data + "/" + flip.file.replacingOccurrences(of: "*", with: segments.first ?? "")
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        try flipByte(path, at: flip.offset >= 0 ? flip.offset : size + flip.offset)
        let vectors = DenseMatrix(count: points.count, dimension: 8, elements: points.flatMap(\.vector))
        try Self.checkOrRefusal(data: data, vectors: vectors, ledger: Set(points.map(\.id)), cell: flip.name,
                                damaged: String(flip.file.split(separator: "/").last!))
    }
}
