import BenchModel
import Foundation
import VectorCore
import VectorEngine
import Workloads

#if canImport(Glibc)
import Glibc
#endif

/// Everything a configuration child process of `vecbench run` needs, as
/// one JSON document: the parent writes it, starts the child with its path
/// (the argument spelling is the executable's, see `ConfigurationProcess`),
/// and reads back the `ConfigurationResult` the child writes to
/// `resultPath`.
///
/// | key | type | meaning |
/// |---|---|---|
/// | `version` | int | 1; a child refuses any other |
/// | `workloadPath` | string | the workload file, which the child parses again |
/// | `configuration` | string | the one configuration to run |
/// | `repetition` | int | its repetition number (1-based) |
/// | `resultPath` | string | where the child writes its `ConfigurationResult` (JSON) |
/// | `scratchDirectory` | string | the run's scratch directory; the configuration's data goes under it |
/// | `minimumRecall` | double | mean sampled recall below this fails the configuration |
/// | `workerExecutable` | string or absent | the `vecbench` that worker processes run; absent for the child's own |
/// | `events` | [string] | counters per phase (perf / libpfm4 names); empty for none |
/// | `openLoopThreads` | int | threads issuing open-loop operations |
/// | `keepData` | bool | keep the configuration's data directory |
/// | `parentProcessIdentifier` | int | the parent's pid: the child dies with it (`WorkerParentLink`) |
/// | `sweepIndex` | int or absent | 0-based point of the workload's `sweep:` to run; absent for an unswept workload |
///
/// The child exits 0 having written a result, also when the configuration
/// failed (a failed configuration is a result); a non-zero exit, a signal
/// or a missing result is the parent's to report.
public struct ConfigurationChildSpecification: Codable, Sendable, Equatable {
    public static let currentVersion = 1

    public var version: Int
    public var workloadPath: String
    public var configuration: String
    public var repetition: Int
    public var resultPath: String
    public var scratchDirectory: String
    public var minimumRecall: Double
    public var workerExecutable: String?
    public var events: [String]
    public var openLoopThreads: Int
    public var keepData: Bool
    public var parentProcessIdentifier: Int32
    public var sweepIndex: Int?

    public init(workloadPath: String, configuration: String, repetition: Int, resultPath: String, scratchDirectory: String,
                minimumRecall: Double, workerExecutable: String?, events: [String], openLoopThreads: Int, keepData: Bool,
                parentProcessIdentifier: Int32) {
        version = Self.currentVersion
        self.workloadPath = workloadPath
        self.configuration = configuration
        self.repetition = repetition
        self.resultPath = resultPath
        self.scratchDirectory = scratchDirectory
        self.minimumRecall = minimumRecall
        self.workerExecutable = workerExecutable
        self.events = events
        self.openLoopThreads = openLoopThreads
        self.keepData = keepData
        self.parentProcessIdentifier = parentProcessIdentifier
    }

    /// Reads a specification, refusing another version.
    public static func load(path: String) throws -> ConfigurationChildSpecification {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let specification = try JSONDecoder().decode(ConfigurationChildSpecification.self, from: data)
        guard specification.version == currentVersion else {
            throw RunnerError.workload("configuration child specification \(path) has version \(specification.version); "
                                       + "this vecbench reads version \(currentVersion)")
        }
        return specification
    }

    public func write(to path: String) throws {
        let document = try JSONEncoder().encode(self)
        try AtomicFileWriter.write(to: path) { writer in try document.withUnsafeBytes { try writer.append($0) } }
    }

    /// The runner options the parent ran with, as far as one configuration needs them.
    public var runnerOptions: WorkloadRunner.Options {
        WorkloadRunner.Options(scratchDirectory: scratchDirectory, events: events, openLoopThreads: openLoopThreads,
                               keepData: keepData, minimumRecall: minimumRecall, workerExecutable: workerExecutable)
    }

    /// What the child process does: links itself to its parent, runs the
    /// one configuration and writes its result.
    public func run(progress: @escaping @Sendable (RunProgress) -> Void) throws {
        try WorkerParentLink.tie(toParent: parentProcessIdentifier)
        let workload = try WorkloadFile.load(path: workloadPath)
        let runner = WorkloadRunner(workload: workload, options: runnerOptions)
        let result = try runner.runConfiguration(named: configuration, repetition: repetition, sweepIndex: sweepIndex,
                                                 progress: progress)
        let document = try ResultDocumentEncoder.encode(result)
        try AtomicFileWriter.write(to: resultPath) { writer in try document.withUnsafeBytes { try writer.append($0) } }
    }
}
