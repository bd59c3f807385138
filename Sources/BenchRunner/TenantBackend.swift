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

/// How a tenant and its local id become one engine id in a shared
/// collection: 24 bits of tenant, 40 of local id.
enum TenantIDs {
    static let localBits: UInt64 = 40
    static func engineID(tenant: Int, local: UInt64) -> UInt64 { UInt64(tenant) << localBits | local }
    static func localID(_ engineID: UInt64) -> UInt64 { engineID & ((1 << localBits) - 1) }
}

/// Cumulative engine counters at one instant.
struct EngineSnapshot: Sendable {
    var fsyncs = 0
    var fsyncP99Milliseconds = 0.0
    var walBytes = 0
    var groupCommitSum = 0.0
    var groupCommitCount = 0
    var seals = 0
    var sealQueueWaitP99Milliseconds = 0.0
    var sealDurationP99Milliseconds = 0.0
    var sealedSegments = 0
    var mappedBytes = 0
    var residentBytes: Int?
    var hugePageBytes: Int?
    var openCollections = 0
    /// Engines that could not be read (a worker that did not answer).
    var unreadable: [String] = []

    /// Adds one engine's figures (this process's, or a worker's): WAL
    /// counters summed, percentiles as the worst of the engines.
    mutating func add(_ engine: EngineStatistics, collections: [CollectionStatistics]) {
        var wals = collections.compactMap(\.wal)
        if let shared = engine.sharedWAL { wals.append(shared) }
        for wal in wals {
            fsyncs += Int(wal.fsyncCount)
            walBytes += Int(wal.bytesAppended)
            fsyncP99Milliseconds = max(fsyncP99Milliseconds, Double(wal.fsyncLatencyNanoseconds(atPercentile: 99)) / 1e6)
            groupCommitSum += wal.meanGroupSize * Double(wal.groupSizes.totalCount)
            groupCommitCount += Int(wal.groupSizes.totalCount)
        }
        seals += engine.seals.completed
        sealQueueWaitP99Milliseconds = max(sealQueueWaitP99Milliseconds, engine.seals.queueWaitP99Milliseconds)
        sealDurationP99Milliseconds = max(sealDurationP99Milliseconds, engine.seals.sealDurationP99Milliseconds)
        sealedSegments += collections.reduce(0) { $0 + $1.sealedSegments }
        mappedBytes += collections.reduce(0) { $0 + $1.mappedBytes }
        openCollections += engine.openCollections
    }

    /// What happened between two snapshots (levels from the later one).
    func summary(since start: EngineSnapshot) -> EngineSummary {
        let groups = groupCommitCount - start.groupCommitCount
        return EngineSummary(
            fsyncs: fsyncs - start.fsyncs, fsyncP99Milliseconds: fsyncP99Milliseconds, walBytes: walBytes - start.walBytes,
            meanGroupCommit: groups > 0 ? (groupCommitSum - start.groupCommitSum) / Double(groups) : 0,
            seals: seals - start.seals, sealQueueWaitP99Milliseconds: sealQueueWaitP99Milliseconds,
            sealDurationP99Milliseconds: sealDurationP99Milliseconds, sealedSegments: sealedSegments,
            mappedBytes: mappedBytes, residentBytes: residentBytes, hugePageBytes: hugePageBytes,
            openCollections: openCollections,
            incomplete: (unreadable + start.unreadable).isEmpty ? nil
                : "not read: " + Array(Set(unreadable + start.unreadable)).sorted().joined(separator: "; "))
    }
}
