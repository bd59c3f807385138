import VectorCore

/// Why a worker server could not start.
public enum WorkerServerError: Error, Sendable, CustomStringConvertible {
    /// A server answers at the socket path already.
    case socketInUse(path: String)
    /// The socket path exists and is not a socket (never removed).
    case notASocket(path: String)
    /// Whether a server owns the path could not be told (the probe failed oddly).
    case socketProbeFailed(path: String, SystemError)

    public var description: String {
        switch self {
        case .socketInUse(let path):
            return "another worker server is live on \(path); stop it or choose another --socket"
        case .notASocket(let path):
            return "\(path) exists and is not a socket; refusing to remove it"
        case .socketProbeFailed(let path, let error):
            return "cannot tell whether a server owns \(path): \(error)"
        }
    }
}
