#if canImport(Glibc)
import Glibc
#endif

/// Why a call to a worker failed, always naming the socket and the
/// operation. `remote` is the engine speaking (its own message, its error
/// kind); the others are about reaching the worker at all.
public enum WorkerClientError: Error, Sendable, CustomStringConvertible {
    /// The worker ran the request and the engine refused or failed it.
    /// `message` is the engine's text; `kind` its `EngineError` case name
    /// (or "system", "invalidRequest", "error").
    case remote(socketPath: String, operation: String, kind: String, message: String)
    /// No worker answers at the socket (connect failed: ENOENT, ECONNREFUSED, …).
    case unreachable(socketPath: String, errno: Int32)
    /// The connection broke during the request: the worker died or closed
    /// it. `errno` is the failed call's (EPIPE, ECONNRESET), 0 for end of stream.
    case connectionLost(socketPath: String, operation: String, errno: Int32)
    /// The worker did not answer within the socket timeout (stopped, wedged,
    /// or the request outlasted it); the connection was dropped.
    case timedOut(socketPath: String, operation: String, seconds: Double)
    /// A frame that breaks the protocol, from either side.
    case protocolViolation(socketPath: String, operation: String, reason: String)
    /// The request frame is over the limit the worker announced in hello.
    case requestTooLarge(socketPath: String, operation: String, bytes: Int, limit: Int)
    /// The request cannot be encoded (a name or count past its field).
    case invalidRequest(operation: String, reason: String)

    /// The worker process is gone or not there: unreachable or the connection broke.
    public var meansWorkerIsGone: Bool {
        switch self {
        case .unreachable, .connectionLost: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .remote(let path, _, _, let message):
            return "worker \(path): \(message)"
        case .unreachable(let path, let code):
            return "worker \(path) is unreachable: connect: \(Self.reason(code)) (errno \(code))"
        case .connectionLost(let path, let operation, let code):
            let cause = code == 0 ? "the worker closed the connection (end of stream)" : "\(Self.reason(code)) (errno \(code))"
            return "worker \(path) died or dropped the connection during \(operation): \(cause)"
        case .timedOut(let path, let operation, let seconds):
            return "worker \(path) did not answer \(operation) within \(seconds) s (stopped or wedged?)"
        case .protocolViolation(let path, let operation, let reason):
            return "worker \(path): protocol error during \(operation): \(reason)"
        case .requestTooLarge(let path, let operation, let bytes, let limit):
            return "worker \(path): \(operation) request of \(bytes) bytes exceeds the worker's frame limit of \(limit) bytes; send smaller batches"
        case .invalidRequest(let operation, let reason):
            return "cannot encode \(operation) request: \(reason)"
        }
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
