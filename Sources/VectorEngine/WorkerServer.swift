import Dispatch
import Foundation
import Synchronization
import VectorCore

#if canImport(Glibc)
import Glibc
#endif

/// `vecbench serve`: one `Engine` in a data directory, answering the worker
/// protocol (`WorkerProtocol`) on a Unix stream socket. A thread per
/// connection; requests of different connections run concurrently (the
/// engine is thread-safe), requests of one connection in order.
///
/// Lifecycle: `start` removes a stale socket file (one no server answers
/// on) and refuses a live one, opens the engine and listens; `run` accepts
/// until `requestShutdown` (a shutdown request, or SIGTERM / SIGINT through
/// `watchTerminationSignals`), then stops accepting, removes the socket
/// file, lets requests in flight finish, and closes the engine.
public final class WorkerServer: Sendable {
    public let socketPath: String
    public let engine: Engine
    public let maximumFrameBytes: Int
    /// Request bytes held at once across all connections (`WorkerBufferBudget`).
    public let bufferBudget: WorkerBufferBudget
    let listener: WorkerSocket
    /// `requestShutdown` writes a byte to `wakeSender` to wake the accept loop.
    let wakeSender: WorkerSocket
    let wakeReceiver: WorkerSocket
    let connections = Mutex(ConnectionTable())
    let connectionThreads = DispatchGroup()
    let shutdownRequested = Atomic<Bool>(false)

    struct ConnectionTable {
        var open: [ObjectIdentifier: WorkerSocket] = [:]
        var accepted = 0
    }

    init(socketPath: String, engine: Engine, maximumFrameBytes: Int, maximumBufferedBytes: Int, listener: WorkerSocket,
         wake: (sender: WorkerSocket, receiver: WorkerSocket)) {
        self.socketPath = socketPath
        self.engine = engine
        self.maximumFrameBytes = maximumFrameBytes
        bufferBudget = WorkerBufferBudget(limit: maximumBufferedBytes)
        self.listener = listener
        wakeSender = wake.sender
        wakeReceiver = wake.receiver
    }

    /// Claims `socketPath`, opens (and recovers) the engine, and listens.
    public static func start(
        socketPath: String, engine configuration: EngineConfiguration,
        maximumFrameBytes: Int = WorkerProtocol.defaultMaximumFrameBytes,
        maximumBufferedBytes: Int = WorkerProtocol.defaultMaximumBufferedBytes
    ) throws -> WorkerServer {
        precondition(maximumFrameBytes >= 64 && maximumFrameBytes <= Int(UInt32.max), "frame limit out of range")
        precondition(maximumBufferedBytes >= maximumFrameBytes, "the total buffer limit must hold one largest frame")
        try claimSocketPath(socketPath)
        let engine = try Engine.open(configuration)
        do {
            let wake = try WorkerSocket.pair(label: socketPath + " (wake)")
            let listener = try WorkerSocket.listen(at: socketPath)
            return WorkerServer(socketPath: socketPath, engine: engine, maximumFrameBytes: maximumFrameBytes,
                                maximumBufferedBytes: maximumBufferedBytes, listener: listener, wake: (wake.0, wake.1))
        } catch {
            try? engine.close()
            throw error
        }
    }

    /// Removes a socket file no server answers on; refuses one a live
    /// server answers on, and anything that is not a socket.
    static func claimSocketPath(_ path: String) throws {
        var status = stat()
        do {
            _ = try SystemCall.run("lstat", path: path) { lstat(path, &status) }
        } catch {
            if error.errno == ENOENT { return }
            throw error
        }
        guard status.st_mode & S_IFMT == S_IFSOCK else { throw WorkerServerError.notASocket(path: path) }
        do {
            let probe = try WorkerSocket.connect(to: path)
            probe.close()
        } catch {
            guard error.errno == ECONNREFUSED else { throw WorkerServerError.socketProbeFailed(path: path, error) }
            // Nobody listens: a server died without removing its socket file.
            _ = try SystemCall.run("unlink", path: path) { unlink(path) }
            return
        }
        throw WorkerServerError.socketInUse(path: path)
    }

    /// Connections accepted so far.
    public var acceptedConnections: Int { connections.withLock { $0.accepted } }

    /// Accepts and serves until `requestShutdown`, then shuts down cleanly:
    /// socket file removed, requests in flight answered, engine closed.
    public func run() throws {
        defer { listener.close() }
        while true {
            let ready = try listener.waitReadable(orOther: wakeReceiver)
            if ready.other { break }
            guard ready.this else { continue }
            let connection: WorkerSocket
            do {
                connection = try listener.accept()
            } catch {
                // Out of descriptors or memory, or a client that gave up:
                // this connection is lost, the server goes on.
                guard [ECONNABORTED, EMFILE, ENFILE, ENOBUFS, ENOMEM, EPROTO].contains(error.errno) else { throw error }
                FileHandle.standardError.write(Data("vecbench serve: \(error)\n".utf8))
                if error.errno != ECONNABORTED { usleep(10_000) }
                continue
            }
            launch(connection)
        }
        try stop()
    }

    /// Makes `run` stop accepting and shut down. Safe from any thread,
    /// any number of times.
    public func requestShutdown() {
        guard shutdownRequested.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        // The accept loop polls the other end; it cannot be full of one byte.
        try? wakeSender.send([1])
    }

    public var isShutdownRequested: Bool { shutdownRequested.load(ordering: .acquiring) }

    private func launch(_ connection: WorkerSocket) {
        // A client that stops reading must not wedge a thread (and shutdown) forever.
        try? connection.setTimeouts(receiveSeconds: nil, sendSeconds: 30)
        let key = ObjectIdentifier(connection)
        connections.withLock { table in
            table.open[key] = connection
            table.accepted += 1
        }
        connectionThreads.enter()
        let thread = Thread { [self] in
            serve(connection)
            // Closed under the lock so `stop` never shuts down a reused descriptor.
            connections.withLock { table in
                table.open[key] = nil
                connection.close()
            }
            connectionThreads.leave()
        }
        thread.name = "vecbench-serve-connection"
        thread.start()
    }

    /// Stops serving: no new connections (the socket file goes first, so a
    /// client sees ENOENT / ECONNREFUSED at once), each open connection's
    /// reading ended after its request in flight, then the engine closed.
    private func stop() throws {
        listener.close()
        do { _ = try SystemCall.run("unlink", path: socketPath) { unlink(socketPath) } } catch {
            if error.errno != ENOENT { FileHandle.standardError.write(Data("vecbench serve: \(error)\n".utf8)) }
        }
        connections.withLock { table in
            for connection in table.open.values { connection.shutdownReading() }
        }
        connectionThreads.wait()
        try engine.close()
    }
}
