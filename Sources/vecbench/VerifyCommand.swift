import ArgumentParser
import Foundation
import VectorCore
import VectorEngine

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

    func run() throws {
        let vectors = try DatasetReader.readFloats(base)
        var acknowledged = Set<UInt64>()
        let text = try String(contentsOfFile: acked, encoding: .utf8)
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let fields = line.split(separator: " ")
            guard fields.first == "ack" else { continue }
            guard fields.count == 6, let first = UInt64(fields[2]), let last = UInt64(fields[3]), first <= last else {
                throw ValidationError("\(acked):\(number + 1): malformed ack line '\(line)'")
            }
            guard fields[1] == collection else { continue }
            for id in first...last { acknowledged.insert(id) }
        }
        let engine = try Engine.open(try self.engine.engineConfiguration())
        let target = try engine.collection(collection)
        let report = DurabilityCheck(sent: vectors, startID: startID, metric: target.configuration.metric, batchSize: batch)
            .run(collection: target, acknowledged: acknowledged)
        print(report)
        try engine.close()
        if !report.passed { throw ExitCode(1) }
    }
}
