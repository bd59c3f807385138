#if canImport(Glibc)
import Glibc
#endif

/// The facts about this machine that decide which counters can count and
/// explain why others cannot: the perf_event_paranoid setting, whether the
/// kernel exposes a CPU PMU, whether we run under a hypervisor, and our
/// privileges. Captured once per run and embedded in results.
public struct PerfEventEnvironment: Codable, Sendable, Equatable {
    /// /proc/sys/kernel/perf_event_paranoid, nil when unreadable (then the
    /// kernel has no perf_event support at all, or /proc is hidden).
    public var paranoid: Int?
    /// PMUs the kernel registered, from /sys/bus/event_source/devices.
    public var eventSources: [String]
    /// The CPU PMU among them ("cpu", "cpu_core", "armv8_pmuv3_0", …), nil
    /// when the kernel exposes none — typical of virtual machines.
    public var cpuPMU: String?
    /// The hypervisor we run under when one is detectable ("KVM", "Xen", or
    /// "unnamed hypervisor" for the bare cpuinfo flag), nil on bare metal.
    public var hypervisor: String?
    /// Effective CAP_PERFMON or CAP_SYS_ADMIN (or euid 0 when capabilities
    /// cannot be read): such a process is not limited by perf_event_paranoid.
    public var isPrivileged: Bool
    /// uname -r.
    public var kernelRelease: String

    public init(
        paranoid: Int?, eventSources: [String], cpuPMU: String?, hypervisor: String?,
        isPrivileged: Bool, kernelRelease: String
    ) {
        self.paranoid = paranoid
        self.eventSources = eventSources
        self.cpuPMU = cpuPMU
        self.hypervisor = hypervisor
        self.isPrivileged = isPrivileged
        self.kernelRelease = kernelRelease
    }

    /// Reads the facts from /proc and /sys.
    public static func current() -> PerfEventEnvironment {
        let devicesPath = "/sys/bus/event_source/devices"
        let sources = (try? ProcFile.directoryEntries(devicesPath)) ?? []
        return PerfEventEnvironment(
            paranoid: ProcFile.readValue("/proc/sys/kernel/perf_event_paranoid").flatMap { Int($0) },
            eventSources: sources,
            cpuPMU: cpuPMU(among: sources, devicesPath: devicesPath),
            hypervisor: detectHypervisor(),
            isPrivileged: detectPrivilege(),
            kernelRelease: kernelRelease())
    }

    /// Whether events may include the kernel without being refused.
    public var mayCountKernel: Bool { isPrivileged || (paranoid ?? 2) <= 1 }

    /// One line for people: is there a CPU PMU, and if not, why not.
    public var pmuSummary: String {
        if let cpuPMU { return "CPU PMU '\(cpuPMU)' exposed by the kernel" }
        return noCPUPMUReason
    }

    /// Why hardware events cannot count when the kernel lists no CPU PMU.
    var noCPUPMUReason: String {
        if let hypervisor {
            return "no CPU PMU exposed — virtual machine (\(hypervisor)); the hypervisor passes no "
                + "performance counters through (no cpu PMU in /sys/bus/event_source/devices)"
        }
        return "no CPU PMU exposed by the kernel (no cpu PMU in /sys/bus/event_source/devices; "
            + "kernel built without CPU perf support, or an unsupported CPU)"
    }

    /// The CPU PMU registers with type PERF_TYPE_RAW (4) on x86 and Arm (on
    /// hybrid Intel, "cpu_core" does and "cpu_atom" gets a dynamic type), so a
    /// device of type 4 or a known CPU PMU name means hardware events can be
    /// routed somewhere.
    private static func cpuPMU(among sources: [String], devicesPath: String) -> String? {
        let knownNames: Set = ["cpu", "cpu_core", "cpu_atom"]
        if let named = sources.first(where: { knownNames.contains($0) }) { return named }
        return sources.first { name in
            ProcFile.readValue("\(devicesPath)/\(name)/type") == "4"
                || name.hasPrefix("armv8_") || name.hasPrefix("armv7_")
        }
    }

    private static func detectHypervisor() -> String? {
        if let type = ProcFile.readValue("/sys/hypervisor/type"), !type.isEmpty {
            return type == "xen" ? "Xen" : type
        }
        let vendor = ProcFile.readValue("/sys/class/dmi/id/sys_vendor") ?? ""
        let product = ProcFile.readValue("/sys/class/dmi/id/product_name") ?? ""
        let dmi = vendor + " " + product
        let knownVMs = [
            ("KVM", "KVM"), ("QEMU", "QEMU"), ("VMware", "VMware"), ("VirtualBox", "VirtualBox"),
            ("Microsoft Corporation Virtual Machine", "Hyper-V"), ("Amazon EC2", "Amazon EC2"),
            ("Google Compute Engine", "Google Compute Engine"), ("Xen", "Xen"),
        ]
        let cpuFlagged = cpuInfoHasHypervisorFlag()
        if let match = knownVMs.first(where: { dmi.contains($0.0) }) {
            // Bare-metal cloud instances also carry a cloud vendor string; only
            // the cpuinfo flag says we really are a guest.
            if cpuFlagged || match.1 == "KVM" || match.1 == "QEMU" { return match.1 }
        }
        return cpuFlagged ? "hypervisor flag in /proc/cpuinfo" : nil
    }

    private static func cpuInfoHasHypervisorFlag() -> Bool {
        guard let cpuinfo = ProcFile.readIfPresent("/proc/cpuinfo") else { return false }
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("flags") {
            return line.split(separator: " ").contains("hypervisor")
        }
        return false
    }

    /// CapEff from /proc/self/status: CAP_SYS_ADMIN is bit 21, CAP_PERFMON
    /// bit 38 (Linux 5.8+). A root process in a container may lack both, so
    /// euid alone would overstate what we may do.
    private static func detectPrivilege() -> Bool {
        if let status = ProcFile.readIfPresent("/proc/self/status") {
            for line in status.split(separator: "\n") where line.hasPrefix("CapEff:") {
                let hex = line.dropFirst("CapEff:".count).trimmed
                if let mask = UInt64(hex, radix: 16) {
                    return mask & (1 << 21) != 0 || mask & (1 << 38) != 0
                }
            }
        }
        return geteuid() == 0
    }

    private static func kernelRelease() -> String {
        var name = utsname()
        guard uname(&name) == 0 else { return "unknown" }
        return withUnsafeBytes(of: name.release) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }
}
