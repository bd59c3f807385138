import BenchModel
import Foundation
import Synchronization
import Testing
import Workloads
@testable import BenchRunner

@Suite("Sweep run", .serialized)
struct SweepRunTests {
    @Test("a tiny tenant sweep is one document with the value on every record, each run in its child at its value")
    func tinySweep() throws {
        let scratch = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let path = scratch + "/sweep-test.yaml"
        try (RunnerFixtures.yaml + "\nsweep: {data.tenants.count: [2, 3]}").write(toFile: path, atomically: true, encoding: .utf8)
        let workload = try WorkloadFile.load(path: path)
        let runner = WorkloadRunner(workload: workload, options: .init(
            scratchDirectory: scratch + "/runs", events: [], openLoopThreads: 2,
            configurationProcess: ConfigurationProcess(executable: try RunnerFixtures.vecbenchBinary(), workloadPath: path,
                                                       arguments: { ["run-configuration", $0] })))
        let started = Mutex<[String]>([])
        let result = try runner.run(runID: "sweep", fileHash: "0") { event in
            if case .configurationStarted(let name, _, _, _) = event { started.withLock { $0.append(name) } }
        }
        #expect(result.sweep == SweepSummary(path: "data.tenants.count", values: [.integer(2), .integer(3)]))
        #expect(result.configurations.map(\.label) == ["embedded @ 2", "workers-2 @ 2", "embedded @ 3", "workers-2 @ 3"])
        #expect(started.withLock { $0 } == ["embedded @ 2", "workers-2 @ 2", "embedded @ 3", "workers-2 @ 3"])
        for configuration in result.configurations {
            #expect(configuration.status == .completed, "\(configuration.label): \(configuration.status)")
            // Each child ran its own value: 120 points per tenant.
            let tenants = configuration.sweepValue == .integer(2) ? 2 : 3
            #expect(configuration.load?.points == 120 * tenants)
        }
        // The document's workload summary is the first value's.
        #expect(result.workload.tenants == 2 && result.workload.initialPoints == 240)
        let document = try JSONDecoder().decode(RunResult.self, from: try ResultDocumentEncoder.encode(result))
        #expect(document.configurations.allSatisfy { $0.sweepValue != nil })
    }
}
