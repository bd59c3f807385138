/// The modelled memory hierarchy of `vecbench ann --model CPU`: what the
/// index's own accesses cost on a given CPU's TLBs and caches, replayed in a
/// pass apart from the timed ones (latency never includes modelling). Every
/// figure here is **modelled**, not measured; it repeats exactly for a seed
/// and a page-size layout. Both fields are optional in `AnnResult`, so a
/// document written without `--model` (or before it existed) decodes.
extension AnnResult {
    /// How the model ran, once per document.
    public struct ModelSummary: Codable, Sendable, Equatable {
        /// Preset name, or the host's decoded geometry name.
        public var cpu: String
        /// `preset`, `cpuid` or `fallback`.
        public var origin: String
        /// Why `host` fell back to a preset (nil otherwise).
        public var fallbackReason: String?
        /// `none`, `linux` or `ideal`. One process, one address space: no
        /// switch happens, so the mode does not change the figures here.
        public var pcid: String
        /// Every `sample`-th query is replayed.
        public var sample: Int
        public var cores: Int
        /// The index arrays registered with the model and the page size each
        /// was modelled at (from smaps' huge-page fields); anything else
        /// (upper links, labels, visited marks) is modelled at 4 KiB.
        public var regions: [Region]
        /// How each `ef` was replayed (warm-up pass, then the counted pass).
        public var method: String

        public init(cpu: String, origin: String, fallbackReason: String? = nil, pcid: String, sample: Int, cores: Int,
                    regions: [Region], method: String) {
            self.cpu = cpu
            self.origin = origin
            self.fallbackReason = fallbackReason
            self.pcid = pcid
            self.sample = sample
            self.cores = cores
            self.regions = regions
            self.method = method
        }
    }

    /// One registered range of index memory.
    public struct Region: Codable, Sendable, Equatable {
        /// `vectors` or `level0Links`.
        public var name: String
        public var bytes: Int
        /// `4K` or `2M`.
        public var pageSize: String
        /// Resident bytes in 2 MiB pages, as smaps reported; nil if unread.
        public var hugePageBytes: Int?

        public init(name: String, bytes: Int, pageSize: String, hugePageBytes: Int?) {
            self.name = name
            self.bytes = bytes
            self.pageSize = pageSize
            self.hugePageBytes = hugePageBytes
        }
    }

    /// Modelled costs of one `ef`, per replayed query. A rate is nil when
    /// its level saw no lookup (never a silent zero).
    public struct ModelledMisses: Codable, Sendable, Equatable {
        /// Queries replayed in the counted pass.
        public var queries: Int
        public var accessesPerQuery: Double
        public var l1dTLBMissesPerQuery: Double
        public var pageWalksPerQuery: Double
        public var l1dMissesPerQuery: Double
        public var llcMissesPerQuery: Double
        public var l1dTLBHitRate: Double?
        public var stlbHitRate: Double?
        public var l1dHitRate: Double?
        public var llcHitRate: Double?
        /// The model's own speed: accesses replayed per second (the search
        /// that recorded them is not in it).
        public var replayAccessesPerSecond: Double

        public init(queries: Int, accessesPerQuery: Double, l1dTLBMissesPerQuery: Double, pageWalksPerQuery: Double,
                    l1dMissesPerQuery: Double, llcMissesPerQuery: Double, l1dTLBHitRate: Double?, stlbHitRate: Double?,
                    l1dHitRate: Double?, llcHitRate: Double?, replayAccessesPerSecond: Double) {
            self.queries = queries
            self.accessesPerQuery = accessesPerQuery
            self.l1dTLBMissesPerQuery = l1dTLBMissesPerQuery
            self.pageWalksPerQuery = pageWalksPerQuery
            self.l1dMissesPerQuery = l1dMissesPerQuery
            self.llcMissesPerQuery = llcMissesPerQuery
            self.l1dTLBHitRate = l1dTLBHitRate
            self.stlbHitRate = stlbHitRate
            self.l1dHitRate = l1dHitRate
            self.llcHitRate = llcHitRate
            self.replayAccessesPerSecond = replayAccessesPerSecond
        }
    }
}
