import BenchModel
import Foundation
import VectorCore
import VectorEngine

extension EmbeddedBackend {
    /// Opens up to `tenants` tenants (spread over the tenant range, so a
    /// zipf-sized workload's big and small tenants both count), touches each
    /// once with a search, and measures the process before and after, and
    /// again once they are closed: see `IdleTenantMeasurement`, which also
    /// says why the heap is trimmed before each reading.
    func idleTenantCost(tenants requested: Int, dimension: Int) -> IdleTenantCost {
        if shared != nil {
            return IdleTenantCost(tenants: 0, unavailable:
                "one shared collection holds every tenant: a tenant is never opened or closed on its own")
        }
        guard engine.configuration.walScope == .perCollection else {
            return IdleTenantCost(tenants: 0, unavailable:
                "a shared WAL interleaves every collection, so all of them stay open: there is no closed tenant to compare with")
        }
        let total = engine.collectionNames.count
        let count = min(requested, total, engine.configuration.maximumOpenCollections)
        guard count > 0 else { return IdleTenantCost(tenants: 0, unavailable: "no tenant to measure") }
        let tenants = IdleTenantMeasurement.spread(count, over: total)
        let query = [Float](repeating: 1 / Float(dimension).squareRoot(), count: dimension)
        do {
            // A quiet state: no seal running, every tenant closed, freed
            // heap pages returned (see `IdleTenantMeasurement`).
            engine.waitForSeals()
            try engine.closeIdleCollections()
            ProcessFootprint.releaseFreeHeapMemory()
            let closed = ProcessFootprint.read()
            for tenant in tenants { _ = try search(tenant: tenant, query: query, k: 1, ef: 16, statistics: nil) }
            ProcessFootprint.releaseFreeHeapMemory()
            let open = ProcessFootprint.read()
            try engine.closeIdleCollections()
            ProcessFootprint.releaseFreeHeapMemory()
            let closedAgain = ProcessFootprint.read(parts: .rss)
            let collections = Self.absolute(directory) + "/collections/"
            let filesOfClosed = try ProcessFootprint.openFiles(under: collections)
            let disk = try DiskUsage.measure(directory)
            return IdleTenantMeasurement.cost(
                tenants: count, closed: closed, open: open, closedAgain: closedAgain, filesOfClosedTenants: filesOfClosed,
                closedTenants: total, disk: disk, allTenants: total)
        } catch {
            return IdleTenantCost(tenants: 0, unavailable: "measuring idle tenants failed: \(error)")
        }
    }
}
