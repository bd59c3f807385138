/// The one record of an engine configuration, end to end: a workload file
/// decodes into it (Workloads), the runner maps it onto the engine's own
/// configuration for embedded runs and hands it whole to worker processes
/// (BenchRunner), and the result document stores it typed, so that every
/// report reads the settings a configuration actually ran with.
///
/// It lives here, in the target that imports nothing, because it is the one
/// type both a workload and a result document speak.
///
/// JSON keys are the workload file's spellings (`wal_scope`, `ef_construction`
/// …). Documents written before it was typed stored `[String: String]`; those
/// still decode through `init(legacy:)`.
public struct EngineSettings: Codable, Sendable, Equatable, Hashable {
    public enum Placement: Sendable, Equatable, Hashable {
        /// Every tenant in the runner's own process.
        case embedded
        /// Tenants spread over this many `vecbench serve` worker processes.
        case workers(Int)
    }

    public enum Tenancy: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
        case collectionPerTenant = "collection-per-tenant"
        /// One collection, tenant-tagged points, one graph per tenant.
        case sharedCollection = "shared-collection"
    }

    /// Where sealed segments keep their vectors and links.
    public enum Storage: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
        case ram
        case mmap
    }

    /// madvise advice for mapped segments.
    public enum Advice: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
        case normal, random, sequential, willneed, hugepage
    }

    public enum WALScope: String, Codable, Sendable, Equatable, Hashable, CaseIterable {
        case perCollection = "per-collection"
        case shared
    }

    /// When the WAL syncs: `always` (group commit), `interval:MS`, `never`,
    /// or `naive` (one fdatasync per write, no grouping).
    public enum Fsync: Sendable, Equatable, Hashable {
        case always
        case interval(milliseconds: Int)
        case never
        case naive
    }

    public var placement: Placement
    public var tenancy: Tenancy
    public var storage: Storage
    public var advice: Advice
    /// Ask for transparent huge pages on anonymous index memory too.
    public var hugePages: Bool
    public var walScope: WALScope
    public var fsync: Fsync
    /// Seals at once; nil for unbounded.
    public var sealConcurrency: Int?
    public var m: Int
    public var efConstruction: Int
    /// Search ef, overriding the phases' `search_ef` when set.
    public var ef: Int?
    /// Points per upsert call, overriding the phases' `upsert_batch` when set.
    public var upsertBatch: Int?
    public var indexingThreshold: Int
    /// Size of each WAL segment file, MiB, preallocated: with a WAL per
    /// collection, every tenant reserves at least this much disk.
    public var walSegmentMiB: Int
    /// Collections kept open at once; the least recently used idle one is
    /// closed past this.
    public var maximumOpenCollections: Int
    /// Run the tenants on another engine: an adapter process speaking the
    /// worker protocol (`workloads/ADAPTERS.md`) instead of `vecbench serve`;
    /// nil for vecbench's own engine. Documents written before it decode
    /// without it.
    public var external: External?
    /// Vectors the graph is traversed over; `.none` traverses the floats.
    public var quantization: Quantization = .none
    /// Candidates kept for rescoring, as a multiple of k; nil for
    /// `defaultOversampling`. Only read with a quantization.
    public var oversampling: Double?
    /// Re-rank the oversampled candidates by exact distance to the float
    /// originals. Only read with a quantization.
    public var rescore: Bool = true
    public var links: LinkLayout = .plain

    /// An external engine: the command that starts one adapter process per
    /// worker slot.
    public struct External: Codable, Sendable, Equatable, Hashable {
        /// Program and its first arguments; the runner appends
        /// `--socket PATH --data DIR --parent-pid PID --engine-json PATH`.
        public var command: [String]

        public init(command: [String]) {
            self.command = command
        }
    }

    public init(placement: Placement, tenancy: Tenancy, storage: Storage, advice: Advice, hugePages: Bool,
                walScope: WALScope, fsync: Fsync, sealConcurrency: Int?, m: Int, efConstruction: Int, ef: Int?,
                upsertBatch: Int?, indexingThreshold: Int, walSegmentMiB: Int = 16, maximumOpenCollections: Int = 4_096,
                external: External? = nil) {
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
        self.maximumOpenCollections = maximumOpenCollections
        self.external = external
    }

    public static let defaults = EngineSettings(
        placement: .embedded, tenancy: .collectionPerTenant, storage: .mmap, advice: .random, hugePages: false,
        walScope: .perCollection, fsync: .interval(milliseconds: 50), sealConcurrency: 2, m: 16, efConstruction: 100,
        ef: nil, upsertBatch: nil, indexingThreshold: 2_000)

    /// Every setting in the workload file's spelling, in the schema's order,
    /// for reports: `("fsync", "interval:50")`, `("ef", "(phase)")` when the
    /// phases choose.
    public var entries: [(key: String, value: String)] {
        let common: [(key: String, value: String)] = [
            ("placement", placement.description), ("tenancy", tenancy.rawValue), ("storage", storage.rawValue),
            ("advice", advice.rawValue), ("huge_pages", "\(hugePages)"), ("wal_scope", walScope.rawValue),
            ("fsync", fsync.description), ("seal_concurrency", sealConcurrency.map(String.init) ?? "unbounded"),
            ("m", "\(m)"), ("ef_construction", "\(efConstruction)"), ("ef", ef.map(String.init) ?? "(phase)"),
            ("upsert_batch", upsertBatch.map(String.init) ?? "(phase)"), ("indexing_threshold", "\(indexingThreshold)"),
            ("wal_segment_mib", "\(walSegmentMiB)"), ("max_open_collections", "\(maximumOpenCollections)"),
        ]
        // Settings added after the first typed documents are listed only
        // when they differ from their default, so that reports of
        // configurations that never set them read as before.
        var entries = common
        if quantization != .none {
            entries.append((key: "quantization", value: quantization.description))
            entries.append((key: "oversampling", value: "\(oversampling ?? Self.defaultOversampling)"))
            entries.append((key: "rescore", value: "\(rescore)"))
        }
        if links != .plain { entries.append((key: "links", value: links.rawValue)) }
        if let external { entries.append((key: "external", value: external.command.joined(separator: " "))) }
        return entries
    }

    /// One setting in the workload file's spelling, or nil for an unknown key.
    public subscript(key: String) -> String? { entries.first { $0.key == key }?.value }

    enum CodingKeys: String, CodingKey {
        case placement, tenancy, storage, advice
        case hugePages = "huge_pages"
        case walScope = "wal_scope"
        case fsync
        case sealConcurrency = "seal_concurrency"
        case m
        case efConstruction = "ef_construction"
        case ef
        case upsertBatch = "upsert_batch"
        case indexingThreshold = "indexing_threshold"
        case walSegmentMiB = "wal_segment_mib"
        case maximumOpenCollections = "max_open_collections"
        case external
        case quantization, oversampling, rescore, links
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = EngineSettings.defaults
        placement = try container.decode(Placement.self, forKey: .placement)
        tenancy = try container.decode(Tenancy.self, forKey: .tenancy)
        storage = try container.decode(Storage.self, forKey: .storage)
        advice = try container.decode(Advice.self, forKey: .advice)
        hugePages = try container.decode(Bool.self, forKey: .hugePages)
        walScope = try container.decode(WALScope.self, forKey: .walScope)
        fsync = try container.decode(Fsync.self, forKey: .fsync)
        sealConcurrency = try container.decodeIfPresent(Int.self, forKey: .sealConcurrency)
        m = try container.decode(Int.self, forKey: .m)
        efConstruction = try container.decode(Int.self, forKey: .efConstruction)
        ef = try container.decodeIfPresent(Int.self, forKey: .ef)
        upsertBatch = try container.decodeIfPresent(Int.self, forKey: .upsertBatch)
        indexingThreshold = try container.decode(Int.self, forKey: .indexingThreshold)
        walSegmentMiB = try container.decodeIfPresent(Int.self, forKey: .walSegmentMiB) ?? defaults.walSegmentMiB
        maximumOpenCollections = try container.decodeIfPresent(Int.self, forKey: .maximumOpenCollections)
            ?? defaults.maximumOpenCollections
        external = try container.decodeIfPresent(External.self, forKey: .external)
        quantization = try container.decodeIfPresent(Quantization.self, forKey: .quantization) ?? .none
        oversampling = try container.decodeIfPresent(Double.self, forKey: .oversampling)
        rescore = try container.decodeIfPresent(Bool.self, forKey: .rescore) ?? true
        links = try container.decodeIfPresent(LinkLayout.self, forKey: .links) ?? .plain
    }

    /// Leaves the quantization settings out while they hold their defaults,
    /// so documents of configurations that never set them read as before.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(placement, forKey: .placement)
        try container.encode(tenancy, forKey: .tenancy)
        try container.encode(storage, forKey: .storage)
        try container.encode(advice, forKey: .advice)
        try container.encode(hugePages, forKey: .hugePages)
        try container.encode(walScope, forKey: .walScope)
        try container.encode(fsync, forKey: .fsync)
        try container.encodeIfPresent(sealConcurrency, forKey: .sealConcurrency)
        try container.encode(m, forKey: .m)
        try container.encode(efConstruction, forKey: .efConstruction)
        try container.encodeIfPresent(ef, forKey: .ef)
        try container.encodeIfPresent(upsertBatch, forKey: .upsertBatch)
        try container.encode(indexingThreshold, forKey: .indexingThreshold)
        try container.encode(walSegmentMiB, forKey: .walSegmentMiB)
        try container.encode(maximumOpenCollections, forKey: .maximumOpenCollections)
        try container.encodeIfPresent(external, forKey: .external)
        if quantization != .none {
            try container.encode(quantization, forKey: .quantization)
            try container.encodeIfPresent(oversampling, forKey: .oversampling)
            try container.encode(rescore, forKey: .rescore)
        }
        if links != .plain { try container.encode(links, forKey: .links) }
    }
}
