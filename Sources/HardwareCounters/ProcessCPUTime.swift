#if canImport(Glibc)
import Glibc
#endif
import VectorCore

/// CPU time a process has used, all its threads (exited ones too), from
/// fields 14 and 15 of /proc/<pid>/stat (utime, stime in clock ticks).
/// getrusage reads this only for the calling process; this reads any
/// process we may inspect — the worker processes tenants are placed in.
/// Resolution is one clock tick (`sysconf(_SC_CLK_TCK)`).
public struct ProcessCPUTime: Codable, Sendable, Equatable {
    public var userMicros: UInt64
    public var systemMicros: UInt64

    public init(userMicros: UInt64, systemMicros: UInt64) {
        self.userMicros = userMicros
        self.systemMicros = systemMicros
    }

    /// User and system together.
    public var totalMicros: UInt64 { userMicros &+ systemMicros }

    /// Parses /proc/<pid>/stat. The command name (field 2) is in parentheses
    /// and may hold spaces and parentheses itself, so fields are counted from
    /// the last ')'.
    public static func parse(_ text: String, ticksPerSecond: Int) -> OSReading<ProcessCPUTime> {
        guard ticksPerSecond > 0 else { return .unavailable(reason: "sysconf(_SC_CLK_TCK) gave no clock tick rate") }
        guard let close = text.lastIndex(of: ")") else {
            return .unavailable(reason: "/proc/<pid>/stat has no command name in parentheses")
        }
        // After ')': field 3 (state) is the first, so utime (14) is the 12th.
        let fields = text[text.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count > 12, let user = UInt64(fields[11]), let system = UInt64(fields[12]) else {
            return .unavailable(reason: "/proc/<pid>/stat lacks numeric utime/stime fields")
        }
        let micros = { (ticks: UInt64) in ticks &* 1_000_000 / UInt64(ticksPerSecond) }
        return .available(ProcessCPUTime(userMicros: micros(user), systemMicros: micros(system)))
    }

    /// This process (nil) or process `pid`.
    public static func read(pid: Int32? = nil) -> OSReading<ProcessCPUTime> {
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        return .reading("/proc/\(pid.map(String.init) ?? "self")/stat") { parse($0, ticksPerSecond: ticks) }
    }

    /// CPU time used between two readings of the same process.
    public static func delta(from start: ProcessCPUTime, to end: ProcessCPUTime) -> ProcessCPUTime {
        ProcessCPUTime(userMicros: end.userMicros &- start.userMicros, systemMicros: end.systemMicros &- start.systemMicros)
    }
}
