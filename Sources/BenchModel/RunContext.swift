/// Where and with what a result was measured. Every result document carries
/// one, so a comparison can warn when two documents come from different
/// machines or builds.
public struct RunContext: Codable, Sendable, Equatable {
    public var cpuModel: String
    public var cores: Int
    public var kernel: String
    public var swiftVersion: String
    /// The git commit of the vecbench sources, or nil outside a checkout.
    public var gitCommit: String?
    /// ISO 8601, UTC.
    public var createdAt: String
    /// Whether a CPU PMU is exposed, and if not why (from perf_event).
    public var pmuAvailable: Bool?
    public var pmuReason: String?
    /// /sys/kernel/mm/transparent_hugepage/enabled, the bracketed mode.
    public var transparentHugePages: String?
    public var hostname: String?
    /// How the run was started, as typed (argv), and whether the source
    /// tree had uncommitted changes: a figure from a dirty tree is not the
    /// commit's figure.
    public var commandLine: [String]?
    public var gitDirty: Bool?
    /// The kernel's timer tick (1 / CONFIG_HZ) in microseconds: the
    /// resolution of CLOCK_MONOTONIC_COARSE, which is one jiffy. A thread
    /// preempted on a busy core waits about this long, so tail latencies
    /// near it are scheduling, not the engine. nil when not read.
    public var schedulerTickMicroseconds: Double?

    public init(
        cpuModel: String, cores: Int, kernel: String, swiftVersion: String, gitCommit: String?,
        createdAt: String, pmuAvailable: Bool? = nil, pmuReason: String? = nil,
        transparentHugePages: String? = nil, hostname: String? = nil, commandLine: [String]? = nil, gitDirty: Bool? = nil,
        schedulerTickMicroseconds: Double? = nil
    ) {
        self.schedulerTickMicroseconds = schedulerTickMicroseconds
        self.cpuModel = cpuModel
        self.cores = cores
        self.kernel = kernel
        self.swiftVersion = swiftVersion
        self.gitCommit = gitCommit
        self.createdAt = createdAt
        self.pmuAvailable = pmuAvailable
        self.pmuReason = pmuReason
        self.transparentHugePages = transparentHugePages
        self.hostname = hostname
        self.commandLine = commandLine
        self.gitDirty = gitDirty
    }

    /// The parts that make two runs comparable on timing.
    public var machineFingerprint: String { "\(cpuModel) × \(cores) / \(kernel)" }
}
