#if canImport(Glibc)
import Glibc
#endif
import VectorCore

// VecbenchProbe: a fixed, seeded search workload for Valgrind.
//
// Valgrind 3.19 (Debian bookworm) cannot run `vecbench`: it gives up
// reading the DWARF 5 debug information of the binary and of Swift's
// Foundation libraries. This executable links only VectorCore, VectorIndex
// and MemoryModel — no Foundation, no Dispatch threads — and is built
// without debug information and for the baseline x86-64 target (no
// AVX-512, which Valgrind does not decode), so its instruction counts do
// not depend on the host CPU. See `make bench-instructions` and
// `make model-check`.

do {
    let options = try ProbeOptions(arguments: Array(CommandLine.arguments.dropFirst()))
    let workload = try ProbeWorkload(options: options)
    let warm = workload.warmUp()
    switch options.mode {
    case .search, .prefix:
        let flushed = workload.flushCaches()
        var checksum: UInt64 = 0
        if options.mode == .search {
            checksum = workload.searchAll()
        }
        print("{\"mode\": \"\(options.mode.rawValue)\", \"queries\": \(options.mode == .search ? options.queries : 0), "
              + "\"checksum\": \(checksum), \"warm\": \(warm), \"flushed\": \(flushed)}")
    case .model:
        print(try ProbeModelReplay(workload: workload).run())
    }
} catch {
    let message = Array("VecbenchProbe: \(error)\n\(ProbeOptions.usage)\n".utf8)
    _ = try? message.withUnsafeBytes { bytes in
        try SystemCall.run("write", path: "stderr") { write(2, bytes.baseAddress, bytes.count) }
    }
    exit(64)
}
