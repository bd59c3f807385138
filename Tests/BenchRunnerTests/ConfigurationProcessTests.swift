import Foundation
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

    @Test("vecbench run killed with SIGKILL mid-run leaves no configuration child and no worker behind")
    func killedRunLeavesNoOrphans() throws {
        let scratch = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // The worker variant only, with a phase far longer than the test.
        let yaml = RunnerFixtures.yaml
            .replacingOccurrences(of: "duration: 1s", with: "duration: 600s")
            .split(separator: "\n").filter { !$0.contains("embedded: {placement: embedded}") }.joined(separator: "\n")
        #expect(!yaml.contains("embedded:"))
        try yaml.write(toFile: scratch + "/w.yaml", atomically: true, encoding: .utf8)
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
        var started: [(pid: Int32, commandLine: String)] = []
        for _ in 0..<3_000 {
            started = Self.processes(naming: scratch)
            if started.filter({ $0.commandLine.contains(" serve ") }).count == 2,
               started.contains(where: { $0.commandLine.contains("run-configuration") }) { break }
            usleep(20_000)
        }
        #expect(started.filter { $0.commandLine.contains(" serve ") }.count == 2, "\(started)")
        #expect(started.contains { $0.commandLine.contains("run-configuration") }, "\(started)")
        kill(run.processIdentifier, SIGKILL)
        killed = true
        run.waitUntilExit()
        // The kernel signals each child as its parent goes; give the signals
        // a generous while to land, then nothing may be left.
        var left = Self.processes(naming: scratch)
        for _ in 0..<1_500 where !left.isEmpty {
            usleep(20_000)
            left = Self.processes(naming: scratch)
        }
        #expect(left.isEmpty, "left running: \(left)")
    }
}
