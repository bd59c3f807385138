import VectorCore
import VectorIndex
import VectorStorage

/// Everything that shapes one collection, stored as `collection.json` in its
/// directory so a reopen uses exactly what it was created with.
public struct CollectionConfiguration: Codable, Sendable, Equatable {
    public var dimension: Int
    public var metric: Metric
    public var hnsw: HNSWParameters
    /// Sealed segments are searched from RAM copies or from file mappings.
    public var storage: StorageMode
    /// madvise advice for mapped segments.
    public var advice: MemoryAdvice
    /// The appendable segment is sealed into an HNSW segment once it holds
    /// this many points.
    public var indexingThreshold: Int
    /// Largest upsert or delete batch accepted.
    public var maximumBatchSize: Int
    /// Build one graph per tenant tag in sealed segments (a shared
    /// collection), so a tenant's search never walks other tenants' points.
    public var graphPerTenant: Bool
    /// Threads a seal may use to build its graphs.
    public var sealBuildThreads: Int
    /// Huge-page policy of graphs in RAM: sealed segments read into RAM
    /// (`storage: ram`) and graphs being built. nil (as in collections
    /// created before it existed) is `system`. Mapped segments take
    /// `advice` instead.
    public var hugePages: HugePagePolicy?
    /// Vectors sealed graphs are traversed over; nil (as in collections
    /// created before it existed) traverses the f32 vectors. With a
    /// quantization the f32 vectors stay where `storage` puts them and are
    /// read only to rescore.
    public var quantization: VectorQuantization?
    /// Keep the codes in RAM even with `storage: mmap` (then the segment's
    /// graph links come into RAM too and only the f32 originals stay on a
    /// mapping, advised `random`); nil is true. Read only with a quantization.
    public var codesInRAM: Bool?
    /// Oversampling and rescoring of quantized searches; nil is
    /// `QuantizedSearchOptions()`.
    public var quantizedSearch: QuantizedSearchOptions?
    /// Level-0 link layout of sealed graph files; nil is plain.
    public var links: LinkLayout?

    public init(
        dimension: Int, metric: Metric = .l2, hnsw: HNSWParameters = .init(), storage: StorageMode = .mmap,
        advice: MemoryAdvice = .random, indexingThreshold: Int = 20_000, maximumBatchSize: Int = 10_000,
        graphPerTenant: Bool = false, sealBuildThreads: Int = 1, hugePages: HugePagePolicy? = nil,
        quantization: VectorQuantization? = nil, codesInRAM: Bool? = nil, quantizedSearch: QuantizedSearchOptions? = nil,
        links: LinkLayout? = nil
    ) {
        self.quantization = quantization
        self.codesInRAM = codesInRAM
        self.quantizedSearch = quantizedSearch
        self.links = links
        self.dimension = dimension
        self.metric = metric
        self.hnsw = hnsw
        self.storage = storage
        self.advice = advice
        self.indexingThreshold = indexingThreshold
        self.maximumBatchSize = maximumBatchSize
        self.graphPerTenant = graphPerTenant
        self.sealBuildThreads = sealBuildThreads
        self.hugePages = hugePages
    }

    /// Refuses what no collection can be built or searched with, checked on
    /// create and on every open (a manifest written by an older build, or
    /// by hand, cannot crash the first seal): sizes against `InputLimit`.
    public func validate() throws(EngineError) {
        for (limit, value) in [(InputLimit.dimension, dimension), (.efConstruction, hnsw.efConstruction), (.m, hnsw.m)] {
            do { try limit.check(value, at: "collection configuration") } catch {
                throw .invalidConfiguration(error.description)
            }
        }
        guard maximumBatchSize <= InputLimit.batch.range.upperBound else {
            throw .invalidConfiguration("maximumBatchSize must be ≤ \(InputLimit.batch.range.upperBound), got \(maximumBatchSize)")
        }
        guard indexingThreshold >= 1 else { throw .invalidConfiguration("indexingThreshold must be ≥ 1, got \(indexingThreshold)") }
        guard maximumBatchSize >= 1 else { throw .invalidConfiguration("maximumBatchSize must be ≥ 1, got \(maximumBatchSize)") }
        guard sealBuildThreads >= 1 else { throw .invalidConfiguration("sealBuildThreads must be ≥ 1, got \(sealBuildThreads)") }
        do { try hnsw.validate() } catch { throw .invalidConfiguration(error.description) }
        switch quantization {
        case .scalar(let quantile, _)? where !(quantile > 0 && quantile <= 1):
            throw .invalidConfiguration("scalar quantization quantile must be in (0, 1], got \(quantile)")
        case .binary? where metric == .l2:
            throw .invalidConfiguration("binary quantization needs the cosine or inner-product metric, the collection's is \(metric)")
        default: break
        }
        if let quantizedSearch {
            do { try quantizedSearch.validate() } catch { throw .invalidConfiguration(error.description) }
        }
    }

    /// Where sealed segments keep the codes: in RAM unless mapped storage
    /// is asked to map them too.
    var codesStorage: StorageMode { storage == .ram || codesInRAM ?? true ? .ram : .mmap }
}
