import BenchModel
import Foundation
import HardwareCounters
import Synchronization
import VectorEngine
import VectorIndex
import Workloads

/// Tenants spread over `vecbench serve` worker processes (round-robin
/// placement), reached over Unix sockets — the one-process-per-tenant end of
/// the TLB story when `workers` equals the tenant count. Each worker holds a
/// collection per tenant, or one shared collection for its tenants.
///
/// Every worker runs with the engine configuration the runner built for
/// the configuration (handed over whole as JSON, each worker in its own
/// data directory), so the settings recorded are the settings that ran.
///
/// Counters: a counter set is opened on "commands spawned afterwards" before
/// the workers start, so every worker thread (connection threads included)
/// is counted. Search statistics (pages touched) stay inside the workers and
/// are not reported for this placement.
///
/// With `external` settings the workers are another engine's adapter
/// (`workloads/ADAPTERS.md`), started with the same arguments and spoken to
/// with the same protocol; OS readings, bursts, recall and crash handling
/// are the same code. An adapter that answers engine statistics
/// "unavailable" gives its own figures instead (`adapterStatistics` of the
/// engine summary), and the summary names the figures it cannot give.
final class WorkerBackend: TenantBackend, @unchecked Sendable {
    var pool: WorkerPool
    let tenancy: EngineSettings.Tenancy
    let directory: String
    let workerCounters: CounterSet?

    /// Starts the workers with `engine` (from `EngineSettingsMapping`) and
    /// creates the tenants' collections; if anything fails, the workers
    /// started are stopped (killed if need be) and waited for before the
    /// error is thrown.
    init(directory: String, workers: Int, settings: EngineSettings, engine: EngineConfiguration, data: DataSpecification,
         events: [String], executable: String?) throws {
        self.directory = directory
        tenancy = settings.tenancy
        workerCounters = events.isEmpty ? nil : try? CounterSet(events: events, target: .commandsSpawnedAfterwards)
        try? workerCounters?.enable()
        let executable = try executable ?? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        pool = try WorkerPool.start(WorkerPoolConfiguration(
            executable: executable, root: directory, workerCount: workers, placement: .roundRobin, engine: engine,
            externalCommand: settings.external?.command))
        do {
            try createCollections(settings: settings, data: data)
        } catch {
            pool.stop()
            throw error
        }
    }

    private func createCollections(settings: EngineSettings, data: DataSpecification) throws {
        let placement = try pool.place(tenants: (0..<data.tenants).map(UInt32.init))
        let collection = try EngineSettingsMapping.collectionConfiguration(settings, data: data, sharedCollection: tenancy == .sharedCollection)
        switch tenancy {
        case .collectionPerTenant:
            // One thread per worker: each worker's creations are sequential
            // requests, but the workers' fsyncs overlap.
            let failure = Mutex<(any Error)?>(nil)
            let threads = DispatchGroup()
            for worker in Set(placement) {
                threads.enter()
                Thread { [pool] in
                    defer { threads.leave() }
                    for tenant in placement.indices where placement[tenant] == worker {
                        do {
                            try pool.withWorker(at: worker) { client throws(WorkerClientError) in
                                try client.createCollection(EmbeddedBackend.name(tenant), configuration: collection)
                            }
                        } catch {
                            failure.withLock { if $0 == nil { $0 = error } }
                            return
                        }
                        if failure.withLock({ $0 != nil }) { return }
                    }
                }.start()
            }
            threads.wait()
            if let error = failure.withLock({ $0 }) { throw error }
        case .sharedCollection:
            for worker in Set(placement) {
                try pool.withWorker(at: worker) { client throws(WorkerClientError) in
                    try client.createCollection("shared", configuration: collection)
                }
            }
        }
    }

    private func target(_ tenant: Int) -> (collection: String, tag: UInt32?) {
        tenancy == .sharedCollection ? ("shared", UInt32(tenant)) : (EmbeddedBackend.name(tenant), nil)
    }

    func upsert(tenant: Int, ids: [UInt64], vectors: [[Float]]) throws {
        _ = try upsertNotingOpen(tenant: tenant, ids: ids, vectors: vectors)
    }

    func upsertNotingOpen(tenant: Int, ids: [UInt64], vectors: [[Float]]) throws -> Bool? {
        let (name, tag) = target(tenant)
        let points = zip(ids, vectors).map {
            Point(id: tag == nil ? $0 : TenantIDs.engineID(tenant: tenant, local: $0), vector: $1, tenant: tag)
        }
        return try pool.withWorker(forTenant: UInt32(tenant)) { client throws(WorkerClientError) in
            try client.upsertNotingOpen(points, into: name).opened
        }
    }

    func delete(tenant: Int, ids: [UInt64]) throws {
        _ = try deleteNotingOpen(tenant: tenant, ids: ids)
    }

    func deleteNotingOpen(tenant: Int, ids: [UInt64]) throws -> Bool? {
        let (name, tag) = target(tenant)
        let engineIDs = tag == nil ? ids : ids.map { TenantIDs.engineID(tenant: tenant, local: $0) }
        return try pool.withWorker(forTenant: UInt32(tenant)) { client throws(WorkerClientError) in
            try client.deleteNotingOpen(engineIDs, from: name).opened
        }
    }

    func search(tenant: Int, query: [Float], k: Int, ef: Int, statistics: UnsafeMutablePointer<SearchStatistics>?) throws -> [UInt64] {
        try searchNotingOpen(tenant: tenant, query: query, k: k, ef: ef, statistics: statistics).ids
    }

    func searchNotingOpen(tenant: Int, query: [Float], k: Int, ef: Int, statistics: UnsafeMutablePointer<SearchStatistics>?)
        throws -> (ids: [UInt64], opened: Bool?) {
        let (name, tag) = target(tenant)
        let (hits, opened) = try pool.withWorker(forTenant: UInt32(tenant)) { client throws(WorkerClientError) in
            try client.searchNotingOpen(query, k: k, ef: ef, tenant: tag, in: name)
        }
        return (hits.map { tag == nil ? $0.id : TenantIDs.localID($0.id) }, opened)
    }

    /// Summed over the workers; nil when one does not answer.
    func openCollections() -> Int? {
        var total = 0
        for index in pool.workers.indices {
            guard let statistics = try? pool.withWorker(at: index, { client throws(WorkerClientError) in try client.engineStatistics() })
            else { return nil }
            total += statistics.openCollections
        }
        return total
    }

    func waitForSeals() {
        for index in pool.workers.indices {
            _ = try? pool.withWorker(at: index) { client throws(WorkerClientError) in try client.waitForSeals() }
        }
    }

    func engineSnapshot() -> EngineSnapshot {
        var snapshot = EngineSnapshot()
        var residencyKnown = true
        for index in pool.workers.indices {
            let read: (EngineStatistics, [CollectionStatistics])
            do {
                read = try pool.withWorker(at: index) { client throws(WorkerClientError) in
                    let engine = try client.engineStatistics()
                    // Asking for a closed collection's statistics opens it:
                    // only the open ones, when the worker names them.
                    let names: [String]
                    if let open = engine.openCollectionNames { names = open } else { names = try client.collectionNames() }
                    return (engine, try names.map { name throws(WorkerClientError) in try client.statistics(of: name, includeResidency: false) })
                }
            } catch {
                if addAdapterFigures(worker: index, failure: error, to: &snapshot) {
                    residencyKnown = false
                    continue
                }
                snapshot.unreadable.append("worker \(index): \(error)")
                residencyKnown = false
                continue
            }
            let (engine, collections) = read
            snapshot.add(engine, collections: collections)
            // One smaps pass per worker for all its segments.
            let coverage = MappingCoverage.read(.pathPrefix(EmbeddedBackend.absolute(directory)),
                                                pid: pool.workers[index].processIdentifier).value
            if let coverage {
                snapshot.residentBytes = (snapshot.residentBytes ?? 0) + Int(coverage.rss)
                snapshot.hugePageBytes = (snapshot.hugePageBytes ?? 0) + Int(coverage.hugeMapped)
            } else {
                residencyKnown = false
            }
        }
        if !residencyKnown {
            // A worker whose smaps could not be read: no partial sum.
            snapshot.residentBytes = nil
            snapshot.hugePageBytes = nil
        }
        return snapshot
    }

    var dataPaths: [String] { [directory] }
    var workerProcessIDs: [Int32] { pool.processIdentifiers }

    func close() throws {
        let statuses = pool.stop()
        let unclean = statuses.filter { $0 != .exited(code: 0) }
        if !unclean.isEmpty { throw RunnerError.workload("workers did not stop cleanly: \(unclean.map(\.description).joined(separator: "; "))") }
    }
}
