/// What a memory-hierarchy model (MemoryModel) says a phase's searches cost,
/// replayed from the engine's own recorded index accesses: deterministic
/// figures for machines without a PMU. Every figure here is **modelled**,
/// never measured; measured counters stay in `PhaseResult.counters`.
///
/// A model that could not be run carries `unavailable` (why) and no
/// figures, never zeros.
public struct ModelledMemory: Codable, Sendable, Equatable {
    /// The model's label: its `name` in the workload, or `cpu/pcid/pN`.
    public var name: String
    /// The CPU preset (or `host`'s decoded geometry) the model ran with.
    public var cpu: String
    /// `preset`, `cpuid` or `fallback`.
    public var cpuOrigin: String
    public var pcid: String
    /// Every `sample`-th search was replayed.
    public var sample: Int
    public var cores: Int
    /// Distinct address spaces the tenants were spread over.
    public var addressSpaces: Int
    /// Page size the index arrays were modelled with: `mapped` (read from
    /// smaps), `4K` or `2M` (taken from the workload).
    public var pages: String
    /// Why there are no figures (worker placement, no searches, a model error).
    public var unavailable: String?
    /// The figures, per replayed search; nil when unavailable.
    public var figures: Figures?
    /// How the accesses were recorded and replayed, in words.
    public var method: String

    public struct Figures: Codable, Sendable, Equatable {
        /// Searches replayed (after sampling).
        public var operations: Int
        public var accessesPerOperation: Double
        public var l1dTLBMissesPerOperation: Double
        public var pageWalksPerOperation: Double
        public var l1dMissesPerOperation: Double
        public var llcMissesPerOperation: Double
        /// nil when there were no lookups.
        public var l1dTLBHitRate: Double?
        public var stlbHitRate: Double?
        public var l1dHitRate: Double?
        public var llcHitRate: Double?
        public var addressSpaceSwitches: Int
        /// TLB flushes caused by address-space switches (`none`, or PCID reuse under `linux`).
        public var flushes: Int
        /// Wall seconds the modelling took (re-running sampled searches with
        /// recording, and the replay), outside the phase's timed operations.
        public var overheadSeconds: Double
        /// Accesses the model replayed per second of replay alone.
        public var replayAccessesPerSecond: Double

        public init(operations: Int, accessesPerOperation: Double, l1dTLBMissesPerOperation: Double,
                    pageWalksPerOperation: Double, l1dMissesPerOperation: Double, llcMissesPerOperation: Double,
                    l1dTLBHitRate: Double?, stlbHitRate: Double?, l1dHitRate: Double?, llcHitRate: Double?,
                    addressSpaceSwitches: Int, flushes: Int, overheadSeconds: Double, replayAccessesPerSecond: Double) {
            self.operations = operations
            self.accessesPerOperation = accessesPerOperation
            self.l1dTLBMissesPerOperation = l1dTLBMissesPerOperation
            self.pageWalksPerOperation = pageWalksPerOperation
            self.l1dMissesPerOperation = l1dMissesPerOperation
            self.llcMissesPerOperation = llcMissesPerOperation
            self.l1dTLBHitRate = l1dTLBHitRate
            self.stlbHitRate = stlbHitRate
            self.l1dHitRate = l1dHitRate
            self.llcHitRate = llcHitRate
            self.addressSpaceSwitches = addressSpaceSwitches
            self.flushes = flushes
            self.overheadSeconds = overheadSeconds
            self.replayAccessesPerSecond = replayAccessesPerSecond
        }

        /// L1 dTLB misses per lookup.
        public var l1dTLBMissRate: Double? { l1dTLBHitRate.map { 1 - $0 } }
    }

    public init(name: String, cpu: String, cpuOrigin: String, pcid: String, sample: Int, cores: Int, addressSpaces: Int,
                pages: String, unavailable: String? = nil, figures: Figures? = nil, method: String) {
        self.name = name
        self.cpu = cpu
        self.cpuOrigin = cpuOrigin
        self.pcid = pcid
        self.sample = sample
        self.cores = cores
        self.addressSpaces = addressSpaces
        self.pages = pages
        self.unavailable = unavailable
        self.figures = figures
        self.method = method
    }
}
