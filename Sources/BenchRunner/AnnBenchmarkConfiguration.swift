import VectorCore
import VectorIndex

/// What `vecbench ann` was asked to measure.
public struct AnnBenchmarkConfiguration: Sendable {
    public var basePath: String
    public var queriesPath: String
    public var groundTruthPath: String
    public var metric: Metric
    public var parameters: HNSWParameters
    public var efs: [Int]
    public var k: Int
    public var threads: Int
    public var storage: AnnStorage
    public var `repeat`: Int
    /// Use only the first rows of the base / query files.
    public var baseLimit: Int?
    public var queryLimit: Int?
    /// Fail the run when no `ef` reaches this recall (a broken index must not
    /// pass quietly).
    public var minimumRecall: Double?
    /// Huge-page advice for the index built in RAM (the build arrays; with
    /// `--storage mmap` the search runs over the file mapping instead).
    public var hugePages: HugePagePolicy
    /// Model the index's accesses on a CPU's TLBs and caches, in a pass
    /// apart from the timed ones (`--model`); nil: no model.
    public var model: AnnModelConfiguration?
    /// The quantized form the graph is traversed with (`--quantization`);
    /// nil: f32 vectors, as built.
    public var quantization: VectorQuantization?
    /// Oversampling and rescoring of a quantized search (ignored without
    /// `quantization`).
    public var quantizedSearch: QuantizedSearchOptions
    /// Level-0 link layout searched (`--links`); the graph is built plain
    /// and, for `compressed`, re-encoded before the sweep.
    public var links: LinkLayout
    /// Whether `metric` was asked for: an HDF5 input names its own metric,
    /// and a different explicit one is refused; an implicit one yields to it.
    public var metricIsExplicit: Bool

    public init(
        basePath: String, queriesPath: String, groundTruthPath: String, metric: Metric,
        parameters: HNSWParameters, efs: [Int], k: Int, threads: Int, storage: AnnStorage = .ram,
        repeat: Int = 3, baseLimit: Int? = nil, queryLimit: Int? = nil, minimumRecall: Double? = nil,
        hugePages: HugePagePolicy = .system, model: AnnModelConfiguration? = nil,
        quantization: VectorQuantization? = nil, quantizedSearch: QuantizedSearchOptions = .init(),
        links: LinkLayout = .plain, metricIsExplicit: Bool = true
    ) {
        self.basePath = basePath
        self.queriesPath = queriesPath
        self.groundTruthPath = groundTruthPath
        self.metric = metric
        self.parameters = parameters
        self.efs = efs
        self.k = k
        self.threads = threads
        self.storage = storage
        self.repeat = `repeat`
        self.baseLimit = baseLimit
        self.queryLimit = queryLimit
        self.minimumRecall = minimumRecall
        self.hugePages = hugePages
        self.model = model
        self.quantization = quantization
        self.quantizedSearch = quantizedSearch
        self.links = links
        self.metricIsExplicit = metricIsExplicit
    }

    /// Whether the base path names an ann-benchmarks HDF5 file, which then
    /// holds the queries and ground truth too.
    public var readsHDF5: Bool { ANNBenchmarksDataset.isHDF5(basePath) }

    /// Every size against its `InputLimit` before anything is read or
    /// allocated: ef and efConstruction size candidate lists, m the link
    /// slots of every node, k the result lists, threads what is started.
    func validate() throws(AnnBenchmarkError) {
        func check(_ limit: InputLimit, _ value: Int, _ flag: String) throws(AnnBenchmarkError) {
            do { try limit.check(value, at: flag) } catch { throw .invalidOption(error.description) }
        }
        try check(.k, k, "--k")
        guard !efs.isEmpty else { throw .invalidOption("--ef needs at least one value") }
        for ef in efs { try check(.ef, ef, "--ef") }
        try check(.efConstruction, parameters.efConstruction, "--ef-construction")
        try check(.m, parameters.m, "--m")
        try check(.threads, threads, "--threads")
        guard `repeat` >= 1 else { throw .invalidOption("--repeat must be ≥ 1, got \(`repeat`)") }
        do { try parameters.validate() } catch { throw .invalidOption(error.description) }
        if let model { _ = try model.resolve() }
        if let quantization {
            do { try quantizedSearch.validate() } catch { throw .invalidOption("--oversampling: \(error.description)") }
            switch quantization {
            case .scalar(let quantile, _):
                guard quantile.isFinite, quantile > 0.5, quantile <= 1 else {
                    throw .invalidOption("--quantile must be in (0.5, 1], got \(quantile)")
                }
            case .binary:
                // Only the metric the index is finally searched with matters;
                // an HDF5 file's metric is checked again once it is read.
                if metric == .l2, metricIsExplicit || !readsHDF5 {
                    throw .invalidOption("--quantization binary needs metric ip or cosine (a sign bit says nothing about l2 distance)")
                }
            }
        }
    }
}
