import VectorCore

#if canImport(Glibc)
import Glibc
#endif

/// A `sockaddr_un` for a socket path, refusing paths that do not fit.
struct WorkerSocketAddress {
    private var address = sockaddr_un()
    private let length: socklen_t

    init(path: String, operation: String) throws(SystemError) {
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !bytes.isEmpty, !bytes.contains(0) else { throw SystemError(operation: operation, path: path, errno: EINVAL) }
        // sun_path holds the path and its terminating NUL (108 bytes on Linux).
        guard bytes.count < capacity else { throw SystemError(operation: operation, path: path, errno: ENAMETOOLONG) }
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + 1)
    }

    func withSockaddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        withUnsafePointer(to: address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}
