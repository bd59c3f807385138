/// The document `vecbench ann` writes: one index build and a sweep of `ef`
/// over a query set, schema `vecbench.ann/1`.
public struct AnnResult: Codable, Sendable, Equatable {
    public static let schemaIdentifier = "vecbench.ann/1"

    public var schema: String = AnnResult.schemaIdentifier
    public var context: RunContext
    public var dataset: DatasetSummary
    public var build: BuildSummary
    public var k: Int
    /// Timed passes over the query set per `ef`; QPS is their median.
    public var `repeat`: Int
    /// VmHWM of the process; nil when /proc could not be read.
    public var peakRSSBytes: Int?
    public var runs: [EfRun]
    /// How the memory model ran (`--model`); nil without it.
    public var model: ModelSummary?
    /// What the graph was traversed with (f32 or quantized codes, with
    /// oversampling and rescoring), its link layout, and bytes per vector in
    /// RAM and on disk; nil in documents written before it was recorded.
    public var vectors: VectorSummary?

    public init(context: RunContext, dataset: DatasetSummary, build: BuildSummary, k: Int, repeat: Int, peakRSSBytes: Int?, runs: [EfRun],
                model: ModelSummary? = nil, vectors: VectorSummary? = nil) {
        self.context = context
        self.dataset = dataset
        self.build = build
        self.k = k
        self.repeat = `repeat`
        self.peakRSSBytes = peakRSSBytes
        self.runs = runs
        self.model = model
        self.vectors = vectors
    }

    public struct DatasetSummary: Codable, Sendable, Equatable {
        public var base: String
        public var queries: String
        public var groundtruth: String
        public var count: Int
        public var dimension: Int
        public var queryCount: Int
        public var metric: String
        /// Where the ground truth came from: `file` (an .ivecs/.ibin),
        /// `hdf5` (the HDF5 file's `neighbors`), or `computed` (exact search
        /// here, for an HDF5 file without usable neighbours); nil in older
        /// documents, which always read a file.
        public var groundTruthSource: String?

        public init(base: String, queries: String, groundtruth: String, count: Int, dimension: Int, queryCount: Int, metric: String,
                    groundTruthSource: String? = nil) {
            self.base = base
            self.queries = queries
            self.groundtruth = groundtruth
            self.count = count
            self.dimension = dimension
            self.queryCount = queryCount
            self.metric = metric
            self.groundTruthSource = groundTruthSource
        }
    }

    public struct BuildSummary: Codable, Sendable, Equatable {
        public var m: Int
        public var m0: Int
        public var efConstruction: Int
        public var threads: Int
        public var seconds: Double
        /// `ram` or `mmap`.
        public var storage: String
        /// madvise advice of the mapping (mmap only).
        public var advice: String?
        /// Bytes of the index in memory (ram) or of the index file (mmap).
        public var indexBytes: Int
        /// Seconds to write the index file and map it again (mmap only).
        public var saveSeconds: Double?
        public var openSeconds: Double?
        public var maxLevel: Int
        /// After the sweep, bytes of the index's mappings (the file for mmap,
        /// the vector and link arrays for ram) resident in memory and mapped
        /// by 2 MiB pages, from /proc/self/smaps.
        public var mappedResidentBytes: Int?
        public var mappedHugePageBytes: Int?
        /// Huge-page policy of the in-RAM arrays (`system`, `never`,
        /// `advise`; ram only).
        public var hugePages: String?

        public init(m: Int, m0: Int, efConstruction: Int, threads: Int, seconds: Double, storage: String, advice: String?,
                    indexBytes: Int, saveSeconds: Double? = nil, openSeconds: Double? = nil, maxLevel: Int,
                    mappedResidentBytes: Int? = nil, mappedHugePageBytes: Int? = nil, hugePages: String? = nil) {
            self.m = m
            self.m0 = m0
            self.efConstruction = efConstruction
            self.threads = threads
            self.seconds = seconds
            self.storage = storage
            self.advice = advice
            self.indexBytes = indexBytes
            self.saveSeconds = saveSeconds
            self.openSeconds = openSeconds
            self.maxLevel = maxLevel
            self.mappedResidentBytes = mappedResidentBytes
            self.mappedHugePageBytes = mappedHugePageBytes
            self.hugePages = hugePages
        }
    }

    public struct EfRun: Codable, Sendable, Equatable {
        public var ef: Int
        /// Tie-aware recall@k, mean over queries.
        public var recall: Double
        /// Queries per second, single thread, median over repeats.
        public var qps: Double
        /// QPS of every timed pass, to judge the noise.
        public var qpsSamples: [Double]
        public var meanLatencyMicroseconds: Double
        public var p50LatencyMicroseconds: Double
        public var p99LatencyMicroseconds: Double
        public var maxLatencyMicroseconds: Double
        public var meanDistanceEvaluations: Double
        public var meanVisitedNodes: Double
        public var meanPagesTouched4K: Double
        public var meanPagesTouched2M: Double
        public var meanVectorPages4K: Double
        public var meanLinkPages4K: Double
        /// Time of the statistics pass relative to the median timed pass
        /// (1.05 = statistics cost 5 %).
        public var statisticsOverhead: Double
        /// Modelled TLB and cache misses of this `ef` (`--model`); nil without it.
        public var modelled: ModelledMisses?

        public init(ef: Int, recall: Double, qps: Double, qpsSamples: [Double], meanLatencyMicroseconds: Double,
                    p50LatencyMicroseconds: Double, p99LatencyMicroseconds: Double, maxLatencyMicroseconds: Double,
                    meanDistanceEvaluations: Double, meanVisitedNodes: Double, meanPagesTouched4K: Double,
                    meanPagesTouched2M: Double, meanVectorPages4K: Double, meanLinkPages4K: Double, statisticsOverhead: Double,
                    modelled: ModelledMisses? = nil) {
            self.ef = ef
            self.recall = recall
            self.qps = qps
            self.qpsSamples = qpsSamples
            self.meanLatencyMicroseconds = meanLatencyMicroseconds
            self.p50LatencyMicroseconds = p50LatencyMicroseconds
            self.p99LatencyMicroseconds = p99LatencyMicroseconds
            self.maxLatencyMicroseconds = maxLatencyMicroseconds
            self.meanDistanceEvaluations = meanDistanceEvaluations
            self.meanVisitedNodes = meanVisitedNodes
            self.meanPagesTouched4K = meanPagesTouched4K
            self.meanPagesTouched2M = meanPagesTouched2M
            self.meanVectorPages4K = meanVectorPages4K
            self.meanLinkPages4K = meanLinkPages4K
            self.statisticsOverhead = statisticsOverhead
            self.modelled = modelled
        }
    }

    /// The best recall of the sweep (a broken index shows here first).
    public var bestRecall: Double { runs.map(\.recall).max() ?? 0 }
}
