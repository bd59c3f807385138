#if canImport(Glibc)
import Glibc
#endif

/// What a process holds right now, read from /proc: resident memory
/// (`VmRSS` of `status`), open file descriptors (entries of `fd/`) and
/// memory maps (lines of `maps`). The figures a tenant's idle cost is the
/// difference of. Each is nil when it could not be read, `unavailable`
/// saying why (another user's process, a kernel without the file).
public struct ProcessFootprint: Sendable, Equatable {
    public var rssBytes: UInt64?
    public var openFiles: Int?
    public var memoryMaps: Int?
    public var unavailable: [String] = []

    public init(rssBytes: UInt64?, openFiles: Int?, memoryMaps: Int?, unavailable: [String] = []) {
        self.rssBytes = rssBytes
        self.openFiles = openFiles
        self.memoryMaps = memoryMaps
        self.unavailable = unavailable
    }

    /// Which figures to read: a per-second sample wants only the cheap ones.
    public struct Parts: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let rss = Parts(rawValue: 1)
        public static let openFiles = Parts(rawValue: 2)
        public static let memoryMaps = Parts(rawValue: 4)
        public static let all: Parts = [.rss, .openFiles, .memoryMaps]
    }

    /// Reads process `pid` (nil: this process); figures not in `parts` stay nil.
    public static func read(pid: Int32? = nil, parts: Parts = .all) -> ProcessFootprint {
        let root = "/proc/" + (pid.map(String.init) ?? "self")
        var footprint = ProcessFootprint(rssBytes: nil, openFiles: nil, memoryMaps: nil)
        if parts.contains(.rss) {
            do {
                footprint.rssBytes = ProcKeyValues(parsing: try ProcText.read(root + "/status"))["VmRSS"]
                if footprint.rssBytes == nil { footprint.unavailable.append("\(root)/status has no VmRSS") }
            } catch {
                footprint.unavailable.append("\(error)")
            }
        }
        if parts.contains(.openFiles) {
            do { footprint.openFiles = try countOpenFiles(root + "/fd") } catch { footprint.unavailable.append("\(error)") }
        }
        if parts.contains(.memoryMaps) {
            do {
                footprint.memoryMaps = try ProcText.read(root + "/maps").utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            } catch {
                footprint.unavailable.append("\(error)")
            }
        }
        return footprint
    }

    /// Entries of an `fd/` directory, less the one this count itself holds
    /// open when it reads its own process.
    static func countOpenFiles(_ directory: String) throws(SystemError) -> Int {
        var count = try descriptorNames(directory).count
        // The directory stream is itself a descriptor of this process.
        if directory.hasPrefix("/proc/self/") || directory.hasPrefix("/proc/\(getpid())/") { count -= 1 }
        return count
    }

    /// The entry names of a directory (an `fd/` one: the descriptor
    /// numbers), `.` and `..` left out. A directory that cannot be opened or
    /// read throws naming it; it never reads as empty.
    static func descriptorNames(_ directory: String) throws(SystemError) -> [String] {
        var opened: OpaquePointer?
        _ = try SystemCall.run("opendir", path: directory) { () -> Int32 in
            opened = opendir(directory)
            return opened == nil ? -1 : 0
        }
        guard let stream = opened else { throw SystemError(operation: "opendir", path: directory, errno: EBADF) }
        defer { closedir(stream) }
        var names: [String] = []
        while true {
            // readdir returns nil both at the end and on an error; only errno tells them apart.
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw SystemError(operation: "readdir", path: directory, errno: errno) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Hands the heap's free pages back to the kernel (glibc `malloc_trim`),
    /// so that a reading of resident memory holds what is in use rather than
    /// what was freed and not yet returned: taken before each reading that
    /// a per-tenant cost is the difference of. Returns false where the C
    /// library has no `malloc_trim` (then nothing was released).
    @discardableResult
    public static func releaseFreeHeapMemory() -> Bool {
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return false }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        return true
    }

    /// Sums footprints (this process and its workers): a figure stays a
    /// number only while every part is one.
    public static func sum(_ parts: [ProcessFootprint]) -> ProcessFootprint {
        func total<T: AdditiveArithmetic>(_ values: [T?]) -> T? {
            values.contains { $0 == nil } ? nil : values.reduce(T.zero) { $0 + $1! }
        }
        return ProcessFootprint(rssBytes: total(parts.map(\.rssBytes)), openFiles: total(parts.map(\.openFiles)),
                                memoryMaps: total(parts.map(\.memoryMaps)), unavailable: parts.flatMap(\.unavailable))
    }
}

/// Reads a small kernel-generated text file whole (they report size 0 and
/// must be read until EOF).
enum ProcText {
    static func read(_ path: String) throws(SystemError) -> String {
        let descriptor = try SystemCall.run("open", path: path) { open(path, O_RDONLY | O_CLOEXEC) }
        defer { _ = close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = try chunk.withUnsafeMutableBytes { buffer in
                Result { () throws(SystemError) -> Int in
                    try SystemCall.run("read", path: path) { Glibc.read(descriptor, buffer.baseAddress, buffer.count) }
                }
            }.get()
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension ProcessFootprint {
    /// Open descriptors of process `pid` (nil: this process) whose target
    /// lies under `prefix`: the files a set of collections holds open,
    /// apart from the process's own.
    public static func openFiles(pid: Int32? = nil, under prefix: String) throws(SystemError) -> Int {
        let directory = "/proc/" + (pid.map(String.init) ?? "self") + "/fd"
        let names = try descriptorNames(directory)
        var count = 0
        var target = [CChar](repeating: 0, count: 4_097)
        for name in names {
            let link = directory + "/" + name
            // A descriptor closed since the listing is simply not counted.
            guard let length = try? SystemCall.run("readlink", path: link, { readlink(link, &target, 4_096) }) else { continue }
            let path = String(decoding: target[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if path.hasPrefix(prefix) { count += 1 }
        }
        return count
    }
}
