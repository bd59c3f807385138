#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VectorCore

/// The WAL directory's file-level chores: creating it, listing segments,
/// removing leftovers (the `LOCK` file is `WALDirectoryLock`'s). Recovery proper is in
/// `WALDirectory+Recovery.swift`.
enum WALDirectory {
    static let lockFileName = "LOCK"
    /// AtomicFileWriter's temporary names: `.tmp-<pid>-<n>-<final name>`.
    static let temporaryPrefix = ".tmp-"

    /// Creates `directory` and missing parents, each made durable in its parent.
    static func makeDirectory(_ directory: String) throws(SystemError) {
        var status = stat()
        if stat(directory, &status) == 0 { return }
        let parent = parent(of: directory)
        if parent != directory { try makeDirectory(parent) }
        do {
            _ = try SystemCall.run("mkdir", path: directory) { mkdir(directory, 0o755) }
        } catch where error.errno == EEXIST {
            return
        }
        try AtomicFileWriter.syncDirectory(parent)
    }

    /// Names in `directory` (no "." or "..").
    static func list(_ directory: String) throws(SystemError) -> [String] {
        var handle: OpaquePointer?
        _ = try SystemCall.run("opendir", path: directory) { () -> Int32 in
            handle = opendir(directory)
            return handle == nil ? -1 : 0
        }
        defer { closedir(handle!) }
        var names: [String] = []
        while let entry = readdir(handle!) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The directory part of a path ("." for a bare name, "/" for the root).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    static func remove(_ path: String) throws(SystemError) {
        _ = try SystemCall.run("unlink", path: path) { unlink(path) }
    }
}
