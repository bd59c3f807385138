import Synchronization
import VectorCore

#if canImport(Glibc)
import Glibc
#endif

/// Blocking calls to one worker (`vecbench serve`) over its Unix socket,
/// mirroring the collection API (`WorkerClient+Operations`, or a
/// `WorkerCollection` handle). Safe from many threads: each call checks out
/// an idle connection (or opens and greets a new one), so concurrent
/// callers get a connection each and the worker serves them concurrently.
///
/// Every socket has send and receive timeouts: a killed worker is reported
/// at once (`connectionLost` / `unreachable`), a stopped or wedged one after
/// `timeoutSeconds` (`timedOut`) — a call never hangs. Nothing is retried:
/// whether a write that lost its connection was applied is for the caller
/// to find out (`get`).
public final class WorkerClient: Sendable {
    public let socketPath: String
    /// Longest wait for any one send or receive. Must outlast the slowest
    /// request (a large fsync'd upsert, `waitForSeals`, `shutdown`).
    public let timeoutSeconds: Double
    /// Largest response frame accepted (a guard against a corrupt length).
    public let maximumResponseBytes: Int
    /// Idle connections kept for reuse; more are closed when returned.
    public let maximumIdleConnections: Int
    let idle = Mutex<[WorkerConnection]>([])
    let lastServerProcessIdentifier = Atomic<Int32>(0)

    /// A client for the worker at `socketPath`; connects on first use.
    public init(socketPath: String, timeoutSeconds: Double = 60, maximumResponseBytes: Int = 1 << 30,
                maximumIdleConnections: Int = 64) {
        precondition(timeoutSeconds > 0, "a worker client needs a positive timeout")
        self.socketPath = socketPath
        self.timeoutSeconds = timeoutSeconds
        self.maximumResponseBytes = maximumResponseBytes
        self.maximumIdleConnections = maximumIdleConnections
    }

    /// A client whose first connection is open and greeted: fails at once
    /// when no worker answers.
    public static func connect(socketPath: String, timeoutSeconds: Double = 60) throws(WorkerClientError) -> WorkerClient {
        let client = WorkerClient(socketPath: socketPath, timeoutSeconds: timeoutSeconds)
        client.checkIn(try client.openConnection())
        return client
    }

    /// The worker's process id, as it said in its last hello (nil before the first).
    public var serverProcessIdentifier: Int32? {
        let pid = lastServerProcessIdentifier.load(ordering: .relaxed)
        return pid == 0 ? nil : pid
    }

    /// Closes the idle connections (calls in flight keep theirs until they return).
    public func close() {
        let connections = idle.withLock { idle in
            defer { idle.removeAll() }
            return idle
        }
        for connection in connections { connection.socket.close() }
    }

    deinit { close() }

    // MARK: Connections

    func openConnection() throws(WorkerClientError) -> WorkerConnection {
        let socket: WorkerSocket
        do {
            socket = try WorkerSocket.connect(to: socketPath)
            try socket.setTimeouts(receiveSeconds: timeoutSeconds, sendSeconds: timeoutSeconds)
        } catch {
            throw .unreachable(socketPath: socketPath, errno: error.errno)
        }
        let operation = "hello"
        let frame: [UInt8]
        do { frame = try WorkerRequest.currentHello.encodedFrame() } catch { throw .invalidRequest(operation: operation, reason: "\(error)") }
        var reader = try roundTrip(frame, on: socket, operation: operation)
        do {
            let magic = try reader.readRaw(WorkerProtocol.magic.count, "magic")
            guard magic == WorkerProtocol.magic else { throw WorkerProtocolError.badMagic(magic) }
            let version = try reader.read(UInt16.self, "version")
            guard version == WorkerProtocol.version else {
                throw WorkerProtocolError.unsupportedVersion(version, supported: WorkerProtocol.version)
            }
            let pid = Int32(bitPattern: try reader.read(UInt32.self, "pid"))
            let limit = Int(try reader.read(UInt32.self, "frame limit"))
            try reader.finish()
            lastServerProcessIdentifier.store(pid, ordering: .relaxed)
            return WorkerConnection(socket: socket, serverProcessIdentifier: pid, serverMaximumFrameBytes: limit)
        } catch {
            socket.close()
            throw .protocolViolation(socketPath: socketPath, operation: operation, reason: "\(error)")
        }
    }

    private func checkOut() throws(WorkerClientError) -> WorkerConnection {
        if let connection = idle.withLock({ $0.popLast() }) { return connection }
        return try openConnection()
    }

    private func checkIn(_ connection: WorkerConnection) {
        let kept = idle.withLock { idle in
            guard idle.count < maximumIdleConnections else { return false }
            idle.append(connection)
            return true
        }
        if !kept { connection.socket.close() }
    }

    // MARK: Requests

    /// Sends `request` and returns a reader positioned at its ok result;
    /// a failed response becomes `.remote` with the engine's message.
    func exchange(_ request: WorkerRequest) throws(WorkerClientError) -> WorkerMessageReader {
        let operation = "\(request.kind)"
        let frame: [UInt8]
        do { frame = try request.encodedFrame() } catch { throw .invalidRequest(operation: operation, reason: error.description) }
        let connection = try checkOut()
        let bytes = frame.count - WorkerProtocol.lengthFieldBytes
        guard bytes <= connection.serverMaximumFrameBytes else {
            checkIn(connection)
            throw .requestTooLarge(socketPath: socketPath, operation: operation, bytes: bytes, limit: connection.serverMaximumFrameBytes)
        }
        do {
            let reader = try roundTrip(frame, on: connection.socket, operation: operation)
            checkIn(connection)
            return reader
        } catch {
            // A failed response leaves the connection in step; anything else does not.
            if case .remote = error { checkIn(connection) } else { connection.socket.close() }
            throw error
        }
    }

    /// One request frame out, one response frame in.
    private func roundTrip(_ frame: [UInt8], on socket: WorkerSocket, operation: String) throws(WorkerClientError) -> WorkerMessageReader {
        let body: [UInt8]
        do { body = try transfer(frame, on: socket) } catch {
            socket.close()
            throw clientError(error, operation: operation)
        }
        let response: WorkerResponse
        do { response = try WorkerResponse.decode(body: body, operation: operation) } catch {
            socket.close()
            throw .protocolViolation(socketPath: socketPath, operation: operation, reason: error.description)
        }
        switch response {
        case .ok(let reader):
            return reader
        case .failed(let kind, let message):
            throw .remote(socketPath: socketPath, operation: operation, kind: kind, message: message)
        case .protocolError(let kind, let message):
            socket.close()
            throw .protocolViolation(socketPath: socketPath, operation: operation, reason: "the worker refused the frame (\(kind)): \(message)")
        }
    }

    private func transfer(_ frame: [UInt8], on socket: WorkerSocket) throws(WorkerTransportError) -> [UInt8] {
        try socket.sendFrame(frame)
        guard let body = try socket.receiveFrame(maximumBytes: maximumResponseBytes) else {
            throw .closedMidFrame(received: 0, expected: WorkerProtocol.lengthFieldBytes)
        }
        return body
    }

    private func clientError(_ error: WorkerTransportError, operation: String) -> WorkerClientError {
        switch error {
        case .system(let failure):
            if failure.errno == EAGAIN || failure.errno == EWOULDBLOCK {
                return .timedOut(socketPath: socketPath, operation: operation, seconds: timeoutSeconds)
            }
            return .connectionLost(socketPath: socketPath, operation: operation, errno: failure.errno)
        case .closedMidFrame:
            return .connectionLost(socketPath: socketPath, operation: operation, errno: 0)
        case .protocolViolation(let violation):
            return .protocolViolation(socketPath: socketPath, operation: operation, reason: violation.description)
        }
    }

    /// Decodes a result, reporting a malformed one as a protocol violation.
    func decodeResult<Result>(_ operation: String, _ body: () throws(WorkerProtocolError) -> Result) throws(WorkerClientError) -> Result {
        do { return try body() } catch {
            throw .protocolViolation(socketPath: socketPath, operation: operation, reason: error.description)
        }
    }
}
