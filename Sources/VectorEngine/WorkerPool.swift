import Foundation
import Synchronization
import VectorCore

#if canImport(Glibc)
import Glibc
#endif

/// Tenants placed in 1…N worker processes (`vecbench serve`, one engine
/// each), reached over Unix sockets: the tenancy whose address-space
/// switches vecbench exists to measure. Worker i keeps its data in
/// `<root>/worker-i` and listens on `<root>/worker-i.sock`; tenants are
/// placed by `WorkerPlacementPolicy` and the placement kept in
/// `<root>/placement.json`, so a restarted pool (same root, same size)
/// finds every tenant where its data is.
///
/// Requests go through `withWorker(forTenant:)`, which turns a broken
/// connection into `workerDied` with the worker's exit status and the first
/// lines of its stderr. `processIdentifiers` gives the pids to attach
/// per-worker counters to.
public final class WorkerPool: Sendable {
    public let configuration: WorkerPoolConfiguration
    public let workers: [WorkerProcess]
    let placement: Mutex<WorkerPlacement>

    init(configuration: WorkerPoolConfiguration, workers: [WorkerProcess], placement: WorkerPlacement) {
        self.configuration = configuration
        self.workers = workers
        self.placement = Mutex(placement)
    }

    /// Spawns the workers and waits until every one accepts connections.
    /// If any fails to start, the others are killed and waited for, and its
    /// failure thrown. Workers die with this process, or with the calling
    /// thread (`WorkerParentLink`): start and stop a pool on one thread that
    /// outlives it.
    public static func start(_ configuration: WorkerPoolConfiguration) throws(WorkerPoolError) -> WorkerPool {
        guard configuration.workerCount >= 1 else {
            throw .invalidConfiguration("workerCount must be ≥ 1, got \(configuration.workerCount)")
        }
        guard FileManager.default.isExecutableFile(atPath: configuration.program) else {
            if let command = configuration.externalCommand {
                throw .invalidConfiguration("external engine command \(command): \(configuration.program) is not an executable"
                    + " (see workloads/ADAPTERS.md for how to install an adapter)")
            }
            throw .invalidConfiguration("\(configuration.executable) is not an executable")
        }
        do {
            try FileManager.default.createDirectory(atPath: configuration.root, withIntermediateDirectories: true)
        } catch {
            throw .invalidConfiguration("cannot create \(configuration.root): \(error)")
        }
        let placement = try WorkerPlacement.loadOrCreate(
            root: configuration.root, workerCount: configuration.workerCount, policy: configuration.placement)
        let engineJSONPath = try configuration.engine.map { engine throws(WorkerPoolError) in
            try writeEngineConfiguration(engine, root: configuration.root)
        }
        var workers: [WorkerProcess] = []
        do {
            for index in 0..<configuration.workerCount {
                workers.append(try WorkerProcess.spawn(index: index, configuration: configuration, engineJSONPath: engineJSONPath))
            }
            // Spawned together, so they recover their data in parallel.
            for worker in workers { try worker.waitUntilReady(timeoutSeconds: configuration.startupTimeoutSeconds) }
        } catch {
            for worker in workers {
                worker.signal(SIGKILL)
                worker.waitForExit(upToSeconds: configuration.stopTimeoutSeconds)
            }
            throw error
        }
        return WorkerPool(configuration: configuration, workers: workers, placement: placement)
    }

    /// Writes the configuration workers are started with; its path.
    private static func writeEngineConfiguration(_ engine: EngineConfiguration, root: String) throws(WorkerPoolError) -> String {
        let path = root + "/engine.json"
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let document = try encoder.encode(engine)
            try AtomicFileWriter.write(to: path) { writer in try document.withUnsafeBytes { try writer.append($0) } }
        } catch {
            throw .invalidConfiguration("cannot write the workers' engine configuration \(path): \(error)")
        }
        return path
    }

    /// Process ids of the workers, by index.
    public var processIdentifiers: [Int32] { workers.map(\.processIdentifier) }

    /// The worker index of a tenant, placing it first if it is new (and,
    /// for round-robin, recording that in the manifest before returning).
    public func workerIndex(forTenant tenant: UInt32) throws(WorkerPoolError) -> Int {
        try place(tenants: [tenant])[0]
    }

    /// Places several tenants with one manifest write; their worker indexes.
    public func place(tenants: [UInt32]) throws(WorkerPoolError) -> [Int] {
        try placement.withLock { placement throws(WorkerPoolError) -> [Int] in
            var updated = placement
            var changed = false
            let indexes = tenants.map { tenant in
                let (worker, isNew) = updated.place(tenant)
                changed = changed || isNew
                return worker
            }
            if changed {
                try updated.save(root: configuration.root)
                placement = updated
            }
            return indexes
        }
    }

    /// Tenant → worker for every tenant placed so far (round-robin; empty for hash).
    public var placedTenants: [UInt32: Int] {
        placement.withLock { placement in
            Dictionary(uniqueKeysWithValues: placement.tenants.compactMap { key, worker in UInt32(key).map { ($0, worker) } })
        }
    }

    /// Runs `body` with the client of the tenant's worker.
    public func withWorker<Result>(
        forTenant tenant: UInt32, _ body: (WorkerClient) throws(WorkerClientError) -> Result
    ) throws(WorkerPoolError) -> Result {
        try withWorker(at: try workerIndex(forTenant: tenant), body)
    }

    /// Runs `body` with worker `index`'s client; a failure that means the
    /// worker is gone becomes `workerDied` with its status and stderr.
    public func withWorker<Result>(
        at index: Int, _ body: (WorkerClient) throws(WorkerClientError) -> Result
    ) throws(WorkerPoolError) -> Result {
        let worker = workers[index]
        do { return try body(worker.client) } catch { throw diagnose(error, worker: index) }
    }

    /// A handle on collection `name` in the tenant's worker.
    public func collection(_ name: String, forTenant tenant: UInt32) throws(WorkerPoolError) -> WorkerCollection {
        workers[try workerIndex(forTenant: tenant)].client.collection(name)
    }

    /// Explains a failed request to worker `index`: `workerDied` when its
    /// process is gone, else the request error.
    public func diagnose(_ error: WorkerClientError, worker index: Int) -> WorkerPoolError {
        let worker = workers[index]
        guard error.meansWorkerIsGone else { return .request(worker: index, error) }
        // The kernel closes a dead process's sockets before its parent reaps
        // it: give the reaper a moment to see the exit.
        guard let status = worker.waitForExit(upToSeconds: 2) else { return .request(worker: index, error) }
        return .workerDied(worker: index, pid: worker.processIdentifier, status: status, standardError: worker.standardErrorHead())
    }

    /// Every worker that has died, explained.
    public func deadWorkers() -> [WorkerPoolError] {
        workers.compactMap { worker in
            worker.exitStatus.map { status in
                .workerDied(worker: worker.index, pid: worker.processIdentifier, status: status, standardError: worker.standardErrorHead())
            }
        }
    }

    /// Stops every worker: a shutdown request (the worker closes its engine
    /// and exits), then SIGTERM, then SIGKILL for one that does not exit in
    /// time. Returns how each ended, by index.
    @discardableResult
    public func stop() -> [WorkerExitStatus] {
        for worker in workers where worker.exitStatus == nil {
            // A dead or wedged worker is dealt with by the signals below.
            try? worker.client.shutdown()
        }
        return workers.map { worker in
            worker.client.close()
            if let status = worker.waitForExit(upToSeconds: configuration.stopTimeoutSeconds) { return status }
            worker.signal(SIGTERM)
            if let status = worker.waitForExit(upToSeconds: configuration.stopTimeoutSeconds) { return status }
            worker.signal(SIGKILL)
            worker.process.waitUntilExit()
            return worker.exitStatus ?? .signaled(signal: SIGKILL)
        }
    }
}
