import BenchModel
import Foundation
import Synchronization
import Testing
import Workloads
@testable import BenchRunner

#if canImport(Glibc)
import Glibc
#endif

/// The configuration child protocol, and that nothing `vecbench run`
/// started outlives it.
@Suite("Configuration process")
struct ConfigurationProcessTests {
    static func specification(parent: Int32, scratch: String) -> ConfigurationChildSpecification {
        ConfigurationChildSpecification(
            workloadPath: scratch + "/w.yaml", configuration: "workers-2", repetition: 2, resultPath: scratch + "/r.json",
            scratchDirectory: scratch, minimumRecall: 0.25, workerExecutable: nil, events: ["page-faults"],
            openLoopThreads: 3, keepData: true, parentProcessIdentifier: parent)
    }

    @Test("the specification survives its JSON whole, and another version is refused")
    func specificationRoundTrip() throws {
        let scratch = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let specification = Self.specification(parent: getpid(), scratch: scratch)
        try specification.write(to: scratch + "/spec.json")
        #expect(try ConfigurationChildSpecification.load(path: scratch + "/spec.json") == specification)
        let options = specification.runnerOptions
        #expect(options.scratchDirectory == scratch && options.events == ["page-faults"] && options.openLoopThreads == 3)
        #expect(options.keepData && options.minimumRecall == 0.25 && options.workerExecutable == nil)
        var future = specification
        future.version = 2
        try future.write(to: scratch + "/future.json")
        #expect(throws: RunnerError.self) { try ConfigurationChildSpecification.load(path: scratch + "/future.json") }
    }

    @Test("a configuration child whose parent is already gone refuses to run")
    func orphanRefusesToRun() throws {
        let scratch = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try RunnerFixtures.yaml.write(toFile: scratch + "/w.yaml", atomically: true, encoding: .utf8)
        // Not our pid: as if the parent died and the child was re-parented.
        try Self.specification(parent: 1, scratch: scratch).write(to: scratch + "/spec.json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try RunnerFixtures.vecbenchBinary())
        process.arguments = ["run-configuration", scratch + "/spec.json"]
        let standardError = Pipe()
        process.standardError = standardError
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: standardError.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(text.contains("parent process 1 is gone"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: scratch + "/r.json"))
    }

    /// Processes (other than zombies) whose command line names `path`.
    static func processes(naming path: String) -> [(pid: Int32, commandLine: String)] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = Int32(entry), pid != getpid(),
                  let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !raw.isEmpty else { return nil }
            let commandLine = String(decoding: raw.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return commandLine.contains(path) ? (pid, commandLine) : nil
        }
    }

    /// The fixture workload with only the worker variant and phases far
    /// longer than any test.
    static func longWorkerWorkload(at path: String) throws {
        let yaml = RunnerFixtures.yaml
            .replacingOccurrences(of: "duration: 1s", with: "duration: 600s")
            .split(separator: "\n").filter { !$0.contains("embedded: {placement: embedded}") }.joined(separator: "\n")
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Waits until the configuration child and both its workers run; them.
    static func waitForChildAndWorkers(_ scratch: String) -> [(pid: Int32, commandLine: String)] {
        var started: [(pid: Int32, commandLine: String)] = []
        for _ in 0..<3_000 {
            started = processes(naming: scratch)
            if started.filter({ $0.commandLine.contains(" serve ") }).count == 2,
               started.contains(where: { $0.commandLine.contains("run-configuration") }) { break }
            usleep(20_000)
        }
        return started
    }

    /// Waits (generously) until no process names `path`; those left.
    static func waitUntilGone(_ path: String) -> [(pid: Int32, commandLine: String)] {
        var left = processes(naming: path)
        for _ in 0..<1_500 where !left.isEmpty {
            usleep(20_000)
            left = processes(naming: path)
        }
        return left
    }

    @Test("a configuration child that dies takes its workers with it; the parent marks it failed and removes its data")
    func deadChildIsReaped() throws {
        let scratch = RunnerFixtures.temporaryDirectory()
        defer {
            for (pid, _) in Self.processes(naming: scratch) { kill(pid, SIGKILL) }
            try? FileManager.default.removeItem(atPath: scratch)
        }
        try Self.longWorkerWorkload(at: scratch + "/w.yaml")
        let workload = try WorkloadFile.load(path: scratch + "/w.yaml")
        let runner = WorkloadRunner(workload: workload, options: .init(
            scratchDirectory: scratch + "/runs", openLoopThreads: 2,
            configurationProcess: ConfigurationProcess(
                executable: try RunnerFixtures.vecbenchBinary(), workloadPath: scratch + "/w.yaml",
                arguments: { ["run-configuration", $0] })))
        let outcome = Mutex<RunResult?>(nil)
        let finished = DispatchSemaphore(value: 0)
        Thread {
            outcome.withLock { $0 = try? runner.run(runID: "test", fileHash: "0") }
            finished.signal()
        }.start()
        let started = Self.waitForChildAndWorkers(scratch)
        let child = try #require(started.first { $0.commandLine.contains("run-configuration") }, "\(started)")
        #expect(started.filter { $0.commandLine.contains(" serve ") }.count == 2, "\(started)")
        kill(child.pid, SIGKILL)
        finished.wait()
        let result = try #require(outcome.withLock { $0 })
        #expect(result.configurations.first?.status == .failed(reason: "the configuration process was killed by signal 9"))
        #expect(Self.waitUntilGone(scratch).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: scratch + "/runs/workers-2-1"))
    }

    @Test("vecbench run killed with SIGKILL mid-run leaves no configuration child and no worker behind")
    func killedRunLeavesNoOrphans() throws {
        let scratch = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try Self.longWorkerWorkload(at: scratch + "/w.yaml")
        let run = Process()
        run.executableURL = URL(fileURLWithPath: try RunnerFixtures.vecbenchBinary())
        run.arguments = ["run", scratch + "/w.yaml", "--scratch", scratch + "/runs", "--out", scratch + "/reports", "--events", "none"]
        run.standardOutput = FileHandle.nullDevice
        run.standardError = FileHandle.nullDevice
        try run.run()
        var killed = false
        defer {
            if !killed { kill(run.processIdentifier, SIGKILL) }
            run.waitUntilExit()
            // Whatever the outcome, leave nothing running.
            for (pid, _) in Self.processes(naming: scratch) { kill(pid, SIGKILL) }
        }
        // Mid-run: the configuration child and both of its workers are up.
        let started = Self.waitForChildAndWorkers(scratch)
        #expect(started.filter { $0.commandLine.contains(" serve ") }.count == 2, "\(started)")
        #expect(started.contains { $0.commandLine.contains("run-configuration") }, "\(started)")
        kill(run.processIdentifier, SIGKILL)
        killed = true
        run.waitUntilExit()
        // The kernel signals each child as its parent goes; give the signals
        // a generous while to land, then nothing may be left.
        let left = Self.waitUntilGone(scratch)
        #expect(left.isEmpty, "left running: \(left)")
    }
}
