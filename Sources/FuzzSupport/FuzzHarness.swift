#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What every fuzz target shares: the corpus replayer of a normal build and
/// the scratch files of targets whose decoder reads a path.
///
/// Each `Fuzz<Name>` executable is built two ways. With
/// `--sanitize=fuzzer -Xswiftc -DFUZZING` (see `make fuzz`) it exports
/// `LLVMFuzzerTestOneInput` and libFuzzer drives it. In a normal build it is
/// a replayer: `fuzz-x <file or directory>…` runs every file through the same
/// entry point, so the committed corpus is exercised without libFuzzer
/// (`make fuzz-replay`). An input that traps fails the replay with the trap,
/// which names the file printed just before it.
public enum FuzzHarness {
    /// Runs `body` on every regular file under `arguments` (files, or
    /// directories walked recursively, in name order). Returns the exit code.
    public static func replay(arguments: [String], name: String, body: (UnsafeRawBufferPointer) -> Void) -> Int32 {
        guard !arguments.isEmpty else {
            printError("usage: \(name) <corpus file or directory>…")
            return 64
        }
        var files: [String] = []
        for argument in arguments {
            guard collect(argument, into: &files) else {
                printError("\(name): cannot read \(argument)")
                return 66
            }
        }
        let verbose = getenv("FUZZ_REPLAY_VERBOSE") != nil
        for file in files {
            guard let bytes = readFile(file) else {
                printError("\(name): cannot read \(file)")
                return 66
            }
            if verbose { printError("\(name): \(file)") }
            bytes.withUnsafeBytes { body($0) }
        }
        print("\(name): replayed \(files.count) inputs")
        return 0
    }

    /// The entry point's bytes as a buffer (libFuzzer may pass a null
    /// pointer with size 0).
    public static func buffer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: size > 0 ? data : nil, count: size)
    }

    /// A directory private to this process for files a decoder must open by
    /// path (in /dev/shm when it exists, so runs do not wear a disk).
    public static let scratchDirectory: String = {
        let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        let path = "\(base)/vecbench-fuzz-\(getpid())"
        mkdir(path, 0o700)
        return path
    }()

    /// Writes `bytes` to `path`, replacing it.
    public static func write(_ bytes: UnsafeRawBufferPointer, to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        precondition(fd >= 0, "fuzz harness: cannot create \(path) (errno \(errno))")
        var done = 0
        while done < bytes.count {
            let wrote = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            precondition(wrote > 0 || errno == EINTR, "fuzz harness: cannot write \(path) (errno \(errno))")
            if wrote > 0 { done += wrote }
        }
        close(fd)
    }

    /// Empties `directory` (files only, one level) and creates it if missing.
    public static func resetDirectory(_ directory: String) {
        mkdir(directory, 0o700)
        guard let handle = opendir(directory) else { return }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(handle)
        for name in names { unlink(directory + "/" + name) }
    }

    private static func collect(_ path: String, into files: inout [String]) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        if (status.st_mode & S_IFMT) == S_IFREG {
            files.append(path)
            return true
        }
        guard (status.st_mode & S_IFMT) == S_IFDIR, let handle = opendir(path) else { return false }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        closedir(handle)
        for name in names.sorted() where !collect(path + "/" + name, into: &files) { return false }
        return true
    }

    private static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { return nil }
            if got == 0 { return bytes }
            bytes += chunk[0..<got]
        }
    }

    private static func printError(_ text: String) {
        let line = Array((text + "\n").utf8)
        _ = line.withUnsafeBytes { Glibc.write(2, $0.baseAddress!, $0.count) }
    }
}
