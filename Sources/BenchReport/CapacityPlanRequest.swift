/// What the capacity plan is for: the fleet to size, and the assumptions
/// that are choices rather than measurements (each has a stated default).
public struct CapacityPlanRequest: Sendable, Equatable {
    public var tenants: Int
    public var vectorsPerTenant: Int
    public var dimension: Int
    /// Mean recall@k the service must keep.
    public var targetRecall: Double
    /// Searches per second over the whole fleet at peak.
    public var peakQPS: Double
    public var nodeRAMBytes: Double
    public var nodeCores: Int
    /// Share of a node's RAM the index may fill (the rest: OS, page cache for
    /// WAL, the unsealed tail, headroom). Default 0.8.
    public var ramUsable: Double
    /// Share of a node's cores busy with searches at peak. Default 0.7.
    public var cpuUtilization: Double
    /// fdatasync calls per second the device sustains; nil: estimated from
    /// the run's fsync p99 (one fsync at a time), and said so.
    public var deviceFsyncRate: Double?
    /// First-level dTLB entries (data, 4 KiB); 1,536 on recent x86 cores,
    /// and the same count for 2 MiB pages on those with a unified STLB.
    public var dTLBEntries: Int

    public init(tenants: Int, vectorsPerTenant: Int, dimension: Int, targetRecall: Double, peakQPS: Double, nodeRAMBytes: Double,
                nodeCores: Int, ramUsable: Double = 0.8, cpuUtilization: Double = 0.7, deviceFsyncRate: Double? = nil,
                dTLBEntries: Int = 1536) {
        self.tenants = tenants
        self.vectorsPerTenant = vectorsPerTenant
        self.dimension = dimension
        self.targetRecall = targetRecall
        self.peakQPS = peakQPS
        self.nodeRAMBytes = nodeRAMBytes
        self.nodeCores = nodeCores
        self.ramUsable = ramUsable
        self.cpuUtilization = cpuUtilization
        self.deviceFsyncRate = deviceFsyncRate
        self.dTLBEntries = dTLBEntries
    }

    /// Every input in range, or an error naming the option.
    public func validate() throws {
        func require(_ condition: Bool, _ option: String, _ detail: String) throws {
            if !condition { throw ReportError.invalidPlanInput(option: option, detail: detail) }
        }
        try require(tenants >= 1, "--tenants", "must be at least 1, got \(tenants)")
        try require(vectorsPerTenant >= 1, "--vectors-per-tenant", "must be at least 1, got \(vectorsPerTenant)")
        try require(dimension >= 1, "--dim", "must be at least 1, got \(dimension)")
        try require(targetRecall > 0 && targetRecall <= 1, "--target-recall", "must be in (0, 1], got \(targetRecall)")
        try require(peakQPS > 0, "--peak-qps", "must be positive, got \(peakQPS)")
        try require(nodeRAMBytes > 0, "--node-ram", "must be positive")
        try require(nodeCores >= 1, "--node-cores", "must be at least 1, got \(nodeCores)")
        try require(ramUsable > 0 && ramUsable <= 1, "--ram-usable", "must be in (0, 1], got \(ramUsable)")
        try require(cpuUtilization > 0 && cpuUtilization <= 1, "--cpu-utilization", "must be in (0, 1], got \(cpuUtilization)")
        try require(deviceFsyncRate.map { $0 > 0 } ?? true, "--device-fsync-rate", "must be positive")
        try require(dTLBEntries >= 1, "--dtlb-entries", "must be at least 1")
    }
}
