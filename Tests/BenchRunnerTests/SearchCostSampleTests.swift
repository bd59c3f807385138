import Foundation
import Testing
import VectorIndex
import Workloads
@testable import BenchRunner

/// The per-query search cost must rest on every search, whatever the
/// tenancy: a collection per tenant keeps small tenants wholly in their
/// appendable segment, and a search there used to report no statistics, so
/// only the tenants big enough to have sealed segments were costed (a
/// sample biased toward the biggest tenants), while a shared collection,
/// whose sealed segments hold a graph of nearly every tenant, was costed on
/// nearly every search — but without its appendable scan either.
@Suite("Search cost sample: every search costed, scans and graphs counted", .serialized)
struct SearchCostSampleTests {
    /// Tenant 0 is bigger than the indexing threshold (sealed segments and
    /// an appendable rest), tenants 1…3 are smaller (appendable only, in a
    /// collection of their own). Every graph holds fewer points than ef.
    static let sizes = [100, 10, 7, 12]
    static let threshold = 30
    static let ef = 64
    static let dimension = 8

    static func backend(_ tenancy: String, directory: String) throws -> EmbeddedBackend {
        let workload = try WorkloadFile.parse(yaml: """
            name: cost-sample
            seed: 3
            data:
              dimension: \(dimension)
              tenants: {count: \(sizes.count), sizes: {fixed: 10}}
              source: {clustered: {clusters_per_tenant: 2}}
              queries_per_tenant: 2
              k: 5
              recall_samples: 10
            phases:
              - name: search
                operations: 10
                arrival: {closed: {clients: 1}}
                mix: {search: 1, k: 5, ef: \(ef)}
            engine:
              base: {m: 8, ef_construction: 40, indexing_threshold: \(threshold), fsync: never, storage: ram}
              variants:
                only: {placement: embedded, tenancy: \(tenancy)}
            """, source: "cost-sample.yaml")
        let backend = try EmbeddedBackend(directory: directory, settings: workload.configurations()[0].settings, data: workload.data)
        // Interleaved batches, so a shared collection's sealed segments mix
        // tenants (a graph per tenant each) as the workload's load does.
        var written = Array(repeating: 0, count: sizes.count)
        while written != sizes {
            for tenant in sizes.indices where written[tenant] < sizes[tenant] {
                let count = min(9, sizes[tenant] - written[tenant])
                let ids = (written[tenant]..<(written[tenant] + count)).map { UInt64($0) }
                try backend.upsert(tenant: tenant, ids: ids, vectors: ids.map { vector(tenant: tenant, id: $0) })
                written[tenant] += count
            }
            backend.waitForSeals()
        }
        backend.waitForSeals()
        return backend
    }

    static func vector(tenant: Int, id: UInt64) -> [Float] {
        (0..<dimension).map { Float(tenant * 100) + 10 * sin(Float(Int(id) * dimension + $0) * 1.7) }
    }

    static func statistics(_ backend: EmbeddedBackend, tenant: Int) throws -> SearchStatistics {
        var statistics = SearchStatistics()
        _ = try backend.searchNotingOpen(tenant: tenant, query: vector(tenant: tenant, id: 1_000), k: 5, ef: ef,
                                         statistics: &statistics)
        return statistics
    }

    @Test("the costed searches are the same share of one stream for both tenancies: all of them")
    func sameShare() throws {
        // A zipf-like stream: tenant 0 most often, as a popular big tenant.
        let stream = (0..<40).map { [0, 0, 1, 0, 2, 3, 0, 1][$0 % 8] }
        var costed: [String: Int] = [:]
        for tenancy in ["collection-per-tenant", "shared-collection"] {
            let directory = RunnerFixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let backend = try Self.backend(tenancy, directory: directory)
            defer { try? backend.close() }
            // The executor's rule: a search is costed when it brought statistics back.
            costed[tenancy] = try stream.filter { try Self.statistics(backend, tenant: $0).queries > 0 }.count
        }
        #expect(costed["collection-per-tenant"] == stream.count, "\(costed)")
        #expect(costed["shared-collection"] == stream.count, "\(costed)")
    }

    @Test("a tenant's searches visit each of its points once when every graph is smaller than ef",
          arguments: ["collection-per-tenant", "shared-collection"])
    func everyPointOnce(tenancy: String) throws {
        let directory = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let backend = try Self.backend(tenancy, directory: directory)
        defer { try? backend.close() }
        for (tenant, size) in Self.sizes.enumerated() {
            let statistics = try Self.statistics(backend, tenant: tenant)
            // Graph searches visit every reachable node (ef exceeds each
            // graph's size); the scan evaluates every live row of the tenant.
            #expect(statistics.visitedNodes == size, "\(tenancy) tenant \(tenant): \(statistics)")
            #expect(statistics.distanceEvaluations >= size, "\(tenancy) tenant \(tenant): \(statistics)")
            #expect(statistics.vectorPages4K >= 1, "\(tenancy) tenant \(tenant): \(statistics)")
        }
        if tenancy == "collection-per-tenant" {
            // Below the threshold, a tenant is its appendable segment alone:
            // one scan, one evaluation per point.
            for tenant in 1..<Self.sizes.count {
                let statistics = try Self.statistics(backend, tenant: tenant)
                #expect(statistics.queries == 1 && statistics.distanceEvaluations == Self.sizes[tenant],
                        "tenant \(tenant): \(statistics)")
                #expect(statistics.vectorPages4K <= 2, "tenant \(tenant): \(statistics)")
            }
            // Above it, sealed graphs and the appendable rest are all searched.
            let big = try Self.statistics(backend, tenant: 0)
            #expect(big.queries >= 2, "\(big)")
        }
    }
}
