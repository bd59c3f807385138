import Foundation

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
    /// An external engine's adapter (`workloads/ADAPTERS.md`): program and
    /// first arguments, started instead of `executable serve`. It gets the
    /// same arguments `vecbench serve` gets (`--socket`, `--data`,
    /// `--parent-pid`, `--engine-json` when `engine` is set, then
    /// `serveArguments`) and the same values in the environment
    /// (`VECBENCH_SOCKET`, `VECBENCH_DATA`, `VECBENCH_PARENT_PID`,
    /// `VECBENCH_ENGINE_JSON`). A program without a slash is looked up on
    /// PATH; a relative path is taken from the current directory.
    public var externalCommand: [String]?
    /// Further options passed to every `vecbench serve` (e.g. `--fsync never`
    /// when `engine` is nil, or `--max-frame-bytes`).
    public var serveArguments: [String]
    /// Longest wait for a worker to accept connections (it recovers its data first).
    public var startupTimeoutSeconds: Double
    /// Socket timeout of every request (see `WorkerClient.timeoutSeconds`).
    public var requestTimeoutSeconds: Double
    /// The program a worker runs: the adapter's (resolved on PATH when it
    /// has no slash), else `executable`.
    public var program: String {
        guard let first = externalCommand?.first else { return executable }
        if first.contains("/") { return first }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/\(first)") {
            return "\(directory)/\(first)"
        }
        return first
    }

    /// Arguments before the per-worker ones: the adapter's own, or `serve`.
    var leadingArguments: [String] {
        guard let command = externalCommand else { return ["serve"] }
        return Array(command.dropFirst())
    }
    /// Longest wait for a worker to exit after a shutdown request, then after SIGTERM.
    public var stopTimeoutSeconds: Double

    public init(
        executable: String, root: String, workerCount: Int, placement: WorkerPlacementPolicy = .roundRobin,
        engine: EngineConfiguration? = nil, externalCommand: [String]? = nil, serveArguments: [String] = [], startupTimeoutSeconds: Double = 120, requestTimeoutSeconds: Double = 60,
        stopTimeoutSeconds: Double = 60
    ) {
        self.executable = executable
        self.root = root
        self.workerCount = workerCount
        self.placement = placement
        self.engine = engine
        self.externalCommand = externalCommand
        self.serveArguments = serveArguments
        self.startupTimeoutSeconds = startupTimeoutSeconds
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.stopTimeoutSeconds = stopTimeoutSeconds
    }
}
