#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import VectorCore

/// Holds a WAL directory for one `WriteAheadLog` at a time.
///
/// Two mechanisms, because neither covers both cases alone:
/// - across processes, a POSIX record lock (`fcntl F_SETLK`) on the
///   directory's `LOCK` file. Not `flock`: an flock belongs to the open file
///   description, which a forked child shares until it execs, so a process
///   that spawns workers (the crash test, `vecbench serve`) could keep a
///   closed log locked for a moment. POSIX locks are never inherited by fork
///   and die with the process, so a killed writer never leaves one behind;
/// - within the process, a registry of held directories (POSIX locks do not
///   conflict with their own process, and closing any descriptor of the file
///   would drop them — the registry also guarantees the file is opened once).
final class WALDirectoryLock: @unchecked Sendable {
    let directory: String
    private let key: String
    private let descriptor: Int32
    private var released = false

    private static let held = Mutex<Set<String>>([])

    /// Creates `directory` if needed and takes it, or throws `.locked`.
    init(_ directory: String) throws(WALError) {
        do {
            try WALDirectory.makeDirectory(directory)
        } catch {
            throw .system(error)
        }
        self.directory = directory
        var resolved = directory
        if let real = realpath(directory, nil) {
            resolved = String(cString: real)
            free(real)
        }
        let key = resolved
        self.key = key
        guard Self.held.withLock({ $0.insert(key).inserted }) else { throw .locked(directory: directory) }
        let path = directory + "/" + WALDirectory.lockFileName
        do {
            descriptor = try SystemCall.run("open", path: path) { open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) }
        } catch {
            _ = Self.held.withLock { $0.remove(key) }
            throw .system(error)
        }
        var request = flock()
        request.l_type = Int16(F_WRLCK)
        request.l_whence = Int16(SEEK_SET)
        request.l_start = 0
        request.l_len = 0
        let fd = descriptor
        do {
            _ = try SystemCall.run("fcntl(F_SETLK)", path: path) { fcntl(fd, F_SETLK, &request) }
        } catch {
            close(fd)
            _ = Self.held.withLock { $0.remove(key) }
            if error.errno == EAGAIN || error.errno == EACCES { throw .locked(directory: directory) }
            throw .system(error)
        }
    }

    deinit { release() }

    /// Gives the directory up (closing the descriptor drops the POSIX lock).
    func release() {
        guard !released else { return }
        released = true
        close(descriptor)
        let key = key
        _ = Self.held.withLock { $0.remove(key) }
    }
}
