import VectorCore
#if canImport(Glibc)
import Glibc
#endif

/// An open file descriptor that closes itself, with the positional read and
/// write loops storage code needs. Every call goes through `SystemCall`, so
/// failures name the operation and the path. Internal to VectorStorage.
final class FileDescriptor {
    let raw: Int32
    let path: String
    private var isOpen = true

    private init(raw: Int32, path: String) {
        self.raw = raw
        self.path = path
    }

    static func openForReading(_ path: String) throws(SystemError) -> FileDescriptor {
        let raw = try SystemCall.run("open", path: path) { Glibc.open(path, O_RDONLY | O_CLOEXEC) }
        return FileDescriptor(raw: raw, path: path)
    }

    /// The file's current size (`fstat`).
    func size() throws(SystemError) -> Int {
        var info = stat()
        _ = try SystemCall.run("fstat", path: path) { fstat(raw, &info) }
        return Int(info.st_size)
    }

    /// Reads until `buffer` is full or the file ends; returns the bytes read.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(SystemError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let chunk = min(buffer.count - done, 1 << 30)
            let got = try SystemCall.run("pread", path: path) { pread(raw, base + done, chunk, off_t(offset + done)) }
            if got == 0 { break }
            done += got
        }
        return done
    }

    /// Reads until end of file from the current position (for /proc files,
    /// whose size `fstat` does not know).
    func readToEnd() throws(SystemError) -> [UInt8] {
        var result: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { chunk.deallocate() }
        while true {
            let got = try SystemCall.run("read", path: path) { Glibc.read(raw, chunk.baseAddress, chunk.count) }
            if got == 0 { return result }
            result.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<got]))
        }
    }

    /// Drops the file's clean pages from the page cache (`POSIX_FADV_DONTNEED`),
    /// so the next read or mapping starts cold.
    func dropCachedPages() throws(SystemError) {
        try SystemCall.runReturningErrno("posix_fadvise", path: path) {
            posix_fadvise(raw, 0, 0, POSIX_FADV_DONTNEED)
        }
    }

    /// Closes now, reporting an error (deinit closes silently otherwise).
    func close() throws(SystemError) {
        guard isOpen else { return }
        isOpen = false
        // Never retry close on EINTR: the descriptor is gone either way.
        if Glibc.close(raw) == -1 {
            let code = errno
            if code != EINTR { throw SystemError(operation: "close", path: path, errno: code) }
        }
    }

    deinit {
        if isOpen { _ = Glibc.close(raw) }
    }
}
