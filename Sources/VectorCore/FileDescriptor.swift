#if canImport(Glibc)
import Glibc
#endif

/// An open file descriptor that closes itself, with the positional read and
/// write loops every file-backed type needs (datasets, WAL segments, sectioned
/// files, mappings, /proc). Every call goes through `SystemCall`, so failures
/// name the operation and the path, and fault injection reaches them all.
///
/// The descriptor is immutable for the object's life, so one thread may
/// fdatasync it while another writes elsewhere in the file.
public final class FileDescriptor: @unchecked Sendable {
    public let raw: Int32
    public let path: String
    private var isOpen = true

    private init(raw: Int32, path: String) {
        self.raw = raw
        self.path = path
    }

    public static func openForReading(_ path: String) throws(SystemError) -> FileDescriptor {
        try open(path, flags: O_RDONLY)
    }

    /// `open(path, flags | O_CLOEXEC)`.
    public static func open(_ path: String, flags: Int32) throws(SystemError) -> FileDescriptor {
        let raw = try SystemCall.run("open", path: path) { Glibc.open(path, flags | O_CLOEXEC) }
        return FileDescriptor(raw: raw, path: path)
    }

    /// The file's current size (`fstat`).
    public func size() throws(SystemError) -> Int {
        var info = stat()
        _ = try SystemCall.run("fstat", path: path) { fstat(raw, &info) }
        return Int(info.st_size)
    }

    /// Reads until `buffer` is full or the file ends; returns the bytes read.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(SystemError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        return try read(into: base, count: buffer.count, at: offset)
    }

    /// Reads `count` bytes at `offset` (pread, repeated on short reads, at
    /// most `chunk` bytes a call); fewer only at end of file.
    public func read(into destination: UnsafeMutableRawPointer, count: Int, at offset: Int,
                     chunk: Int = 1 << 30) throws(SystemError) -> Int {
        var done = 0
        while done < count {
            let request = min(count - done, chunk)
            let got = try SystemCall.run("pread", path: path) { pread(raw, destination + done, request, off_t(offset + done)) }
            if got == 0 { break }
            done += got
        }
        return done
    }

    /// Writes all of `bytes` at `offset` (pwrite, repeated on short writes;
    /// a write of nothing is EIO rather than a loop).
    public func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(SystemError) {
        try Self.write(raw: raw, path: path, bytes, at: offset)
    }

    /// The one pwrite loop, for owners that manage a raw descriptor's life
    /// themselves (`AtomicFileWriter`'s temporary file).
    public static func write(raw: Int32, path: String, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws(SystemError) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let written = try SystemCall.run("pwrite", path: path) {
                pwrite(raw, base + done, bytes.count - done, off_t(offset + done))
            }
            guard written > 0 else { throw SystemError(operation: "pwrite", path: path, errno: EIO) }
            done += written
        }
    }

    /// fdatasync: the data and the metadata needed to read it back.
    public func synchronizeData() throws(SystemError) {
        _ = try SystemCall.run("fdatasync", path: path) { fdatasync(raw) }
    }

    public func truncate(to size: Int) throws(SystemError) {
        _ = try SystemCall.run("ftruncate", path: path) { ftruncate(raw, off_t(size)) }
    }

    /// Reads until end of file from the current position (for /proc files,
    /// whose size `fstat` does not know).
    public func readToEnd() throws(SystemError) -> [UInt8] {
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
    public func dropCachedPages() throws(SystemError) {
        try SystemCall.runReturningErrno("posix_fadvise", path: path) {
            posix_fadvise(raw, 0, 0, POSIX_FADV_DONTNEED)
        }
    }

    /// Closes now, reporting an error (deinit closes silently otherwise).
    public func close() throws(SystemError) {
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
