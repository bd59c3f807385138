import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One spawned `vecbench serve` (or external adapter): its process, its data directory and socket
/// under the pool's root, where its stderr goes, and a client for it.
public final class WorkerProcess: Sendable {
    public let index: Int
    public let socketPath: String
    public let dataDirectory: String
    /// The worker's stderr, kept in a file so a dead worker can be explained.
    public let standardErrorPath: String
    public let client: WorkerClient
    let process: Process

    /// The process id, to attach per-worker counters (perf_event) to.
    public var processIdentifier: Int32 { process.processIdentifier }

    /// How the worker ended; nil while it runs.
    public var exitStatus: WorkerExitStatus? {
        guard !process.isRunning else { return nil }
        switch process.terminationReason {
        case .exit: return .exited(code: process.terminationStatus)
        case .uncaughtSignal: return .signaled(signal: process.terminationStatus)
        @unknown default: return .exited(code: process.terminationStatus)
        }
    }

    init(index: Int, socketPath: String, dataDirectory: String, standardErrorPath: String, process: Process, client: WorkerClient) {
        self.index = index
        self.socketPath = socketPath
        self.dataDirectory = dataDirectory
        self.standardErrorPath = standardErrorPath
        self.process = process
        self.client = client
    }

    /// Starts worker `index` of a pool (not yet waited for: see `waitUntilReady`).
    /// The worker is linked to this process (`WorkerParentLink`): it dies
    /// when this process dies, or when the calling thread exits.
    static func spawn(index: Int, configuration: WorkerPoolConfiguration, engineJSONPath: String?) throws(WorkerPoolError) -> WorkerProcess {
        let base = configuration.root + "/worker-\(index)"
        let socketPath = base + ".sock", dataDirectory = base, standardErrorPath = base + ".stderr"
        guard socketPath.utf8.count < 108 else {
            throw .invalidConfiguration("socket path \(socketPath) is \(socketPath.utf8.count) bytes; Unix sockets allow 107 — use a shorter root")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: configuration.program)
        process.arguments = configuration.leadingArguments
            + ["--socket", socketPath, "--data", dataDirectory, "--parent-pid", String(getpid())]
            + (engineJSONPath.map { ["--engine-json", $0] } ?? []) + configuration.serveArguments
        // An adapter may read these instead of parsing arguments.
        var environment = ProcessInfo.processInfo.environment
        environment["VECBENCH_SOCKET"] = socketPath
        environment["VECBENCH_DATA"] = dataDirectory
        environment["VECBENCH_PARENT_PID"] = String(getpid())
        environment["VECBENCH_ENGINE_JSON"] = engineJSONPath
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        do {
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: standardErrorPath, contents: nil),
                  let standardError = FileHandle(forWritingAtPath: standardErrorPath) else {
                throw WorkerPoolError.spawnFailed(worker: index, executable: configuration.program, reason: "cannot create \(standardErrorPath)")
            }
            process.standardError = standardError
            try process.run()
            try standardError.close()
        } catch let error as WorkerPoolError {
            throw error
        } catch {
            throw .spawnFailed(worker: index, executable: configuration.program, reason: "\(error)")
        }
        let client = WorkerClient(socketPath: socketPath, timeoutSeconds: configuration.requestTimeoutSeconds)
        return WorkerProcess(index: index, socketPath: socketPath, dataDirectory: dataDirectory,
                             standardErrorPath: standardErrorPath, process: process, client: client)
    }

    /// Waits until the worker answers hello on its socket (as itself, not
    /// some other server), or reports how it died or that it took too long.
    func waitUntilReady(timeoutSeconds: Double) throws(WorkerPoolError) {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while true {
            if let status = exitStatus {
                throw .workerDied(worker: index, pid: processIdentifier, status: status, standardError: standardErrorHead())
            }
            let answered: Bool
            do {
                try client.ping()
                answered = true
            } catch where error.meansWorkerIsGone {
                // Not listening yet (recovering its data), or already dead: look again.
                answered = false
            } catch {
                throw .request(worker: index, error)
            }
            if answered {
                if let answering = client.serverProcessIdentifier, answering != processIdentifier {
                    throw .impostor(worker: index, socketPath: socketPath, expectedPID: processIdentifier, answeringPID: answering)
                }
                return
            }
            guard Date() < deadline else {
                throw .startupTimedOut(worker: index, pid: processIdentifier, seconds: timeoutSeconds, standardError: standardErrorHead())
            }
            usleep(20_000)
        }
    }

    /// Waits up to `seconds` for the process to end; its status, or nil if it still runs.
    @discardableResult
    public func waitForExit(upToSeconds seconds: Double) -> WorkerExitStatus? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        return exitStatus
    }

    /// Sends a signal to the worker (SIGTERM stops it cleanly).
    public func signal(_ number: Int32) {
        if process.isRunning { kill(processIdentifier, number) }
    }

    /// The first lines the worker wrote to stderr.
    public func standardErrorHead(lines: Int = 10) -> [String] {
        guard let handle = FileHandle(forReadingAtPath: standardErrorPath) else { return ["(cannot open \(standardErrorPath))"] }
        defer { try? handle.close() }
        let bytes = (try? handle.read(upToCount: 16 << 10)) ?? Data()
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            .prefix(lines).map(String.init)
    }
}
