#if canImport(Glibc)
import Glibc
#endif
import VectorCore

/// getrusage(2): CPU time, faults, block I/O and context switches as the
/// kernel accounts them per process (or per thread, or for waited-for
/// children).
public struct ResourceUsage: Codable, Sendable, Equatable {
    public enum Who: String, Codable, Sendable {
        /// The whole process, all threads.
        case process
        /// The calling thread only.
        case thread
        /// Children that have been waited for.
        case children

        var code: Int32 {
            switch self {
            case .process: RUSAGE_SELF.rawValue
            case .thread: 1  // RUSAGE_THREAD
            case .children: RUSAGE_CHILDREN.rawValue
            }
        }
    }

    public var userMicros: UInt64
    public var systemMicros: UInt64
    /// Peak resident set in bytes (a high-water mark, not a delta).
    public var maxResidentBytes: UInt64
    public var minorFaults: UInt64
    public var majorFaults: UInt64
    /// 512-byte blocks read/written through the filesystem.
    public var blockInputs: UInt64
    public var blockOutputs: UInt64
    public var voluntaryContextSwitches: UInt64
    public var involuntaryContextSwitches: UInt64

    public static func read(_ who: Who = .process) -> OSReading<ResourceUsage> {
        var usage = rusage()
        do {
            _ = try SystemCall.run("getrusage") { getrusage(__rusage_who_t(who.code), &usage) }
        } catch {
            return .unavailable(reason: error.description)
        }
        func micros(_ time: timeval) -> UInt64 { UInt64(time.tv_sec) * 1_000_000 + UInt64(time.tv_usec) }
        return .available(
            ResourceUsage(
                userMicros: micros(usage.ru_utime), systemMicros: micros(usage.ru_stime),
                maxResidentBytes: UInt64(usage.ru_maxrss) * 1024, minorFaults: UInt64(usage.ru_minflt),
                majorFaults: UInt64(usage.ru_majflt), blockInputs: UInt64(usage.ru_inblock),
                blockOutputs: UInt64(usage.ru_oublock), voluntaryContextSwitches: UInt64(usage.ru_nvcsw),
                involuntaryContextSwitches: UInt64(usage.ru_nivcsw)))
    }

    /// Usage between two readings; the peak RSS is the end's high-water mark.
    public static func delta(from start: ResourceUsage, to end: ResourceUsage) -> ResourceUsage {
        ResourceUsage(
            userMicros: end.userMicros &- start.userMicros, systemMicros: end.systemMicros &- start.systemMicros,
            maxResidentBytes: end.maxResidentBytes, minorFaults: end.minorFaults &- start.minorFaults,
            majorFaults: end.majorFaults &- start.majorFaults, blockInputs: end.blockInputs &- start.blockInputs,
            blockOutputs: end.blockOutputs &- start.blockOutputs,
            voluntaryContextSwitches: end.voluntaryContextSwitches &- start.voluntaryContextSwitches,
            involuntaryContextSwitches: end.involuntaryContextSwitches &- start.involuntaryContextSwitches)
    }
}
