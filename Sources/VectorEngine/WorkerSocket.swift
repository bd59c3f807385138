import Synchronization
import VectorCore

#if canImport(Glibc)
import Glibc
#endif

/// One Unix stream socket of the worker protocol. Every call goes through
/// `SystemCall` (EINTR retried, errors name the operation and the socket
/// path); sockets are close-on-exec so spawned workers never inherit them,
/// and sends use MSG_NOSIGNAL so a vanished peer is an EPIPE error, not a
/// SIGPIPE that kills the process.
final class WorkerSocket: Sendable {
    let descriptor: Int32
    /// The socket file it was bound or connected to, for errors.
    let path: String
    private let isClosed = Atomic<Bool>(false)

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close() }

    private static func makeStreamSocket(path: String) throws(SystemError) -> Int32 {
        try SystemCall.run("socket", path: path) {
            socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
    }

    /// A bound, listening socket at `path` (which must not exist).
    static func listen(at path: String, backlog: Int32 = 128) throws(SystemError) -> WorkerSocket {
        let socket = WorkerSocket(descriptor: try makeStreamSocket(path: path), path: path)
        let address = try WorkerSocketAddress(path: path, operation: "bind")
        _ = try SystemCall.run("bind", path: path) {
            address.withSockaddr { bind(socket.descriptor, $0, $1) }
        }
        _ = try SystemCall.run("listen", path: path) { Glibc.listen(socket.descriptor, backlog) }
        return socket
    }

    /// A socket connected to the listener at `path`.
    static func connect(to path: String) throws(SystemError) -> WorkerSocket {
        let socket = WorkerSocket(descriptor: try makeStreamSocket(path: path), path: path)
        let address = try WorkerSocketAddress(path: path, operation: "connect")
        _ = try SystemCall.run("connect", path: path) {
            address.withSockaddr { Glibc.connect(socket.descriptor, $0, $1) }
        }
        return socket
    }

    /// Two connected sockets (to wake a thread blocked in `poll`).
    static func pair(label: String) throws(SystemError) -> (WorkerSocket, WorkerSocket) {
        var descriptors: [Int32] = [-1, -1]
        _ = try SystemCall.run("socketpair", path: label) {
            socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &descriptors)
        }
        return (WorkerSocket(descriptor: descriptors[0], path: label), WorkerSocket(descriptor: descriptors[1], path: label))
    }

    func accept() throws(SystemError) -> WorkerSocket {
        let descriptor = try SystemCall.run("accept", path: path) { Glibc.accept(self.descriptor, nil, nil) }
        let socket = WorkerSocket(descriptor: descriptor, path: path)
        // No accept4 in Swift's Glibc: close-on-exec is set right after. The
        // server spawns no processes, so nothing can slip in between.
        _ = try SystemCall.run("fcntl", path: path) { fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return socket
    }

    /// Bounds every later receive and send (nil leaves one unbounded): a
    /// call that waits longer fails with EAGAIN, so a stopped or wedged peer
    /// is reported instead of hanging.
    func setTimeouts(receiveSeconds: Double?, sendSeconds: Double?) throws(SystemError) {
        for (option, seconds) in [(SO_RCVTIMEO, receiveSeconds), (SO_SNDTIMEO, sendSeconds)] {
            guard let seconds else { continue }
            let whole = seconds.rounded(.down)
            var value = timeval(tv_sec: Int(whole), tv_usec: Int((seconds - whole) * 1_000_000))
            _ = try SystemCall.run("setsockopt", path: path) {
                setsockopt(descriptor, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
            }
        }
    }

    /// Sends every byte (looping over short writes).
    func send(_ bytes: [UInt8]) throws(SystemError) {
        var sent = 0
        while sent < bytes.count {
            let count = try SystemCall.run("send", path: path) {
                bytes.withUnsafeBytes { raw in
                    Glibc.send(descriptor, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                }
            }
            sent += count
        }
    }

    /// Receives into `buffer[range]` until it is full or the peer closes;
    /// returns how many bytes arrived (less than `range.count` only at end
    /// of stream).
    func receive(into buffer: inout [UInt8], _ range: Range<Int>) throws(SystemError) -> Int {
        var received = 0
        while received < range.count {
            let count = try SystemCall.run("recv", path: path) {
                buffer.withUnsafeMutableBytes { raw in
                    recv(descriptor, raw.baseAddress! + range.lowerBound + received, range.count - received, 0)
                }
            }
            if count == 0 { break }
            received += count
        }
        return received
    }

    /// Waits until this socket or `other` is readable; returns which.
    func waitReadable(orOther other: WorkerSocket) throws(SystemError) -> (this: Bool, other: Bool) {
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: other.descriptor, events: Int16(POLLIN), revents: 0)]
        _ = try SystemCall.run("poll", path: path) { poll(&descriptors, 2, -1) }
        return (descriptors[0].revents != 0, descriptors[1].revents != 0)
    }

    /// Ends the peer's (and our own blocked) reading: a thread blocked in
    /// `receive` on this socket sees end of stream; sending still works.
    func shutdownReading() {
        guard !isClosed.load(ordering: .acquiring) else { return }
        // Failure only means the peer is already gone: nothing to stop.
        _ = try? SystemCall.run("shutdown", path: path) { Glibc.shutdown(descriptor, Int32(SHUT_RD)) }
    }

    /// Closes the descriptor once. Not through `SystemCall`: on Linux the
    /// descriptor is released even when close reports EINTR, so retrying
    /// could close a descriptor another thread has just been given.
    func close() {
        guard isClosed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        _ = Glibc.close(descriptor)
    }
}
