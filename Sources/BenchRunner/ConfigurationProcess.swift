import BenchModel
import Foundation

/// Runs each configuration of a workload in a child `vecbench run` process
/// of its own, as package-benchmark runs each benchmark: memory readings
/// (RSS, peak RSS, huge pages) then belong to that configuration alone —
/// in one process the allocator keeps what earlier configurations freed,
/// and `default.yaml`'s RSS climbed 198 → 307 → 323 MiB over three
/// configurations — and a configuration that crashes is marked failed
/// instead of ending the run.
///
/// The child protocol is `vecbench run` with hidden flags:
///
/// | flag                         | meaning                                       |
/// |------------------------------|-----------------------------------------------|
/// | `--child-configuration NAME` | run only this configuration, then exit 0      |
/// | `--child-repetition R`       | its repetition number                         |
/// | `--child-result PATH`        | write its `ConfigurationResult` (JSON) here   |
/// | `--child-scratch DIR`        | the run's scratch directory                   |
/// | `--child-minimum-recall X`   | the parent's recall floor                     |
/// | `--child-worker-executable`  | the parent's worker executable, if it has one |
///
/// plus the parent's `--events` and `--open-loop-threads` (and
/// `--keep-data`). The child prints its own progress lines; a non-zero exit,
/// a signal or a missing result marks the configuration failed with that.
public struct ConfigurationProcess: Sendable {
    /// The vecbench executable to run (usually this process's own).
    public var executable: String
    /// The workload file, which the child parses again.
    public var workloadPath: String

    public init(executable: String, workloadPath: String) {
        self.executable = executable
        self.workloadPath = workloadPath
    }

    func arguments(configuration name: String, repetition: Int, resultPath: String,
                   options: WorkloadRunner.Options) -> [String] {
        var arguments = ["run", workloadPath,
                         "--events", options.events.isEmpty ? "none" : options.events.joined(separator: ","),
                         "--open-loop-threads", String(options.openLoopThreads),
                         "--child-configuration", name, "--child-repetition", String(repetition),
                         "--child-result", resultPath, "--child-scratch", options.scratchDirectory,
                         "--child-minimum-recall", String(options.minimumRecall)]
        if options.keepData { arguments.append("--keep-data") }
        if let worker = options.workerExecutable { arguments += ["--child-worker-executable", worker] }
        return arguments
    }

    /// Runs one configuration in a child and reads back its result.
    func run(configuration name: String, settings: EngineSettings, overriddenKeys: [String], repetition: Int,
             options: WorkloadRunner.Options) -> ConfigurationResult {
        let resultPath = options.scratchDirectory + "/\(WorkloadRunner.safe(name))-\(repetition).result.json"
        func failed(_ reason: String) -> ConfigurationResult {
            ConfigurationResult(name: name, repetition: repetition, settings: settings, overriddenKeys: overriddenKeys,
                                status: .failed(reason: reason), load: nil, phases: [], errors: ErrorSummary())
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments(configuration: name, repetition: repetition, resultPath: resultPath, options: options)
        do {
            try FileManager.default.createDirectory(atPath: options.scratchDirectory, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: resultPath)
            try process.run()
        } catch {
            return failed("cannot start the configuration process \(executable): \(error)")
        }
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(atPath: resultPath) }
        if process.terminationReason == .uncaughtSignal {
            return failed("the configuration process was killed by signal \(process.terminationStatus)")
        }
        guard let data = FileManager.default.contents(atPath: resultPath) else {
            return failed("the configuration process exited with status \(process.terminationStatus) and wrote no result "
                          + "(its stderr is above)")
        }
        do {
            return try JSONDecoder().decode(ConfigurationResult.self, from: data)
        } catch {
            return failed("the configuration process wrote an unreadable result \(resultPath): \(error)")
        }
    }
}
