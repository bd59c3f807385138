/// The event names vecbench asks for by default, as perf spells them.
public enum EventCatalog {
    /// Generic hardware events: perf's portable names, mapped by the kernel
    /// onto whatever the CPU's PMU calls them.
    public static let genericHardware = [
        "cycles", "instructions", "cache-references", "cache-misses",
        "L1-dcache-load-misses", "LLC-load-misses",
        "dTLB-load-misses", "dTLB-store-misses", "iTLB-load-misses",
    ]

    /// Kernel software events: they count everywhere perf_event exists,
    /// including virtual machines without a PMU.
    public static let software = [
        "task-clock", "page-faults", "minor-faults", "major-faults", "context-switches", "cpu-migrations",
    ]

    public static let defaultEvents = genericHardware + software

    /// Splits a command-line list ("cycles,dTLB-load-misses") into names.
    /// Commas separate events; libpfm4 modifiers use ':' so they survive.
    public static func parseList(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmed }.filter { !$0.isEmpty }
    }
}
