import ArgumentParser
import Foundation
import VectorCore
import VectorEngine
import VectorIndex
import VectorStorage
import VectorWAL

struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Upsert a dataset file's vectors into a collection, printing each acknowledged batch.",
        discussion: """
            Point ids are --start-id + row. After each acknowledged batch one line \
            `ack <collection> <first-id> <last-id> <lsn> <durability>` goes to stdout, flushed at once, \
            so a parent process can keep a ledger of what was acknowledged (see `vecbench verify`). \
            The collection is created with the file's dimension if it does not exist.
            """)

    @OptionGroup var engine: EngineOptions
    @Option(help: "Collection name.") var collection: String
    @Option(help: "Vectors to load (.fvecs, .bvecs, .fbin, .u8bin).") var base: String
    @Option(help: "Points per upsert batch.") var batch: Int = 100
    @Option(name: .customLong("start-id"), help: "Id of the first row.") var startID: UInt64 = 0
    @Option(help: "Load only the first N rows.") var limit: Int?
    @Option(help: "Skip the first N rows (ids stay start-id + row), to resume a load.") var skip: Int = 0
    @Option(help: "Metric for a new collection: l2, ip, cosine.") var metric: String = "l2"
    @Option(name: .customLong("indexing-threshold"), help: "Points before a new collection seals its appendable segment.")
    var indexingThreshold: Int = 20_000
    @Option(help: "Sealed segment storage for a new collection: ram or mmap.") var storage: String = "mmap"
    @Option(help: "WAL recovery policy: strict, tolerate-tail (cut a torn tail) or skip-corrupt (skip corrupt records, reporting them).")
    var recovery: String = WALRecoveryPolicy.tolerateTail.rawValue

    func run() throws {
        try FaultInjection.installFromEnvironment()
        guard batch >= 1 else { throw ValidationError("--batch must be ≥ 1, got \(batch)") }
        guard skip >= 0 else { throw ValidationError("--skip must be ≥ 0, got \(skip)") }
        guard let metric = Metric(parsing: metric) else { throw ValidationError("--metric must be l2, ip or cosine") }
        guard let storage = StorageMode(parsing: storage) else { throw ValidationError("--storage must be ram or mmap") }
        let vectors = try DatasetReader.readFloats(base, options: .init(limit: limit))
        // Ids are start-id + row: the last row's id must exist.
        if vectors.count > 0, startID.addingReportingOverflow(UInt64(vectors.count - 1)).overflow {
            throw ValidationError("--start-id \(startID) with \(vectors.count) rows needs ids past \(UInt64.max), the largest id")
        }
        var configuration = try self.engine.engineConfiguration()
        configuration.wal.recoveryPolicy = try Self.recoveryPolicy(recovery)
        let engine = try Engine.open(configuration)
        let target: VectorEngine.Collection
        do {
            target = try engine.openOrCreateCollection(collection, configuration: CollectionConfiguration(
                dimension: vectors.dimension, metric: metric, storage: storage, indexingThreshold: indexingThreshold,
                maximumBatchSize: max(batch, 10_000)))
        } catch EngineError.invalidConfiguration(let text) {
            throw ValidationError("\(base) does not fit: \(text)")
        }
        for line in Self.recoveryLines(target.walRecovery) {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        var row = skip
        while row < vectors.count {
            let end = min(row + batch, vectors.count)
            let points = (row..<end).map { Point(id: startID + UInt64($0), vector: vectors.row($0)) }
            let ack = try target.upsert(points)
            let line = "ack \(collection) \(startID + UInt64(row)) \(startID + UInt64(end - 1)) \(ack.lastLSN) \(ack.durability.rawValue)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
            row = end
        }
        try engine.close()
    }

    /// Parses `--recovery`.
    static func recoveryPolicy(_ text: String) throws -> WALRecoveryPolicy {
        guard let policy = WALRecoveryPolicy(rawValue: text) else {
            throw ValidationError("--recovery must be strict, tolerate-tail or skip-corrupt, got '\(text)'")
        }
        return policy
    }

    /// What WAL recovery did that a user must hear about: a torn tail cut,
    /// records skipped as corrupt, LSNs advanced.
    static func recoveryLines(_ report: WALRecoveryReport) -> [String] {
        var lines: [String] = []
        if let torn = report.tornTail {
            lines.append("wal: torn tail cut at \(report.openSegmentPath) byte \(torn.offset) "
                + "(\(torn.bytesZeroed) bytes, \(torn.discardedRecords) records of an incomplete batch): \(torn.reason)")
        }
        for range in report.skipped { lines.append("wal: skipped \(range)") }
        return lines
    }
}
