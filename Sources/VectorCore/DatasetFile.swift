#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A dataset file open for reading: the descriptor, its size at open time,
/// and positioned reads through `FileDescriptor`. Reads use `pread` so
/// nothing depends on a shared file position.
final class DatasetFile {
    let size: Int
    private let file: FileDescriptor

    var path: String { file.path }

    /// One pread asks for at most this much: large enough that syscall cost
    /// vanishes, small enough to stay well under Linux's 2 GiB per-call cap.
    static let maximumReadBytes = 64 << 20

    init(path: String) throws(DatasetError) {
        do throws(SystemError) {
            file = try FileDescriptor.openForReading(path)
            var status = stat()
            let raw = file.raw
            _ = try SystemCall.run("fstat", path: path) { fstat(raw, &status) }
            if (status.st_mode & S_IFMT) == S_IFDIR {
                throw SystemError(operation: "open", path: path, errno: EISDIR)
            }
            size = Int(status.st_size)
        } catch {
            throw .system(error)
        }
    }

    /// Reads `count` bytes at `offset` into `destination`, looping over short
    /// reads; returns how many bytes were read (fewer only at end of file).
    func read(into destination: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(DatasetError) -> Int {
        do {
            return try file.read(into: destination, count: count, at: offset, chunk: DatasetFile.maximumReadBytes)
        } catch {
            throw .system(error)
        }
    }

    /// A little-endian 32-bit word at `offset`; nil when fewer than 4 bytes remain.
    func readUInt32(at offset: Int) throws(DatasetError) -> UInt32? {
        var word: UInt32 = 0
        let got = try withUnsafeMutableBytes(of: &word) { (bytes: UnsafeMutableRawBufferPointer) throws(DatasetError) -> Int in
            try read(into: bytes.baseAddress!, count: 4, at: offset)
        }
        return got == 4 ? UInt32(littleEndian: word) : nil
    }
}
