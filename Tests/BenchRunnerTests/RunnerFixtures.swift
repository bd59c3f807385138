import TestSupport
import Foundation
import VectorCore
import Workloads
@testable import BenchRunner

enum RunnerFixtures {
    /// A small workload: 4 tenants of 120 points, a closed-loop search phase
    /// and an open-loop mixed phase, an embedded and a 2-worker variant.
    static let yaml = """
        name: runner-test
        seed: 9
        data:
          dimension: 8
          tenants: {count: 4, sizes: {fixed: 120}}
          source: {clustered: {clusters_per_tenant: 3}}
          queries_per_tenant: 10
          k: 5
          recall_samples: 40
        phases:
          - name: search
            duration: 1s
            arrival: {closed: {clients: 2}}
            mix: {search: 1, k: 5, ef: 32}
          - name: mixed
            duration: 1s
            arrival: {poisson: {rate: 150}}
            mix: {search: 0.7, upsert: 0.2, delete: 0.1, upsert_batch: 3, delete_batch: 1, k: 5, ef: 32}
        engine:
          base: {m: 8, ef_construction: 40, indexing_threshold: 60, fsync: never}
          variants:
            embedded: {placement: embedded}
            workers-2: {placement: {workers: 2}, tenancy: shared-collection}
        """

    static func workload() throws -> Workload {
        try WorkloadFile.parse(yaml: yaml, source: "runner-test.yaml")
    }

    /// The vecbench executable built beside the test bundle.
    static func vecbenchBinary() throws -> String { try VecbenchExecutable.path() }

    static func temporaryDirectory() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vb-run-\(UUID().uuidString.prefix(8))").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
