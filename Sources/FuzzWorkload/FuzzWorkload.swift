import FuzzSupport
import Workloads
#if canImport(Glibc)
import Glibc
#endif

/// Fuzz target: workload YAML → `Workload` (`WorkloadFile.parse`: Yams,
/// the schema walk, validation), without opening dataset files.
///
/// Input: the workload text (invalid UTF-8 is repaired, as `String(decoding:)`
/// does). Anything but a `WorkloadError` is a finding; so is a parse that
/// does not finish promptly (libFuzzer's `-timeout`), since the schema bounds
/// what a workload may ask for.
enum FuzzWorkload {
    static func run(_ input: UnsafeRawBufferPointer) {
        let text = String(decoding: input, as: UTF8.self)
        guard let workload = try? WorkloadFile.parse(yaml: text, source: "fuzz.yaml", checkDataFiles: false) else { return }
        let configurations = workload.configurations()
        precondition(!configurations.isEmpty, "a parsed workload has no configuration")
        _ = try? workload.checkRunSize(repetitions: 1)
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzWorkload.run(FuzzHarness.buffer(data, size))
    return 0
}
#else
@main
struct FuzzWorkloadReplay {
    static func main() {
        exit(FuzzHarness.replay(arguments: Array(CommandLine.arguments.dropFirst()), name: "fuzz-workload", body: FuzzWorkload.run))
    }
}
#endif
