import BenchModel
import Foundation
import MemoryModel
import Testing
import VectorIndex
import Workloads
@testable import BenchRunner

@Suite("Modelled phases", .serialized)
struct PhaseModelTests {
    @Test("the workload's CPU names are MemoryModel's presets and host")
    func cpuNames() {
        #expect(ModelSpecification.cpuNames == CPUGeometry.presetNames + ["host"])
        #expect(ModelSpecification.pcidModes == PCIDMode.allCases.map(\.rawValue))
    }

    @Test("rebased addresses do not depend on where the arrays really are")
    func rebasing() {
        func log(base: UInt, heap: UInt) -> [MemoryAccess] {
            var recorder = SyntheticAccessLog(map: SyntheticAddressMap(ranges: [
                ("vectors", base..<(base + 10_000)), ("links", (base + 50_000)..<(base + 60_000)),
            ]))
            recorder.access(address: base + 4_100, bytes: 32, kind: .vector)
            recorder.access(address: base + 50_010, bytes: 8, kind: .level0Links)
            recorder.access(address: heap + 4_090, bytes: 16, kind: .upperLinks)
            recorder.access(address: heap + 10, bytes: 2, kind: .visitedMark)
            recorder.access(address: heap + 4_090, bytes: 16, kind: .upperLinks) // an item already placed
            return recorder.log.accesses
        }
        let one = log(base: 0x7f00_1234_5000, heap: 0x5555_0000_3000)
        let other = log(base: 0x7e11_0000_0000, heap: 0x6000_0001_0000)
        #expect(one == other)
        #expect(one.count == 5)
        #expect(one[0].address == SyntheticAddressMap.regionBase + 4_100)
        // The second array is packed on the next line after the first.
        #expect(one[1].address == SyntheticAddressMap.regionBase + 10_048 + 10)
        // Heap items are packed in first-touch order, whatever their real addresses.
        #expect(one[2].address == SyntheticAddressMap.heapBase && one[2].bytes == 16)
        #expect(one[3].address == SyntheticAddressMap.heapBase + 16)
        #expect(one[4].address == SyntheticAddressMap.heapBase)
    }

    static let yaml = """
        name: model-test
        seed: 5
        data:
          dimension: 8
          tenants: {count: 6, sizes: {fixed: 150}}
          source: {clustered: {clusters_per_tenant: 3}}
          queries_per_tenant: 10
          k: 5
          recall_samples: 10
        phases:
          - name: search
            operations: 120
            arrival: {closed: {clients: 1}}
            mix: {search: 1, k: 5, ef: 32}
        engine:
          base: {m: 8, ef_construction: 40, indexing_threshold: 60, fsync: never}
        model:
          - {cpu: skylake-sp, pcid: linux, cores: 1, name: shared}
          - {cpu: skylake-sp, pcid: none, cores: 1, processes: 6, name: per-tenant}
          - {cpu: zen4, pcid: linux, cores: 1, processes: 6, sample: 4, pages: 2m, name: zen-huge}
        """

    func run() throws -> [ModelledMemory] {
        let workload = try WorkloadFile.parse(yaml: Self.yaml, source: "model-test.yaml")
        let scratch = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let runner = WorkloadRunner(workload: workload, options: .init(
            scratchDirectory: scratch, events: [], openLoopThreads: 1, workerExecutable: try RunnerFixtures.vecbenchBinary()))
        let result = try runner.run(runID: "model", fileHash: "0")
        let configuration = try #require(result.configurations.first)
        #expect(configuration.status == .completed, "\(configuration.status)")
        return try #require(configuration.phases.first).modelled
    }

    @Test("an embedded one-client run is modelled the same every time; a flush per switch costs walks")
    func deterministic() throws {
        let first = try run(), second = try run()
        #expect(first.map(\.name) == ["shared", "per-tenant", "zen-huge"])
        for model in first { #expect(model.unavailable == nil, "\(model.name): \(model.unavailable ?? "")") }
        func strip(_ models: [ModelledMemory]) -> [ModelledMemory.Figures?] {
            models.map { model in
                model.figures.map { var f = $0; f.overheadSeconds = 0; f.replayAccessesPerSecond = 0; return f }
            }
        }
        #expect(strip(first) == strip(second))
        let shared = try #require(first[0].figures), perTenant = try #require(first[1].figures)
        let zen = try #require(first[2].figures)
        #expect(shared.operations == 120 && zen.operations == 30)
        #expect(shared.addressSpaceSwitches == 0)
        #expect(perTenant.flushes > 0)
        #expect(perTenant.pageWalksPerOperation > shared.pageWalksPerOperation)
        #expect(first[1].addressSpaces == 6)
    }
}
