import CLinuxShims

/// An event as perf_event_open will see it: the perf ABI `type` and `config`
/// (plus config1/config2 for events that need them), the privilege filters,
/// and libpfm4's fully qualified spelling of what it encoded. Produced by
/// `EventEncoder`; kept in results so a report says exactly what was counted.
public struct EventEncoding: Codable, Sendable, Hashable {
    /// The name as requested, e.g. "dTLB-load-misses".
    public var name: String
    /// libpfm4's fully qualified string, e.g.
    /// "perf::PERF_COUNT_HW_CACHE_DTLB:READ:MISS:u=1:k=0:…".
    public var libpfmString: String
    /// The libpfm4 PMU that encoded it, e.g. "perf" (generic) or "skx".
    public var pmu: String
    /// perf_event_attr.type: 0 hardware, 1 software, 3 hardware cache, 4 raw, or
    /// a dynamic PMU type from /sys/bus/event_source/devices/*/type.
    public var type: UInt32
    public var config: UInt64
    public var config1: UInt64
    public var config2: UInt64
    public var excludeUser: Bool
    public var excludeKernel: Bool
    public var excludeHypervisor: Bool
    public var excludeGuest: Bool
    public var excludeHost: Bool
    public var preciseIP: UInt8

    public init(
        name: String, libpfmString: String, pmu: String, type: UInt32, config: UInt64,
        config1: UInt64 = 0, config2: UInt64 = 0, excludeUser: Bool = false,
        excludeKernel: Bool = false, excludeHypervisor: Bool = true,
        excludeGuest: Bool = false, excludeHost: Bool = false, preciseIP: UInt8 = 0
    ) {
        self.name = name
        self.libpfmString = libpfmString
        self.pmu = pmu
        self.type = type
        self.config = config
        self.config1 = config1
        self.config2 = config2
        self.excludeUser = excludeUser
        self.excludeKernel = excludeKernel
        self.excludeHypervisor = excludeHypervisor
        self.excludeGuest = excludeGuest
        self.excludeHost = excludeHost
        self.preciseIP = preciseIP
    }

    /// Software events are kept in their own group so they count even where
    /// the hardware group cannot be scheduled (or does not exist).
    public var isSoftware: Bool { type == UInt32(VB_PERF_TYPE_SOFTWARE) }

    /// Events that run on the CPU's own PMU: generic hardware, hardware
    /// cache and raw events. Whether they can be opened says whether this
    /// machine exposes a CPU PMU at all.
    public var isCoreHardware: Bool {
        type == UInt32(VB_PERF_TYPE_HARDWARE) || type == UInt32(VB_PERF_TYPE_HW_CACHE)
            || type == UInt32(VB_PERF_TYPE_RAW)
    }

    /// Which privilege levels are counted, as perf spells the modifiers.
    public var privilegeLevels: String {
        switch (excludeUser, excludeKernel) {
        case (false, false): "u+k"
        case (false, true): "u"
        case (true, false): "k"
        case (true, true): "none"
        }
    }

    /// The events that may share a perf_event group: one PMU each, except
    /// that generic hardware, cache and raw events all land on the CPU PMU.
    var groupKey: UInt32 {
        isCoreHardware ? UInt32(VB_PERF_TYPE_RAW) : type
    }

    /// The spec handed to perf_event_open, before group and target flags.
    var perfEventSpec: vb_perf_event_spec {
        var spec = vb_perf_event_spec()
        spec.type = type
        spec.config = config
        spec.config1 = config1
        spec.config2 = config2
        spec.exclude_user = excludeUser ? 1 : 0
        spec.exclude_kernel = excludeKernel ? 1 : 0
        spec.exclude_hv = excludeHypervisor ? 1 : 0
        spec.exclude_guest = excludeGuest ? 1 : 0
        spec.exclude_host = excludeHost ? 1 : 0
        spec.precise_ip = preciseIP
        return spec
    }
}
