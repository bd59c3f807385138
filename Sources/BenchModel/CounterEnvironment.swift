/// The facts about a machine that decide which counters can count, as the
/// counters document records them (the fields of HardwareCounters'
/// `PerfEventEnvironment`, spelled the same).
public struct CounterEnvironment: Codable, Sendable, Equatable {
    /// /proc/sys/kernel/perf_event_paranoid; nil when unreadable.
    public var paranoid: Int?
    /// PMUs the kernel registered.
    public var eventSources: [String]
    /// The CPU PMU among them; nil when the kernel exposes none.
    public var cpuPMU: String?
    public var hypervisor: String?
    /// CAP_PERFMON or CAP_SYS_ADMIN: not limited by perf_event_paranoid.
    public var isPrivileged: Bool
    public var kernelRelease: String

    public init(paranoid: Int?, eventSources: [String], cpuPMU: String?, hypervisor: String?, isPrivileged: Bool,
                kernelRelease: String) {
        self.paranoid = paranoid
        self.eventSources = eventSources
        self.cpuPMU = cpuPMU
        self.hypervisor = hypervisor
        self.isPrivileged = isPrivileged
        self.kernelRelease = kernelRelease
    }
}
