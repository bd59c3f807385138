import Foundation
import Testing
@testable import Workloads

/// Small workloads for the tests, as text (schema tests) and as values
/// (stream tests).
enum WorkloadFixtures {
    /// A complete, valid workload in the fewest lines.
    static let minimal = """
        seed: 3
        data:
          dimension: 8
          tenants:
            count: 10
            sizes: {fixed: 100}
        phases:
          - name: p
            duration: 10s
            arrival: {poisson: {rate: 1000}}
        """

    static func parse(_ yaml: String, source: String = "test.yaml") throws(WorkloadError) -> Workload {
        try WorkloadFile.parse(yaml: yaml, source: source)
    }

    /// The error parsing `yaml` throws (a test failure if it parses).
    static func error(_ yaml: String, source: String = "test.yaml") -> WorkloadError? {
        do {
            let workload = try parse(yaml, source: source)
            Issue.record("expected a schema error, but it parsed: \(workload.name)")
            return nil
        } catch {
            return error
        }
    }

    /// One phase over `tenants` tenants of `size` points each.
    static func workload(
        seed: UInt64 = 42, tenants: Int = 20, size: Int = 100, queries: Int = 10,
        arrival: ArrivalProcess = .poisson(rate: 1_000), length: PhaseLength = .seconds(10),
        selection: TenantSelection = .uniform, mix: OperationMix = searchOnly,
        sizes: SizeDistribution? = nil, extraPhases: Int = 0
    ) -> Workload {
        let data = DataSpecification(dimension: 8, metric: .l2, tenants: tenants, tenantSizes: sizes ?? .fixed(size),
                                     source: .clustered(clustersPerTenant: 2), queriesPerTenant: queries, k: 10,
                                     recallSamples: 10)
        let phase = PhaseSpecification(name: "p", length: length, arrival: arrival, tenantSelection: selection, mix: mix,
                                       warmup: false)
        let phases = (0...extraPhases).map { index in
            var copy = phase
            copy.name = "p\(index)"
            return copy
        }
        return Workload(name: "fixture", source: "fixture.yaml", seed: seed, data: data, phases: phases,
                        base: .defaults, variants: [])
    }

    static let searchOnly = OperationMix(search: 1, upsert: 0, delete: 0, upsertBatch: 1, deleteBatch: 1, searchK: 10,
                                         searchEF: 64)

    static func mix(search: Double = 0, upsert: Double = 0, delete: Double = 0, upsertBatch: Int = 1,
                    deleteBatch: Int = 1) -> OperationMix {
        OperationMix(search: search, upsert: upsert, delete: delete, upsertBatch: upsertBatch, deleteBatch: deleteBatch,
                     searchK: 10, searchEF: 64)
    }

    /// The repository's `workloads/` directory.
    static var workloadsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("workloads").path
    }

    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "workloads-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
