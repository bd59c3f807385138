import ArgumentParser
import BenchModel
import BenchReport
import BenchRunner
import Foundation
import HardwareCounters
import VectorCore
import Workloads

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a workload against every configuration it names and compare them.",
        discussion: """
            Each configuration runs in a child process of its own (so its memory readings are its own \
            and a crash fails only it), with a fresh data directory, the initial load and then every phase. \
            Writes reports/<run-id>/result.json (schema vecbench.run/2) and summary.txt, points \
            reports/latest at it, and prints the comparison. A workload with a `sweep:` runs every configuration once \
            per swept value into the same document, each record carrying its value. Exits 1 when any configuration failed \
            (its reason is in the document and on stderr); the others still run.
            """)

    @Argument(help: "Workload file (YAML or JSON), e.g. workloads/default.yaml.") var workload: String
    @Option(help: "Directory for run reports.") var out: String = "reports"
    @Option(help: "Where configurations keep their data while they run.") var scratch: String = "data/runs"
    @Option(help: "Run every configuration this many times (for medians in `check`).") var `repeat`: Int = 1
    @Option(help: "Counters per phase (perf/libpfm4 names, comma-separated), or 'none'.") var events: String = "default"
    @Option(name: .customLong("open-loop-threads"), help: "Threads issuing open-loop operations.") var openLoopThreads: Int = 16
    @Flag(name: .customLong("keep-data"), help: "Keep each configuration's data directory.") var keepData = false
    @Flag(name: .customLong("in-process"), help: "Run every configuration in this process instead of a child each.")
    var inProcess = false

    func run() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be ≥ 1, got \(`repeat`)") }
        let workload = try WorkloadFile.load(path: self.workload)
        try workload.checkRunSize(repetitions: `repeat`)
        let eventList: [String]
        switch events {
        case "none": eventList = []
        case "default": eventList = EventCatalog.defaultEvents
        default: eventList = EventCatalog.parseList(events)
        }
        let fileBytes = try Data(contentsOf: URL(fileURLWithPath: self.workload))
        let fileHash = String(format: "%08x", fileBytes.withUnsafeBytes { CRC32C.checksum($0) })
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let runID = "\(workload.name)-\(formatter.string(from: Date()))"
        let printer = RunProgressPrinter()
        let ownExecutable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let runner = WorkloadRunner(workload: workload, options: .init(
            scratchDirectory: scratch + "/" + runID, repetitions: `repeat`, events: eventList,
            openLoopThreads: openLoopThreads, keepData: keepData,
            configurationProcess: inProcess ? nil
                : ConfigurationProcess(executable: ownExecutable, workloadPath: self.workload,
                                       arguments: RunConfigurationCommand.arguments(specificationPath:))))
        let result = try runner.run(runID: runID, fileHash: fileHash) { printer.handle($0) }
        if !keepData { try? FileManager.default.removeItem(atPath: scratch + "/" + runID) }

        let directory = out + "/" + runID
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let document = try ResultDocumentEncoder.encode(result)
        try AtomicFileWriter.write(to: directory + "/result.json") { writer in try document.withUnsafeBytes { try writer.append($0) } }
        let summary = RunReport.text(result)
        try AtomicFileWriter.write(to: directory + "/summary.txt") { writer in try Data(summary.utf8).withUnsafeBytes { try writer.append($0) } }
        let latest = out + "/latest"
        try? FileManager.default.removeItem(atPath: latest)
        try FileManager.default.createSymbolicLink(atPath: latest, withDestinationPath: runID)
        print(summary, terminator: "")
        print("result: \(directory)/result.json")
        let failed = result.configurations.filter { if case .failed = $0.status { true } else { false } }
        if !failed.isEmpty { throw ExitCode(1) }
    }
}
