import BenchModel
import Foundation
import Testing
import Workloads
@testable import BenchRunner

/// An external engine that has no vecbench engine statistics gives its own
/// figures: they land, typed and summed over its adapter processes, in the
/// engine summary of the load and of every phase, and the summary says in
/// one line what the engine cannot give — no dump of the figures as text.
@Suite("Adapter statistics", .serialized)
struct AdapterStatisticsTests {
    @Test("a fake adapter's figures land in EngineSummary.adapterStatistics per phase", .enabled(if: FakeAdapter.available))
    func figuresLandInTheSummary() throws {
        let scratch = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let command = try FakeAdapter.command(in: scratch)
        let workload = try ReopenTests.workload(
            "{placement: {workers: 2}, tenancy: shared-collection, external: {command: \(ReopenTests.list(command))}}")
        let runner = WorkloadRunner(workload: workload, options: .init(scratchDirectory: scratch + "/runs", openLoopThreads: 2))
        let configuration = try #require(try runner.run(runID: "fake", fileHash: "0").configurations.first)
        #expect(configuration.status == .completed, "\(configuration.status)")
        let load = try #require(configuration.load?.engine)
        let figures = Dictionary(uniqueKeysWithValues: (load.adapterStatistics ?? []).map { ($0.name, $0) })
        // Two adapters, each with its own shared collection; 3 tenants × 40 points between them.
        #expect(figures["collections"]?.value == 2)
        #expect(figures["points"]?.value == 120)
        #expect(figures["store_bytes"]?.unit == "bytes" && figures["points"]?.unit == "")
        #expect(load.adapterStatistics?.map(\.name) == ["collections", "points", "store_bytes"])
        for phase in configuration.phases {
            let engine = try #require(phase.engine)
            #expect(engine.adapterStatistics?.first { $0.name == "points" }?.value == 120, "\(phase.name)")
            let line = try #require(engine.incomplete)
            #expect(line.contains("fake 1") && line.contains("fsyncs"), "\(line)")
            #expect(!line.contains("not read") && !line.contains("points="), "\(line)")
            #expect(!line.contains("\n") && line.count < 300, "\(line)")
        }
        #expect(configuration.phases[1].recall.map { $0.mean >= 0.99 } == true, "\(String(describing: configuration.phases[1].recall))")
    }

    @Test("vecbench's own engine keeps adapterStatistics nil")
    func vecbenchHasNone() throws {
        let workload = try ReopenTests.workload("{placement: embedded}")
        let scratch = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let runner = WorkloadRunner(workload: workload, options: .init(scratchDirectory: scratch, openLoopThreads: 2))
        let configuration = try #require(try runner.run(runID: "own", fileHash: "0").configurations.first)
        #expect(configuration.status == .completed)
        #expect(configuration.load?.engine?.adapterStatistics == nil)
        #expect(configuration.phases.allSatisfy { $0.engine?.adapterStatistics == nil && $0.engine?.incomplete == nil })
    }

    @Test("figures of several adapters are summed by name; what one cannot give is kept")
    func snapshotSumsAdapters() {
        var snapshot = EngineSnapshot()
        snapshot.addAdapter(.init(engine: "e 1", figures: ["points": 3, "segments": 1], unavailable: ["fsyncs": "why"]))
        snapshot.addAdapter(.init(engine: "e 1", figures: ["points": 4, "rss_bytes": 10], unavailable: ["seals": "why"]))
        let summary = snapshot.delta(since: EngineSnapshot()).summary
        #expect(summary.adapterStatistics == [
            AdapterStatistic(name: "points", value: 7), AdapterStatistic(name: "rss_bytes", value: 10, unit: "bytes"),
            AdapterStatistic(name: "segments", value: 1),
        ])
        #expect(summary.incomplete?.contains("fsyncs, seals unavailable") == true, "\(summary.incomplete ?? "nil")")
    }
}
