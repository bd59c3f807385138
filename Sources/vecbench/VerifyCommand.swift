import ArgumentParser
import Foundation
import VectorCore
import VectorEngine
import VectorWAL

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Reopen the data and check every acknowledged point is there, exactly, and nothing unsent is.",
        discussion: """
            Reads the `ack` lines of --acked (as `vecbench load` prints them), reopens the engine and \
            prints `lost N phantom N checked N`. Exits 1 on any loss or phantom (or, with --batch, \
            an unacknowledged batch that is only partly present).
            """)

    @OptionGroup var engine: EngineOptions
    @Option(help: "Collection name.") var collection: String
    @Option(help: "The dataset file that was loaded.") var base: String
    @Option(help: "File with the `ack` lines of the load(s).") var acked: String
    @Option(name: .customLong("start-id"), help: "Id of the file's first row, as given to load.") var startID: UInt64 = 0
    @Option(help: "The load's batch size, to check unacknowledged batches are all-or-nothing.") var batch: Int?

    @Option(help: "WAL recovery policy: strict, tolerate-tail or skip-corrupt (see `load --help`).")
    var recovery: String = WALRecoveryPolicy.tolerateTail.rawValue

    func run() throws {
        try FaultInjection.installFromEnvironment()
        let vectors = try DatasetReader.readFloats(base)
        // Acknowledged ids must be ids of the file's rows: that bounds the set
        // (an ack line cannot make verify build a set of 2^64 ids).
        guard vectors.count > 0, !startID.addingReportingOverflow(UInt64(vectors.count - 1)).overflow else {
            throw ValidationError("--start-id \(startID) with \(vectors.count) rows of \(base) is not a range of ids")
        }
        let ids = startID...(startID + UInt64(vectors.count - 1))
        var acknowledged = Set<UInt64>()
        var lsnOfID: [UInt64: UInt64] = [:]
        let text = try String(contentsOfFile: acked, encoding: .utf8)
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let fields = line.split(separator: " ")
            guard fields.first == "ack" else { continue }
            guard fields.count == 6, let first = UInt64(fields[2]), let last = UInt64(fields[3]), first <= last,
                  let lsn = UInt64(fields[4]) else {
                throw ValidationError("\(acked):\(number + 1): malformed ack line '\(line)'")
            }
            guard fields[1] == collection else { continue }
            guard ids.contains(first), ids.contains(last) else {
                throw ValidationError("\(acked):\(number + 1): ids \(first)...\(last) are not ids of \(base) "
                    + "(\(ids.lowerBound)...\(ids.upperBound) with --start-id \(startID))")
            }
            for id in first...last {
                acknowledged.insert(id)
                lsnOfID[id] = lsn
            }
        }
        var configuration = try self.engine.engineConfiguration()
        configuration.wal.recoveryPolicy = try LoadCommand.recoveryPolicy(recovery)
        let engine = try Engine.open(configuration)
        let target = try engine.collection(collection)
        let recovery = target.walRecovery
        for line in LoadCommand.recoveryLines(recovery) { print(line) }
        let report = DurabilityCheck(sent: vectors, startID: startID, metric: target.configuration.metric, batchSize: batch)
            .run(collection: target, acknowledged: acknowledged)
        print(report)
        // Say which acknowledged writes a skipped corrupt range took.
        let skippedLSNs = recovery.corruptSkipped.map(\.lsns)
        let lostInSkips = report.lost.filter { id in lsnOfID[id].map { lsn in skippedLSNs.contains { $0.contains(lsn) } } ?? false }
        if !lostInSkips.isEmpty {
            print("lost-to-corruption \(lostInSkips.count) (acknowledged ids whose WAL records were skipped as corrupt)")
        }
        try engine.close()
        if !report.passed { throw ExitCode(1) }
    }
}
