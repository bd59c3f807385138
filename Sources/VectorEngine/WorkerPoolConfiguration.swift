/// How to run a pool of worker processes.
public struct WorkerPoolConfiguration: Sendable {
    /// The `vecbench` executable (it is run as `vecbench serve`).
    public var executable: String
    /// Holds `worker-<i>/` (data), `worker-<i>.sock`, `worker-<i>.stderr`,
    /// `placement.json` and `engine.json` (the `engine` handed to workers). Keep it short: a socket path has at most 107 bytes.
    public var root: String
    public var workerCount: Int
    public var placement: WorkerPlacementPolicy
    /// The whole engine configuration every worker runs with (its data
    /// directory replaced by the worker's own), handed over as JSON
    /// (`serve --engine-json`); nil leaves it to `serveArguments`.
    public var engine: EngineConfiguration?
    /// Further options passed to every `vecbench serve` (e.g. `--fsync never`
    /// when `engine` is nil, or `--max-frame-bytes`).
    public var serveArguments: [String]
    /// Longest wait for a worker to accept connections (it recovers its data first).
    public var startupTimeoutSeconds: Double
    /// Socket timeout of every request (see `WorkerClient.timeoutSeconds`).
    public var requestTimeoutSeconds: Double
    /// Longest wait for a worker to exit after a shutdown request, then after SIGTERM.
    public var stopTimeoutSeconds: Double

    public init(
        executable: String, root: String, workerCount: Int, placement: WorkerPlacementPolicy = .roundRobin,
        engine: EngineConfiguration? = nil, serveArguments: [String] = [], startupTimeoutSeconds: Double = 120, requestTimeoutSeconds: Double = 60,
        stopTimeoutSeconds: Double = 60
    ) {
        self.executable = executable
        self.root = root
        self.workerCount = workerCount
        self.placement = placement
        self.engine = engine
        self.serveArguments = serveArguments
        self.startupTimeoutSeconds = startupTimeoutSeconds
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.stopTimeoutSeconds = stopTimeoutSeconds
    }
}
