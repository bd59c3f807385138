#if canImport(Glibc)
import Glibc
#endif

/// What a directory tree costs on disk, as `du` counts it: blocks allocated
/// (`st_blocks` × 512, preallocated WAL space included) and the apparent
/// size (`st_size`, what a sparse or preallocated file claims). Symbolic
/// links are not followed; a file hard-linked twice counts twice.
public struct DiskUsage: Sendable, Equatable {
    public var allocatedBytes: UInt64
    public var apparentBytes: UInt64
    public var files: Int

    public init(allocatedBytes: UInt64 = 0, apparentBytes: UInt64 = 0, files: Int = 0) {
        self.allocatedBytes = allocatedBytes
        self.apparentBytes = apparentBytes
        self.files = files
    }

    /// Walks `path`. Entries that vanish during the walk (a seal renaming
    /// its staging directory, a truncated WAL segment) are skipped.
    public static func measure(_ path: String) throws(SystemError) -> DiskUsage {
        var usage = DiskUsage()
        var status = stat()
        _ = try SystemCall.run("lstat", path: path) { lstat(path, &status) }
        usage.add(status)
        if Self.isDirectory(status) { try usage.walk(path) }
        return usage
    }

    private static func isDirectory(_ status: stat) -> Bool {
        status.st_mode & 0o170000 == 0o040000
    }

    private mutating func add(_ status: stat) {
        allocatedBytes += UInt64(max(status.st_blocks, 0)) * 512
        apparentBytes += UInt64(max(status.st_size, 0))
        files += 1
    }

    private mutating func walk(_ directory: String) throws(SystemError) {
        var opened: OpaquePointer?
        do throws(SystemError) {
            _ = try SystemCall.run("opendir", path: directory) { () -> Int32 in
                opened = opendir(directory)
                return opened == nil ? -1 : 0
            }
        } catch where error.errno == ENOENT {
            return
        }
        guard let stream = opened else { return }
        defer { closedir(stream) }
        let descriptor = dirfd(stream)
        var subdirectories: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var status = stat()
            do throws(SystemError) {
                _ = try SystemCall.run("fstatat", path: directory + "/" + name) {
                    fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW)
                }
            } catch where error.errno == ENOENT {
                continue
            }
            add(status)
            if Self.isDirectory(status) { subdirectories.append(directory + "/" + name) }
        }
        for subdirectory in subdirectories { try walk(subdirectory) }
    }
}
