#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A dataset file open for reading: the descriptor, its size at open time,
/// and positioned reads that go through `SystemCall`. Reads use `pread` so
/// nothing depends on a shared file position.
final class DatasetFile {
    let path: String
    let size: Int
    private let descriptor: Int32

    /// One pread asks for at most this much: large enough that syscall cost
    /// vanishes, small enough to stay well under Linux's 2 GiB per-call cap.
    static let maximumReadBytes = 64 << 20

    init(path: String) throws(DatasetError) {
        self.path = path
        let fd: Int32
        do {
            fd = try SystemCall.run("open", path: path) { open(path, O_RDONLY | O_CLOEXEC) }
        } catch {
            throw .system(error)
        }
        var status = stat()
        do {
            _ = try SystemCall.run("fstat", path: path) { fstat(fd, &status) }
        } catch {
            close(fd)
            throw .system(error)
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw .system(SystemError(operation: "open", path: path, errno: EISDIR))
        }
        descriptor = fd
        size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    /// Reads `count` bytes at `offset` into `destination`, looping over short
    /// reads; returns how many bytes were read (fewer only at end of file).
    func read(into destination: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(DatasetError) -> Int {
        var done = 0
        while done < count {
            let request = min(count - done, DatasetFile.maximumReadBytes)
            let got: Int
            do {
                got = try SystemCall.run("pread", path: path) {
                    pread(descriptor, destination + done, request, off_t(offset + done))
                }
            } catch {
                throw .system(error)
            }
            if got == 0 { break }
            done += got
        }
        return done
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
