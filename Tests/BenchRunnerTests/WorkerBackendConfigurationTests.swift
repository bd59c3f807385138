import Foundation
import Testing
import VectorEngine
import Workloads
@testable import BenchRunner

/// The worker placement runs with the engine settings the workload named,
/// the same ones an embedded run maps them to (and the document records).
@Suite("Worker backend configuration")
struct WorkerBackendConfigurationTests {
    static let yaml = """
        name: worker-settings
        seed: 3
        data:
          dimension: 8
          tenants: {count: 2, sizes: {fixed: 20}}
          source: {clustered: {clusters_per_tenant: 2}}
          queries_per_tenant: 2
          k: 2
          recall_samples: 2
        phases:
          - name: search
            duration: 1s
            arrival: {closed: {clients: 1}}
            mix: {search: 1, k: 2, ef: 8}
        engine:
          base: {m: 8, ef_construction: 40, fsync: "interval:9ms", wal_scope: shared, seal_concurrency: 3, wal_segment_mib: 5,
                 placement: {workers: 2}}
        """

    @Test("each worker's effective engine configuration equals what the workload's settings map to, setting by setting")
    func workersRunTheNamedSettings() throws {
        let workload = try WorkloadFile.parse(yaml: Self.yaml, source: "worker-settings.yaml")
        let settings = try #require(workload.configurations().first).settings
        let directory = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let named = try EngineSettingsMapping.engineConfiguration(settings, directory: directory)
        let backend = try WorkerBackend(directory: directory, workers: 2, settings: settings, engine: named, data: workload.data,
                                        events: [], executable: try RunnerFixtures.vecbenchBinary())
        defer { try? backend.close() }
        for worker in backend.pool.workers {
            let effective = try worker.client.engineConfiguration()
            #expect(effective.dataDirectory == worker.dataDirectory)
            #expect(effective.walScope == .shared)
            #expect(effective.wal.syncPolicy == .interval(milliseconds: 9))
            #expect(effective.wal.segmentBytes == 5 << 20)
            #expect(effective.wal.preallocate == named.wal.preallocate)
            #expect(effective.wal.maximumPayloadBytes == named.wal.maximumPayloadBytes)
            #expect(effective.sealConcurrency == 3)
            #expect(effective.maximumOpenCollections == named.maximumOpenCollections)
            var expected = named
            expected.dataDirectory = worker.dataDirectory
            #expect(effective == expected)
        }
    }
}
