import BenchModel
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs each configuration of a workload in a child process of its own, as
/// package-benchmark runs each benchmark: memory readings (RSS, peak RSS,
/// huge pages) then belong to that configuration alone — in one process the
/// allocator keeps what earlier configurations freed — and a configuration
/// that crashes is marked failed instead of ending the run.
///
/// The child protocol is one JSON document, `ConfigurationChildSpecification`
/// (its table lists every key), written to
/// `<scratch>/<configuration>-<repetition>.child.json`. This library does not
/// know how the executable spells the command that reads it: the executable
/// passes `arguments`, which turns the document's path into the child's
/// argument list (for `vecbench`, a hidden subcommand).
///
/// | step | parent | child |
/// |---|---|---|
/// | 1 | writes the specification, starts `executable` with `arguments(path)` | links itself to the parent (dies with it) |
/// | 2 | waits | runs the configuration, prints its own progress, writes the result to `resultPath`, exits 0 |
/// | 3 | reads the result; a signal, a non-zero exit or no result marks the configuration failed | — |
/// | 4 | removes the specification and the result; after a failure also the configuration's data directory (unless `keepData`) | — |
public struct ConfigurationProcess: Sendable {
    /// The vecbench executable to run (usually this process's own).
    public var executable: String
    /// The workload file, which the child parses again.
    public var workloadPath: String
    /// The child's arguments, given the path of its specification.
    public var arguments: @Sendable (_ specificationPath: String) -> [String]

    public init(executable: String, workloadPath: String, arguments: @escaping @Sendable (_ specificationPath: String) -> [String]) {
        self.executable = executable
        self.workloadPath = workloadPath
        self.arguments = arguments
    }

    func specification(configuration name: String, repetition: Int, sweepIndex: Int? = nil,
                       options: WorkloadRunner.Options) -> ConfigurationChildSpecification {
        var specification = ConfigurationChildSpecification(
            workloadPath: workloadPath, configuration: name, repetition: repetition,
            resultPath: options.scratchDirectory + "/\(WorkloadRunner.safe(name))-\(repetition).result.json",
            scratchDirectory: options.scratchDirectory, minimumRecall: options.minimumRecall,
            workerExecutable: options.workerExecutable, events: options.events, openLoopThreads: options.openLoopThreads,
            keepData: options.keepData, parentProcessIdentifier: getpid())
        specification.sweepIndex = sweepIndex
        return specification
    }

    /// Runs one configuration in a child and reads back its result.
    func run(configuration name: String, settings: EngineSettings, overriddenKeys: [String], repetition: Int,
             sweepIndex: Int? = nil, options: WorkloadRunner.Options) -> ConfigurationResult {
        let specification = specification(configuration: name, repetition: repetition, sweepIndex: sweepIndex, options: options)
        let resultPath = specification.resultPath
        let specificationPath = options.scratchDirectory + "/\(WorkloadRunner.safe(name))-\(repetition).child.json"
        // The directory the child's runner gives the configuration (WorkloadRunner.runConfiguration).
        let dataDirectory = options.scratchDirectory + "/\(WorkloadRunner.safe(name))-\(repetition)"
        func failed(_ reason: String) -> ConfigurationResult {
            // The child cleans up after itself only when it finishes; its
            // workers must be gone before their files go.
            Self.reapWorkers(under: dataDirectory)
            if !options.keepData { try? FileManager.default.removeItem(atPath: dataDirectory) }
            return ConfigurationResult(name: name, repetition: repetition, settings: settings, overriddenKeys: overriddenKeys,
                                       status: .failed(reason: reason), load: nil, phases: [], errors: ErrorSummary())
        }
        defer {
            try? FileManager.default.removeItem(atPath: specificationPath)
            try? FileManager.default.removeItem(atPath: resultPath)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments(specificationPath)
        do {
            try FileManager.default.createDirectory(atPath: options.scratchDirectory, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: resultPath)
            try specification.write(to: specificationPath)
            try process.run()
        } catch {
            return failed("cannot start the configuration process \(executable): \(error)")
        }
        process.waitUntilExit()
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

    /// Waits until no process runs whose command line names `directory`
    /// (the workers of a child that died: the kernel kills them as their
    /// parent goes, see `WorkerParentLink`), killing any still there after
    /// `graceSeconds`. They are not our children, so they cannot be waited
    /// for with waitpid; /proc shows when they are gone.
    static func reapWorkers(under directory: String, graceSeconds: Double = 10) {
        let deadline = Date().addingTimeInterval(graceSeconds)
        var signalled = false
        for _ in 0..<10_000 {
            let left = processes(naming: directory + "/")
            if left.isEmpty { return }
            if !signalled && Date() >= deadline {
                for pid in left { kill(pid, SIGKILL) }
                signalled = true
            }
            usleep(10_000)
        }
    }

    /// Live processes (not zombies, whose command line is empty) whose
    /// command line contains `text`.
    static func processes(naming text: String) -> [Int32] {
        let own = getpid()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let pid = Int32(entry), pid != own,
                  let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !raw.isEmpty else { return nil }
            return String(decoding: raw.map { $0 == 0 ? 32 : $0 }, as: UTF8.self).contains(text) ? pid : nil
        }
    }
}
