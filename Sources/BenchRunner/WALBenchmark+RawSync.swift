import BenchModel
import Foundation
import VectorCore

extension WALBenchmark {
    static let rawWriteBytes = 4096

    /// How the raw loop chooses where to write.
    enum RawPattern: String, CaseIterable {
        /// Consecutive 4 KiB blocks of a file preallocated with
        /// posix_fallocate (wrapping at its end): like WAL appends, each
        /// fdatasync also converts an unwritten extent.
        case appendPreallocated = "append-preallocated"
        /// The same 4 KiB block every time: data only, no metadata.
        case overwrite
    }

    /// One round of the tight pwrite + fdatasync loop on a file in the data
    /// directory.
    func rawSync(root: String, pattern: RawPattern) throws -> WALBenchResult.Round {
        let path = root + "/raw-fdatasync-\(pattern.rawValue).dat"
        try? FileManager.default.removeItem(atPath: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try RawWriter(path: path, pattern: pattern, fileBytes: 256 << 20)
        let (seconds, tallies) = try Self.timedLoop(threads: 1, seconds: configuration.secondsPerRound) { _ in
            try writer.writeAndSync()
        }
        return Self.round(seconds: seconds, tallies: tallies, fsyncs: tallies[0].operations)
    }

    /// The raw loop's file and 4 KiB block (used by its one thread only).
    final class RawWriter: @unchecked Sendable {
        let path: String
        let descriptor: Int32
        let block: UnsafeMutableRawBufferPointer
        let blocks: Int
        let moving: Bool
        private var next = 0

        init(path: String, pattern: RawPattern, fileBytes: Int) throws {
            self.path = path
            descriptor = try SystemCall.run("open", path: path) { open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
            block = .allocate(byteCount: WALBenchmark.rawWriteBytes, alignment: 4096)
            for index in 0..<block.count { block[index] = UInt8(truncatingIfNeeded: index &* 7) }
            blocks = fileBytes / WALBenchmark.rawWriteBytes
            moving = pattern == .appendPreallocated
            let fd = descriptor
            switch pattern {
            case .appendPreallocated:
                try SystemCall.runReturningErrno("posix_fallocate", path: path) { posix_fallocate(fd, 0, off_t(fileBytes)) }
            case .overwrite:
                try writeBlock(at: 0)
            }
            _ = try SystemCall.run("fsync", path: path) { fsync(fd) }
        }

        deinit {
            close(descriptor)
            block.deallocate()
        }

        func writeAndSync() throws {
            try writeBlock(at: moving ? next : 0)
            next = (next + 1) % blocks
            let fd = descriptor
            _ = try SystemCall.run("fdatasync", path: path) { fdatasync(fd) }
        }

        private func writeBlock(at index: Int) throws {
            let fd = descriptor, base = block.baseAddress, count = block.count
            let written = try SystemCall.run("pwrite", path: path) { pwrite(fd, base, count, off_t(index * count)) }
            guard written == count else { throw SystemError(operation: "pwrite", path: path, errno: EIO) }
        }
    }
}
