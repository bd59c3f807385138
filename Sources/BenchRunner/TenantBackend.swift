import BenchModel
import HardwareCounters
import VectorEngine
import VectorIndex
import VectorCore

/// Where a configuration's tenants live: in this process (`EmbeddedBackend`)
/// or spread over worker processes. Ids here are tenant-local; each backend
/// maps them onto its engine's collections and ids.
protocol TenantBackend: AnyObject, Sendable {
    /// Upserts points of one tenant; throws the engine's error.
    func upsert(tenant: Int, ids: [UInt64], vectors: [[Float]]) throws
    func delete(tenant: Int, ids: [UInt64]) throws
    /// Local ids of the k nearest, nearest first.
    func search(tenant: Int, query: [Float], k: Int, ef: Int, statistics: UnsafeMutablePointer<SearchStatistics>?) throws -> [UInt64]
    /// Blocks until no seal is queued or running.
    func waitForSeals()
    /// Closes every tenant and opens it again from what is on disk (worker
    /// processes stopped gracefully and started again); call only while no
    /// operation is in flight (between phases).
    func reopen() throws
    /// Cumulative engine figures (deltas are taken per phase).
    func engineSnapshot() -> EngineSnapshot
    /// Counters opened before worker processes were spawned (they inherit
    /// into every worker thread); nil when tenants live in this process.
    var workerCounters: CounterSet? { get }
    /// Worker processes hosting tenants (their memory is added to this
    /// process's in the OS readings); empty when tenants live here.
    var workerProcessIDs: [Int32] { get }
    /// Directories whose device's disk statistics matter.
    var dataPaths: [String] { get }
    func close() throws

    // Tenancy: which calls had to open their tenant, how many are open, and
    // what an idle tenant costs. Defaults (below) say "unknown".

    /// `upsert`, also saying whether the call had to open the tenant's
    /// collection (nil: the backend cannot tell).
    func upsertNotingOpen(tenant: Int, ids: [UInt64], vectors: [[Float]]) throws -> Bool?
    func deleteNotingOpen(tenant: Int, ids: [UInt64]) throws -> Bool?
    func searchNotingOpen(tenant: Int, query: [Float], k: Int, ef: Int, statistics: UnsafeMutablePointer<SearchStatistics>?)
        throws -> (ids: [UInt64], opened: Bool?)
    /// Collections open now over every engine; nil when it cannot be read.
    func openCollections() -> Int?
    /// What one idle tenant costs (`IdleTenantMeasurement`), measured after
    /// the phases over at most `tenants` tenants.
    func idleTenantCost(tenants: Int, dimension: Int) -> IdleTenantCost
}

extension TenantBackend {
    func upsertNotingOpen(tenant: Int, ids: [UInt64], vectors: [[Float]]) throws -> Bool? {
        try upsert(tenant: tenant, ids: ids, vectors: vectors)
        return nil
    }

    func deleteNotingOpen(tenant: Int, ids: [UInt64]) throws -> Bool? {
        try delete(tenant: tenant, ids: ids)
        return nil
    }

    func searchNotingOpen(tenant: Int, query: [Float], k: Int, ef: Int, statistics: UnsafeMutablePointer<SearchStatistics>?)
        throws -> (ids: [UInt64], opened: Bool?) {
        (try search(tenant: tenant, query: query, k: k, ef: ef, statistics: statistics), nil)
    }

    func openCollections() -> Int? { nil }

    func idleTenantCost(tenants: Int, dimension: Int) -> IdleTenantCost {
        IdleTenantCost(tenants: 0, unavailable: "this backend cannot open and close tenants on request")
    }
}
