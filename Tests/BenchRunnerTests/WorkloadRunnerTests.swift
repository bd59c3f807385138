import BenchModel
import Foundation
import Testing
import Workloads
@testable import BenchRunner

@Suite("Workload runner", .serialized)
struct WorkloadRunnerTests {
    @Test("end to end over an embedded and a two-worker-process configuration")
    func endToEnd() throws {
        let workload = try RunnerFixtures.workload()
        let scratch = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let runner = WorkloadRunner(workload: workload, options: .init(
            scratchDirectory: scratch, events: ["page-faults", "context-switches", "dTLB-load-misses"],
            openLoopThreads: 4, workerExecutable: try RunnerFixtures.vecbenchBinary()))
        let result = try runner.run(runID: "test", fileHash: "0")
        #expect(result.schema == RunResult.schemaIdentifier)
        #expect(result.workload.initialPoints == 480)
        #expect(result.workload.streamHash == workload.streamHash())
        #expect(result.configurations.map(\.name) == ["embedded", "workers-2"])
        for configuration in result.configurations {
            #expect(configuration.status == .completed, "\(configuration.name): \(configuration.status)")
            #expect(configuration.load?.points == 480)
            #expect(configuration.phases.map(\.name) == ["search", "mixed"])
            let search = configuration.phases[0], mixed = configuration.phases[1]
            #expect(search.arrival == .closed && mixed.arrival == .open)
            #expect((search.operation(.search)?.count ?? 0) > 50)
            #expect((mixed.operation(.upsert)?.points ?? 0) > 0)
            #expect(mixed.offeredRate == 150)
            #expect(!search.timeline.isEmpty)
            let recall = try #require(search.recall)
            #expect(recall.samples > 0 && recall.mean >= 0.9, "\(configuration.name) recall \(recall.mean)")
            #expect(configuration.errors.count == 0, "\(configuration.errors.firstMessages)")
            // Every counter has a status; a missing value always has a reason.
            #expect(search.counters.map(\.name).sorted() == ["context-switches", "dTLB-load-misses", "page-faults"])
            for counter in search.counters where counter.value == nil {
                #expect(counter.reason != nil, "\(counter.name) has neither value nor reason")
            }
        }
        #expect(result.configurations[1].settings.placement == .workers(2))
        // Worker memory is added in: two more processes, each with an engine.
        let embeddedRSS = try #require(result.configurations[0].phases[0].os.rssBytes.value)
        let workersRSS = try #require(result.configurations[1].phases[0].os.rssBytes.value)
        #expect(workersRSS > embeddedRSS, "workers \(workersRSS) vs embedded \(embeddedRSS)")
    }

    @Test("a configuration that cannot run is marked failed with its reason; the others still run")
    func failedConfiguration() throws {
        let yaml = RunnerFixtures.yaml.replacingOccurrences(
            of: "workers-2: {placement: {workers: 2}, tenancy: shared-collection}",
            with: "broken: {fsync: sometimes}")
        let parsed = try? WorkloadFile.parse(yaml: yaml, source: "broken.yaml")
        // The schema refuses an unknown fsync spelling up front…
        #expect(parsed == nil)
        // …so break a configuration the schema cannot see: a worker executable that does not exist.
        let workload = try RunnerFixtures.workload()
        let scratch = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let runner = WorkloadRunner(workload: workload, options: .init(
            scratchDirectory: scratch, openLoopThreads: 2, workerExecutable: scratch + "/no-such-vecbench"))
        let result = try runner.run(runID: "test", fileHash: "0")
        #expect(result.configurations[0].status == .completed)
        guard case .failed(let reason) = result.configurations[1].status else {
            Issue.record("the configuration with a missing worker executable did not fail")
            return
        }
        #expect(reason.contains("no-such-vecbench"), "reason: \(reason)")
    }

    @Test("each configuration can run in a child process of its own and comes back whole")
    func configurationProcesses() throws {
        let scratch = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let path = scratch + "/runner-test.yaml"
        try RunnerFixtures.yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let workload = try WorkloadFile.load(path: path)
        let vecbench = try RunnerFixtures.vecbenchBinary()
        let runner = WorkloadRunner(workload: workload, options: .init(
            scratchDirectory: scratch + "/runs", events: ["page-faults"], openLoopThreads: 4,
            configurationProcess: ConfigurationProcess(executable: vecbench, workloadPath: path, arguments: { ["run-configuration", $0] })))
        let result = try runner.run(runID: "test", fileHash: "0")
        #expect(result.configurations.map(\.name) == ["embedded", "workers-2"])
        for configuration in result.configurations {
            #expect(configuration.status == .completed, "\(configuration.name): \(configuration.status)")
            #expect(configuration.load?.points == 480)
            #expect(configuration.phases.map(\.name) == ["search", "mixed"])
            #expect((configuration.phases[0].operation(.search)?.count ?? 0) > 50)
            #expect((configuration.phases[0].recall?.mean ?? 0) >= 0.9)
            #expect(configuration.phases[0].counters.map(\.name) == ["page-faults"])
            #expect(configuration.phases[0].os.rssBytes.value != nil)
            #expect(configuration.settings == workload.configurations().first { $0.name == configuration.name }!.settings)
        }
        // Result files are the parent's to remove once read.
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch + "/runs").filter { $0.hasSuffix(".json") }
        #expect(left.isEmpty, "left behind: \(left)")
    }

    @Test("a configuration process that dies or writes nothing fails only its configuration")
    func configurationProcessFailure() throws {
        let scratch = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let workload = try RunnerFixtures.workload()
        // `false` exits 1 without writing a result, for every configuration.
        let runner = WorkloadRunner(workload: workload, options: .init(
            scratchDirectory: scratch, openLoopThreads: 2,
            configurationProcess: ConfigurationProcess(executable: "/bin/false", workloadPath: "unused.yaml", arguments: { [$0] })))
        let result = try runner.run(runID: "test", fileHash: "0")
        #expect(result.configurations.count == 2)
        for configuration in result.configurations {
            guard case .failed(let reason) = configuration.status else {
                Issue.record("\(configuration.name) did not fail")
                continue
            }
            #expect(reason.contains("exited with status 1 and wrote no result"), "reason: \(reason)")
        }
    }
}
