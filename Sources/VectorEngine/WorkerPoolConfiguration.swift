/// How to run a pool of worker processes.
public struct WorkerPoolConfiguration: Sendable {
    /// The `vecbench` executable (it is run as `vecbench serve`).
    public var executable: String
    /// Holds `worker-<i>/` (data), `worker-<i>.sock`, `worker-<i>.stderr`
    /// and `placement.json`. Keep it short: a socket path has at most 107 bytes.
    public var root: String
    public var workerCount: Int
    public var placement: WorkerPlacementPolicy
    /// Engine options passed to every `vecbench serve` (e.g. `--fsync never`).
    public var serveArguments: [String]
    /// Longest wait for a worker to accept connections (it recovers its data first).
    public var startupTimeoutSeconds: Double
    /// Socket timeout of every request (see `WorkerClient.timeoutSeconds`).
    public var requestTimeoutSeconds: Double
    /// Longest wait for a worker to exit after a shutdown request, then after SIGTERM.
    public var stopTimeoutSeconds: Double

    public init(
        executable: String, root: String, workerCount: Int, placement: WorkerPlacementPolicy = .roundRobin,
        serveArguments: [String] = [], startupTimeoutSeconds: Double = 120, requestTimeoutSeconds: Double = 60,
        stopTimeoutSeconds: Double = 60
    ) {
        self.executable = executable
        self.root = root
        self.workerCount = workerCount
        self.placement = placement
        self.serveArguments = serveArguments
        self.startupTimeoutSeconds = startupTimeoutSeconds
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.stopTimeoutSeconds = stopTimeoutSeconds
    }
}
