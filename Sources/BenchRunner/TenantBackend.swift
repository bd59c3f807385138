import BenchModel
import HardwareCounters
import VectorEngine
import VectorIndex

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
}
