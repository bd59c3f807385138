/// An engine configuration as a workload states it. Workloads cannot import
/// the engine; the runner maps these onto `EngineConfiguration` and
/// `CollectionConfiguration`. Every field is optional in a variant (an
/// override); the base fills them all (defaults in `EngineSettings.defaults`).
public struct EngineSettings: Sendable, Equatable, Codable {
    public enum Placement: Sendable, Equatable, Codable {
        /// Every tenant in the runner's own process.
        case embedded
        /// Tenants spread over this many `vecbench serve` worker processes.
        case workers(Int)
    }

    public enum Tenancy: String, Sendable, Equatable, Codable {
        case collectionPerTenant = "collection-per-tenant"
        /// One collection, tenant-tagged points, one graph per tenant.
        case sharedCollection = "shared-collection"
    }

    public var placement: Placement
    public var tenancy: Tenancy
    /// `ram` or `mmap`.
    public var storage: String
    /// madvise advice of mapped segments: normal, random, sequential, willneed, hugepage.
    public var advice: String
    /// Ask for transparent huge pages on anonymous index memory too.
    public var hugePages: Bool
    /// `per-collection` or `shared`.
    public var walScope: String
    /// `always`, `interval:MS`, `never`, `naive`.
    public var fsync: String
    /// Seals at once; nil for unbounded.
    public var sealConcurrency: Int?
    public var m: Int
    public var efConstruction: Int
    /// Search ef, overriding the phases' `searchEF` when set.
    public var ef: Int?
    /// Points per upsert call, overriding the phases' `upsertBatch` when set.
    public var upsertBatch: Int?
    public var indexingThreshold: Int
    /// Size of each WAL segment file, MiB, preallocated: with a WAL per
    /// collection, every tenant reserves at least this much disk.
    public var walSegmentMiB: Int

    public init(placement: Placement, tenancy: Tenancy, storage: String, advice: String, hugePages: Bool, walScope: String,
                fsync: String, sealConcurrency: Int?, m: Int, efConstruction: Int, ef: Int?, upsertBatch: Int?,
                indexingThreshold: Int, walSegmentMiB: Int = 16) {
        self.placement = placement
        self.tenancy = tenancy
        self.storage = storage
        self.advice = advice
        self.hugePages = hugePages
        self.walScope = walScope
        self.fsync = fsync
        self.sealConcurrency = sealConcurrency
        self.m = m
        self.efConstruction = efConstruction
        self.ef = ef
        self.upsertBatch = upsertBatch
        self.indexingThreshold = indexingThreshold
        self.walSegmentMiB = walSegmentMiB
    }

    public static let defaults = EngineSettings(
        placement: .embedded, tenancy: .collectionPerTenant, storage: "mmap", advice: "random", hugePages: false,
        walScope: "per-collection", fsync: "interval:50", sealConcurrency: 2, m: 16, efConstruction: 100, ef: nil,
        upsertBatch: nil, indexingThreshold: 2_000)
}

/// A named variant: the base settings with some overridden. `settings` is
/// the base with the overrides applied (resolved when the file is read).
public struct EngineVariant: Sendable, Equatable {
    public var name: String
    public var settings: EngineSettings
    /// The keys the variant overrode, as written (for reports).
    public var overriddenKeys: [String]

    public init(name: String, settings: EngineSettings, overriddenKeys: [String]) {
        self.name = name
        self.settings = settings
        self.overriddenKeys = overriddenKeys
    }
}
