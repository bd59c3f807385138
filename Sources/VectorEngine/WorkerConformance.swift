import Foundation

/// The checks every worker — `vecbench serve` or an external engine's
/// adapter (`workloads/ADAPTERS.md`) — must pass to be driven by the
/// runner: it is started as the runner starts it (`WorkerPool`, one
/// worker), then asked hello, create, upsert, search (ids and ordering
/// against a data set whose answer is known exactly), delete, overwrite,
/// tenant-filtered search, counts, statistics, malformed requests (refused
/// as the protocol says, the server surviving), and shutdown (exit 0).
///
/// Statistics vecbench's own engine reports (engine, collection,
/// configuration, get) may be answered "unavailable"; every other request
/// must work.
public struct WorkerConformance: Sendable {
    /// Program and arguments of the worker (`[vecbench, "serve"]` checks vecbench itself).
    public var command: [String]
    /// Holds the worker's socket and data; keep it short (socket paths have at most 107 bytes).
    public var root: String
    public var timeoutSeconds: Double

    public init(command: [String], root: String, timeoutSeconds: Double = 60) {
        self.command = command
        self.root = root
        self.timeoutSeconds = timeoutSeconds
    }

    static let dimension = 8
    static let plainName = "conformance-plain"
    static let sharedName = "conformance-shared"

    /// Runs every check; a worker that cannot even start yields one failed outcome.
    public func run() -> [WorkerConformanceOutcome] {
        let pool: WorkerPool
        do {
            pool = try WorkerPool.start(WorkerPoolConfiguration(
                executable: command.first ?? "", root: root, workerCount: 1, externalCommand: command,
                startupTimeoutSeconds: timeoutSeconds, requestTimeoutSeconds: timeoutSeconds, stopTimeoutSeconds: timeoutSeconds))
        } catch {
            return [WorkerConformanceOutcome(name: "start", status: .failed, detail: "\(error)")]
        }
        let worker = pool.workers[0]
        var outcomes = [WorkerConformanceOutcome(name: "start", status: .passed, detail: "pid \(worker.processIdentifier)")]
        let session = WorkerConformanceSession(client: worker.client, socketPath: worker.socketPath, pid: worker.processIdentifier)
        session.runAll()
        outcomes += session.outcomes
        let statuses = pool.stop()
        outcomes.append(statuses == [.exited(code: 0)]
            ? WorkerConformanceOutcome(name: "shutdown", status: .passed, detail: "exited 0")
            : WorkerConformanceOutcome(name: "shutdown", status: .failed, detail: "ended \(statuses.map(\.description))"
                + " — stderr: \(worker.standardErrorHead().joined(separator: " | "))"))
        return outcomes
    }

    /// Vector `i` of the check data: on one axis, so the nearest neighbours
    /// of a query are known exactly, with no ties.
    static func vector(_ position: Double) -> [Float] {
        var vector = [Float](repeating: 0, count: dimension)
        vector[0] = Float(position)
        vector[1] = 1
        return vector
    }
}
