#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a file, held for a short critical section (a
/// read-modify-write of a manifest) and released by `unlock` or deinit.
///
/// `flock(2)`: the lock belongs to the open file description, so two opens
/// conflict whether they are in two processes or two threads of one process
/// (a POSIX record lock would not conflict within a process), and it dies
/// with the process, so a killed holder never leaves it behind. The
/// descriptor is close-on-exec; a child forked in the instant between open
/// and close shares it until it execs, which can only delay a waiter.
public final class FileLock: @unchecked Sendable {
    public let path: String
    private let descriptor: Int32
    private var held = true

    /// Opens (creating) `path` and blocks until the lock is ours.
    public init(path: String) throws(SystemError) {
        self.path = path
        let fd = try SystemCall.run("open", path: path) { open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) }
        do {
            _ = try SystemCall.run("flock", path: path) { flock(fd, LOCK_EX) }
        } catch {
            close(fd)
            throw error
        }
        descriptor = fd
    }

    deinit { unlock() }

    /// Releases the lock (closing the descriptor releases it).
    public func unlock() {
        guard held else { return }
        held = false
        close(descriptor)
    }

    /// Runs `body` holding the lock on `path`.
    public static func withLock<Result>(_ path: String, _ body: () throws -> Result) throws -> Result {
        let lock = try FileLock(path: path)
        defer { lock.unlock() }
        return try body()
    }
}
