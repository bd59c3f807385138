#if canImport(Glibc)
import Glibc
#endif
import VectorCore

/// Reads small kernel-generated files (/proc, /sys) whole, through the
/// syscall funnel. Such files report size 0 and must be read until EOF; they
/// are read in one pass so the kernel produces one consistent snapshot where
/// it can (smaps_rollup, io, diskstats are generated per read call).
enum ProcFile {
    static func read(_ path: String) throws(SystemError) -> String {
        let fd = try SystemCall.run("open", path: path) { open(path, O_RDONLY | O_CLOEXEC) }
        defer { _ = close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = try chunk.withUnsafeMutableBytes { buffer in
                Result { () throws(SystemError) -> Int in
                    try SystemCall.run("read", path: path) { Glibc.read(fd, buffer.baseAddress, buffer.count) }
                }
            }.get()
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The file's content, or nil when it cannot be read (absent on this
    /// kernel, not permitted). For optional facts only; readings that must
    /// say why they are missing use `read` and keep the error.
    static func readIfPresent(_ path: String) -> String? {
        try? read(path)
    }

    /// The first line, trimmed; for sysfs attribute files.
    static func readValue(_ path: String) -> String? {
        guard let text = readIfPresent(path) else { return nil }
        return text.split(separator: "\n", maxSplits: 1).first.map { String($0).trimmed } ?? ""
    }

    /// Names in a directory, without "." and "..".
    static func directoryEntries(_ path: String) throws(SystemError) -> [String] {
        let fd = try SystemCall.run("open", path: path) { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard let directory = fdopendir(fd) else {
            let code = errno
            _ = close(fd)
            throw SystemError(operation: "fdopendir", path: path, errno: code)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The target of a symbolic link.
    static func readLink(_ path: String) throws(SystemError) -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = try SystemCall.run("readlink", path: path) {
            buffer.withUnsafeMutableBufferPointer { readlink(path, $0.baseAddress!, $0.count - 1) }
        }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension StringProtocol {
    var trimmed: String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
