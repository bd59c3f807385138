/// What went wrong with a pool of worker processes, naming the worker, its
/// process and, for a dead one, how it ended and the first lines it wrote
/// to stderr.
public enum WorkerPoolError: Error, Sendable, CustomStringConvertible {
    case invalidConfiguration(String)
    case spawnFailed(worker: Int, executable: String, reason: String)
    /// The worker process is gone: its exit status and the head of its stderr.
    case workerDied(worker: Int, pid: Int32, status: WorkerExitStatus, standardError: [String])
    case startupTimedOut(worker: Int, pid: Int32, seconds: Double, standardError: [String])
    /// Something else answers on the worker's socket (hello named another pid).
    case impostor(worker: Int, socketPath: String, expectedPID: Int32, answeringPID: Int32)
    /// The placement manifest cannot be read, written, or does not fit this pool.
    case placement(path: String, reason: String)
    /// A request to a live worker failed (the engine refused it, a timeout, …).
    case request(worker: Int, WorkerClientError)

    public var description: String {
        switch self {
        case .invalidConfiguration(let text): return "invalid worker pool configuration: \(text)"
        case .spawnFailed(let worker, let executable, let reason):
            return "worker \(worker): cannot start \(executable): \(reason)"
        case .workerDied(let worker, let pid, let status, let lines):
            return "worker \(worker) (pid \(pid)) \(status)" + Self.excerpt(lines)
        case .startupTimedOut(let worker, let pid, let seconds, let lines):
            return "worker \(worker) (pid \(pid)) did not accept connections within \(seconds) s" + Self.excerpt(lines)
        case .impostor(let worker, let path, let expected, let answering):
            return "worker \(worker): \(path) is answered by pid \(answering), not the spawned pid \(expected)"
        case .placement(let path, let reason): return "placement manifest \(path): \(reason)"
        case .request(let worker, let error): return "worker \(worker): \(error)"
        }
    }

    private static func excerpt(_ lines: [String]) -> String {
        lines.isEmpty ? "; its stderr is empty" : "; its stderr begins:\n" + lines.map { "  " + $0 }.joined(separator: "\n")
    }
}
