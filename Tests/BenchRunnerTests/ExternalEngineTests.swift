import BenchModel
import Foundation
import Testing
import Workloads
@testable import BenchRunner

/// An external engine whose command is `vecbench serve` itself: the run
/// must come out as the worker placement's does — bursts, recall against
/// exact ground truth, OS readings of the adapter processes.
@Suite("External engine", .serialized)
struct ExternalEngineTests {
    @Test("a configuration with external: {command: [vecbench, serve]} runs like workers: 2 and records the command")
    func externalVecbenchServe() throws {
        let binary = try RunnerFixtures.vecbenchBinary()
        let yaml = RunnerFixtures.yaml.replacingOccurrences(
            of: "embedded: {placement: embedded}",
            with: "external-2: {placement: {workers: 2}, tenancy: shared-collection, external: {command: [\"\(binary)\", serve]}}")
        let workload = try WorkloadFile.parse(yaml: yaml, source: "external.yaml")
        let scratch = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let runner = WorkloadRunner(workload: workload, options: .init(
            scratchDirectory: scratch, events: ["page-faults"], openLoopThreads: 4, workerExecutable: "/nonexistent/vecbench"))
        let result = try runner.run(runID: "test", fileHash: "0")
        let external = try #require(result.configurations.first { $0.name == "external-2" })
        let workers = try #require(result.configurations.first { $0.name == "workers-2" })
        // The ordinary workers were given a missing executable: only the external command can have run.
        #expect(workers.status != .completed)
        #expect(external.status == .completed, "\(external.status)")
        #expect(external.settings.external?.command == [binary, "serve"])
        #expect(external.load?.points == 480)
        let search = try #require(external.phases.first)
        let recall = try #require(search.recall)
        #expect(recall.samples > 0 && recall.mean >= 0.9, "recall \(recall.mean)")
        #expect((search.operation(.search)?.count ?? 0) > 50)
        #expect(external.errors.count == 0, "\(external.errors.firstMessages)")
        #expect(search.os.rssBytes.value != nil)
        let mixed = external.phases[1]
        #expect(mixed.arrival == .open && mixed.offeredRate == 150)
    }
}
