/// What the capacity plan is for: the fleet to size, and the assumptions
/// that are choices rather than measurements (each has a stated default).
///
/// Every input is bounded where it enters (`validate()`, which names the
/// flag), so no figure of the plan can overflow a conversion:
///
/// | flag | range | why this bound |
/// |---|---|---|
/// | `--tenants` | 1 … 1,000,000 | `InputLimit.tenants`: what a run can measure |
/// | `--vectors-per-tenant` | 1 … 1,000,000,000 | `InputLimit.points` |
/// | `--dim` | 1 … 65,536 | `InputLimit.dimension` |
/// | `--target-recall` | (0, 1] | a recall |
/// | `--peak-qps` | (0, 10^9] | searches/s over the fleet; beyond, nodes overflow nothing but mean nothing |
/// | `--writes-per-second` | [0, 10^9] | write calls/s over the fleet |
/// | `--node-ram` | 1 MiB … 1 PiB | one machine |
/// | `--node-cores` | 1 … 4,096 | one machine |
/// | `--ram-usable`, `--cpu-utilization` | (0, 1] | shares |
/// | `--device-fsyncs-per-second` | (0, 10^9] | one device |
/// | `--distance-share` | [0, 1] | a share |
/// | `--dtlb-entries` | 1 … 1,048,576 | one TLB |
/// | `--open-files-limit` | 1 … 1,073,741,824 | a process's `RLIMIT_NOFILE` (Linux caps `nr_open` at 2^30) |
/// | `--search-p99-limit-ms` | (0, 10^9] | a latency objective |
public struct CapacityPlanRequest: Sendable, Equatable {
    public var tenants: Int
    public var vectorsPerTenant: Int
    public var dimension: Int
    /// Mean recall@k the service must keep.
    public var targetRecall: Double
    /// Searches per second over the whole fleet at peak.
    public var peakQPS: Double
    /// Write calls (upserts and deletes) per second over the whole fleet at
    /// peak; nil: the run's writes per search × peak QPS, and the plan says so.
    public var writesPerSecond: Double?
    public var nodeRAMBytes: Double
    public var nodeCores: Int
    /// Share of a node's RAM the index may fill (the rest: OS, page cache for
    /// WAL, the unsealed tail, headroom). Default 0.8.
    public var ramUsable: Double
    /// Share of a node's cores busy with searches at peak. Default 0.7.
    public var cpuUtilization: Double
    /// fdatasync calls per second the device sustains, and where that figure
    /// came from; nil: unknown, and the plan says so instead of guessing.
    public var deviceFsync: DeviceFsyncRate?
    /// Share of a search's time that grows with the dimension (distance
    /// computations); the rest (graph walk, candidate list) does not.
    /// Default 1: all of it, the cautious choice when planning a larger
    /// dimension than was measured.
    public var distanceShare: Double
    /// First-level dTLB entries (data, 4 KiB); the same count for 2 MiB
    /// pages on cores with a unified STLB.
    public var dTLBEntries: Int
    /// Open files one process may hold (its `RLIMIT_NOFILE`); nil: not
    /// checked against the tenant curve.
    public var openFilesLimit: Int?
    /// Search p99 the service must keep, ms; nil: not checked against the
    /// tenant curve.
    public var searchP99LimitMilliseconds: Double?

    public init(tenants: Int, vectorsPerTenant: Int, dimension: Int, targetRecall: Double, peakQPS: Double, nodeRAMBytes: Double,
                nodeCores: Int, ramUsable: Double = 0.8, cpuUtilization: Double = 0.7, deviceFsync: DeviceFsyncRate? = nil,
                writesPerSecond: Double? = nil, distanceShare: Double = 1, dTLBEntries: Int = 1536) {
        self.tenants = tenants
        self.vectorsPerTenant = vectorsPerTenant
        self.dimension = dimension
        self.targetRecall = targetRecall
        self.peakQPS = peakQPS
        self.writesPerSecond = writesPerSecond
        self.nodeRAMBytes = nodeRAMBytes
        self.nodeCores = nodeCores
        self.ramUsable = ramUsable
        self.cpuUtilization = cpuUtilization
        self.deviceFsync = deviceFsync
        self.distanceShare = distanceShare
        self.dTLBEntries = dTLBEntries
    }

    static let maximumTenants = 1_000_000
    static let maximumVectorsPerTenant = 1_000_000_000
    static let maximumDimension = 65_536
    static let maximumRate = 1e9
    static let nodeRAMRange = 1_048_576.0...1_125_899_906_842_624.0
    static let maximumNodeCores = 4_096
    static let maximumDTLBEntries = 1_048_576
    static let maximumOpenFiles = 1 << 30

    /// Every input in range, or an error naming the flag, the value and the range.
    public func validate() throws(ReportError) {
        func require(_ condition: Bool, _ option: String, _ detail: String) throws(ReportError) {
            if !condition { throw ReportError.invalidPlanInput(option: option, detail: detail) }
        }
        func count(_ value: Int, _ option: String, _ range: ClosedRange<Int>) throws(ReportError) {
            try require(range.contains(value), option,
                        "must be in \(NumberFormatting.grouped(range.lowerBound))…\(NumberFormatting.grouped(range.upperBound)), got \(value)")
        }
        func rate(_ value: Double, _ option: String, allowZero: Bool) throws(ReportError) {
            try require(value.isFinite && (allowZero ? value >= 0 : value > 0) && value <= Self.maximumRate, option,
                        "must be in \(allowZero ? "[0" : "(0"), 10^9], got \(value)")
        }
        func share(_ value: Double, _ option: String, allowZero: Bool = false) throws(ReportError) {
            try require(value.isFinite && (allowZero ? value >= 0 : value > 0) && value <= 1, option,
                        "must be in \(allowZero ? "[0" : "(0"), 1], got \(value)")
        }
        try count(tenants, "--tenants", 1...Self.maximumTenants)
        try count(vectorsPerTenant, "--vectors-per-tenant", 1...Self.maximumVectorsPerTenant)
        try count(dimension, "--dim", 1...Self.maximumDimension)
        try share(targetRecall, "--target-recall")
        try rate(peakQPS, "--peak-qps", allowZero: false)
        if let writesPerSecond { try rate(writesPerSecond, "--writes-per-second", allowZero: true) }
        try require(nodeRAMBytes.isFinite && Self.nodeRAMRange.contains(nodeRAMBytes), "--node-ram",
                    "must be in 1 MiB…1 PiB, got \(nodeRAMBytes) bytes")
        try count(nodeCores, "--node-cores", 1...Self.maximumNodeCores)
        try share(ramUsable, "--ram-usable")
        try share(cpuUtilization, "--cpu-utilization")
        if let deviceFsync { try rate(deviceFsync.perSecond, "--device-fsyncs-per-second", allowZero: false) }
        try share(distanceShare, "--distance-share", allowZero: true)
        try count(dTLBEntries, "--dtlb-entries", 1...Self.maximumDTLBEntries)
        if let openFilesLimit { try count(openFilesLimit, "--open-files-limit", 1...Self.maximumOpenFiles) }
        if let searchP99LimitMilliseconds { try rate(searchP99LimitMilliseconds, "--search-p99-limit-ms", allowZero: false) }
    }
}
