#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLinuxShims
import VectorCore

/// One segment file open for reading and writing: positioned writes, syncs,
/// truncation, through VectorCore's `FileDescriptor` (so errors name the file
/// and tests can inject faults into it).
///
/// The descriptor is immutable for the object's life and closed in deinit, so
/// a group-commit leader holding a reference can fdatasync it outside the
/// WAL's lock while the log rolls on to a new segment.
final class WALSegmentFile: @unchecked Sendable {
    let header: WALSegmentHeader
    let file: FileDescriptor

    var path: String { file.path }

    private init(header: WALSegmentHeader, file: FileDescriptor) {
        self.header = header
        self.file = file
    }

    /// Creates segment `header.sequence` in `directory`: temporary file with
    /// the header, fallocate (tolerating file systems without it), fsync,
    /// rename, fsync directory. Then opens it for writing.
    static func create(in directory: String, header: WALSegmentHeader, preallocateBytes: Int?) throws(SystemError) -> WALSegmentFile {
        let path = directory + "/" + WALSegmentHeader.fileName(sequence: header.sequence)
        let writer = try AtomicFileWriter(path: path, bufferBytes: 4096)
        do throws(SystemError) {
            let bytes = header.encoded()
            let pointer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 8)
            defer { pointer.deallocate() }
            pointer.copyBytes(from: bytes)
            try writer.append(UnsafeRawBufferPointer(pointer))
            if let preallocateBytes, preallocateBytes > bytes.count {
                try reserve(writer, bytes: preallocateBytes)
            }
            try writer.commit()
        } catch {
            writer.abandon()
            throw error
        }
        return try open(path: path, header: header)
    }

    /// Opens an existing segment whose header was already checked.
    static func open(path: String, header: WALSegmentHeader) throws(SystemError) -> WALSegmentFile {
        WALSegmentFile(header: header, file: try FileDescriptor.open(path, flags: O_RDWR))
    }

    /// fallocate; EOPNOTSUPP / ENOSYS (tmpfs on old kernels, some network
    /// file systems) mean the file simply grows as it is written.
    private static func reserve(_ writer: AtomicFileWriter, bytes: Int) throws(SystemError) {
        let temporary = writer.temporaryPath
        let outcome: Result<Int32, SystemError>
        do {
            outcome = try writer.withDescriptor { (descriptor: Int32) -> Result<Int32, SystemError> in
                Result { () throws(SystemError) in
                    try SystemCall.run("fallocate", path: temporary) { vb_fallocate(descriptor, 0, off_t(bytes)) }
                }
            }
        } catch let error as SystemError {
            throw error
        } catch {
            throw SystemError(operation: "fallocate", path: temporary, errno: EIO)
        }
        if case .failure(let error) = outcome, error.errno != EOPNOTSUPP, error.errno != ENOSYS { throw error }
    }

    /// Writes all of `bytes` at `offset` (pwrite, repeated on short writes).
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(SystemError) {
        try file.write(bytes, at: offset)
    }

    /// fdatasync: the data and the metadata needed to read it back.
    func sync() throws(SystemError) { try file.synchronizeData() }

    func truncate(to size: Int) throws(SystemError) { try file.truncate(to: size) }

    /// Overwrites `range` with zeros (a torn tail, before new appends).
    func zero(_ range: Range<Int>) throws(SystemError) {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: min(range.count, 1 << 20), alignment: 4096)
        defer { chunk.deallocate() }
        chunk.initializeMemory(as: UInt8.self, repeating: 0)
        var offset = range.lowerBound
        while offset < range.upperBound {
            let count = min(chunk.count, range.upperBound - offset)
            try write(UnsafeRawBufferPointer(start: chunk.baseAddress, count: count), at: offset)
            offset += count
        }
    }

    /// The file's current size.
    func size() throws(SystemError) -> Int { try file.size() }
}
