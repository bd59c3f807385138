/// One greeted connection to a worker: the socket, and what the worker
/// said in hello. Used by one thread at a time (checked out of a
/// `WorkerClient`'s idle list for the length of one request).
final class WorkerConnection: Sendable {
    let socket: WorkerSocket
    let serverProcessIdentifier: Int32
    /// The largest frame the worker accepts.
    let serverMaximumFrameBytes: Int

    init(socket: WorkerSocket, serverProcessIdentifier: Int32, serverMaximumFrameBytes: Int) {
        self.socket = socket
        self.serverProcessIdentifier = serverProcessIdentifier
        self.serverMaximumFrameBytes = serverMaximumFrameBytes
    }
}
