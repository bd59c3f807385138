#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Creates a file so that readers see either the old file or the complete new
/// one, never a prefix, and so that the new file survives a crash once
/// `commit` returns (DESIGN: temp → fsync → rename → fsync directory).
///
/// Bytes go to a temporary file beside the destination (same directory, so
/// the rename stays within one file system), through a write buffer and
/// positioned `pwrite`s. `commit` flushes, fsyncs the file, renames it over
/// the destination and fsyncs the directory so the rename itself is durable.
/// A writer that is never committed (an error, an early return) removes its
/// temporary file when abandoned or released.
///
/// The temporary file is named `.tmp-<pid>-<n>-<name>`: hidden, unique per
/// process and writer, and ending in the destination's name so
/// `FaultInjection` rules keyed on a path suffix match it too.
///
/// Not thread-safe: one writer belongs to one thread at a time.
public final class AtomicFileWriter {
    /// Where the file will appear on `commit`.
    public let path: String
    /// Where the bytes are written until then.
    public let temporaryPath: String
    /// Bytes appended so far (written or still buffered).
    public private(set) var bytesWritten: Int = 0

    private var descriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var buffered = 0
    private var finished = false

    private static let sequence = Atomic<UInt64>(0)

    /// Creates the temporary file (it must not exist; it cannot, by its name).
    public init(path: String, permissions: UInt32 = 0o644, bufferBytes: Int = 4 << 20) throws(SystemError) {
        self.path = path
        let name = AtomicFileWriter.split(path).name
        let directoryPrefix = path.dropLast(name.count)
        let serial = AtomicFileWriter.sequence.add(1, ordering: .relaxed).newValue
        temporaryPath = "\(directoryPrefix).tmp-\(getpid())-\(serial)-\(name)"
        let temporary = temporaryPath
        descriptor = try SystemCall.run("open", path: temporary) {
            open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(permissions))
        }
        buffer = .allocate(byteCount: max(bufferBytes, 4096), alignment: 64)
    }

    deinit {
        abandon()
        buffer.deallocate()
    }

    /// Appends bytes at the end of what has been written.
    public func append(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        precondition(!finished, "append to \(path) after commit or abandon")
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if bytes.count >= buffer.count {
            try flush()
            try writeFully(source, count: bytes.count, at: bytesWritten)
            bytesWritten += bytes.count
            return
        }
        if buffered + bytes.count > buffer.count { try flush() }
        (buffer.baseAddress! + buffered).copyMemory(from: source, byteCount: bytes.count)
        buffered += bytes.count
        bytesWritten += bytes.count
    }

    /// Appends an integer in little-endian byte order.
    public func append<T: FixedWidthInteger>(littleEndian value: T) throws(SystemError) {
        var stored = value.littleEndian
        try withUnsafeBytes(of: &stored) { (bytes: UnsafeRawBufferPointer) throws(SystemError) in
            try append(bytes)
        }
    }

    /// Writes buffered bytes to the file (not yet durable: see `commit`).
    public func flush() throws(SystemError) {
        guard buffered > 0 else { return }
        let start = bytesWritten - buffered
        buffered = 0
        try writeFully(UnsafeRawPointer(buffer.baseAddress!), count: bytesWritten - start, at: start)
    }

    /// Lends the temporary file's descriptor (after a flush), for positioned
    /// writes, `fallocate` and the like. Do not close it; appends continue at
    /// `bytesWritten`.
    public func withDescriptor<R, E: Error>(_ body: (Int32) throws(E) -> R) throws -> R {
        try flush()
        return try body(descriptor)
    }

    /// Makes the file durable and visible at `path`. On failure before the
    /// rename the temporary file is removed and `path` is untouched.
    public func commit() throws(SystemError) {
        precondition(!finished, "commit of \(path) after commit or abandon")
        do throws(SystemError) {
            try flush()
            let fd = descriptor, temporary = temporaryPath, destination = path
            _ = try SystemCall.run("fsync", path: temporary) { fsync(fd) }
            // close(2) is not retried on EINTR (Linux frees the descriptor
            // regardless), so it does not go through the retrying funnel.
            descriptor = -1
            if close(fd) != 0 {
                throw SystemError(operation: "close", path: temporary, errno: errno)
            }
            _ = try SystemCall.run("rename", path: destination) { rename(temporary, destination) }
        } catch {
            abandon()
            throw error
        }
        finished = true
        try AtomicFileWriter.syncDirectory(AtomicFileWriter.split(path).directory)
    }

    /// Discards the temporary file. Safe to call more than once, and after a
    /// failed commit; a no-op after a successful one.
    public func abandon() {
        guard !finished else { return }
        finished = true
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        unlink(temporaryPath)
    }

    /// Writes a whole file atomically: `body` appends, then the file is committed.
    /// If `body` throws, the destination is untouched and the error propagates.
    public static func write(to path: String, permissions: UInt32 = 0o644, _ body: (AtomicFileWriter) throws -> Void) throws {
        let writer = try AtomicFileWriter(path: path, permissions: permissions)
        do {
            try body(writer)
        } catch {
            writer.abandon()
            throw error
        }
        try writer.commit()
    }

    /// fsyncs a directory so that entries created or renamed in it are durable.
    public static func syncDirectory(_ directory: String) throws(SystemError) {
        let fd = try SystemCall.run("open", path: directory) { open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { close(fd) }
        _ = try SystemCall.run("fsync", path: directory) { fsync(fd) }
    }

    private func writeFully(_ source: UnsafeRawPointer, count: Int, at offset: Int) throws(SystemError) {
        try FileDescriptor.write(raw: descriptor, path: temporaryPath, UnsafeRawBufferPointer(start: source, count: count), at: offset)
    }

    /// (directory, file name) of a path; the directory of a bare name is ".".
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }
}
