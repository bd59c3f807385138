#if canImport(Glibc)
import Glibc
#endif

/// Free space of the file system holding a path (`statvfs`), as an
/// unprivileged process may use it.
public struct FileSystemSpace: Sendable, Equatable {
    public var availableBytes: UInt64
    public var totalBytes: UInt64

    public init(availableBytes: UInt64, totalBytes: UInt64) {
        self.availableBytes = availableBytes
        self.totalBytes = totalBytes
    }

    public static func of(_ path: String) throws(SystemError) -> FileSystemSpace {
        var status = statvfs()
        _ = try SystemCall.run("statvfs", path: path) { statvfs(path, &status) }
        let block = UInt64(status.f_frsize)
        return FileSystemSpace(availableBytes: UInt64(status.f_bavail) * block, totalBytes: UInt64(status.f_blocks) * block)
    }
}
