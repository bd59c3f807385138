import BenchModel
import HardwareCounters
import Histogram
import VectorCore
import VectorIndex

/// The standard ANN benchmark (ann-benchmarks' shape): build an HNSW index
/// over a base file with `threads` threads, then for each `ef` answer every
/// query on one thread, and report tie-aware recall@k, QPS and latency, with
/// the index's own search statistics.
///
/// Per `ef`: one statistics pass (it also warms the caches; its time is kept
/// to report what statistics cost), then `repeat` timed passes without
/// statistics; QPS is the median pass. The runner measures; it never formats.
public struct AnnBenchmark: Sendable {
    public var configuration: AnnBenchmarkConfiguration

    public init(configuration: AnnBenchmarkConfiguration) {
        self.configuration = configuration
    }

    /// Progress lines for people ("building…", "ef 64: …"); the caller decides where they go.
    public typealias Progress = @Sendable (String) -> Void

    public func run(progress: Progress = { _ in }) throws -> AnnResult {
        let c = configuration
        try c.validate()
        if c.model != nil, c.quantization != nil {
            throw AnnBenchmarkError.invalidOption("--model replays the f32 search only; leave out --quantization with it")
        }
        let input = try readInput(progress: progress)
        let base = input.base, queries = input.queries, truth = input.truth, metric = input.metric
        try Self.check(input, configuration: c)
        progress("base \(base.count) × \(base.dimension) \(metric), \(queries.count) queries, k = \(c.k), "
                 + "ground truth: \(input.truthSource)")

        let buildStart = MonotonicClock.nanoseconds()
        let built = try HNSWIndex(dimension: base.dimension, metric: metric, parameters: c.parameters, capacity: base.count,
                                  hugePages: c.hugePages)
        try base.withUnsafeBufferPointer { rows throws(HNSWError) in
            try built.build(rows: rows.baseAddress!, count: base.count, threads: c.threads)
        }
        let buildSeconds = Double(MonotonicClock.nanoseconds() - buildStart) / 1e9
        progress(String(format: "built in %.2f s (max level %d)", buildSeconds, built.maxLevel))

        var placed: AnnStorage.Placed? = try c.storage.place(built, links: c.links, progress: progress)
        let index = placed!.index
        let (searcher, quantizeSeconds) = try searcher(for: index, progress: progress)
        let truthDistances = Self.trueDistances(index: index, queries: queries, truth: truth, k: c.k)
        let recall = TieAwareRecall(k: c.k)
        let model = try c.model.map { try $0.resolve() }
        var modelSummary: AnnResult.ModelSummary?

        var runs: [AnnResult.EfRun] = []
        for ef in c.efs {
            var (run, beaten) = measure(searcher, queries: queries, truth: truth, truthDistances: truthDistances,
                                        recall: recall, ef: ef)
            // Exact ground truth cannot be beaten; if it is, recall (tie rule
            // included) would be meaningless, so refuse rather than report it.
            if beaten * 100 > queries.count {
                throw AnnBenchmarkError.groundTruthInconsistent(path: input.truthName, queriesBeaten: beaten, queries: queries.count)
            }
            progress(String(format: "ef %4d  recall %.4f  qps %9.1f  p99 %7.1f µs", ef, run.recall, run.qps, run.p99LatencyMicroseconds))
            if let model, let options = c.model {
                let pass = try modelPass(index: index, queries: queries, ef: ef, cpu: model.selection.geometry,
                                         pcid: model.pcid, sample: options.sample)
                run.modelled = pass.misses
                modelSummary = Self.modelSummary(selection: model.selection, configuration: options, arrays: pass.arrays)
                progress(String(format: "ef %4d  modelled (%@): L1 dTLB misses/query %.1f, page walks/query %.1f, "
                                + "replay %.1f M accesses/s", ef, model.selection.geometry.name,
                                pass.misses.l1dTLBMissesPerQuery, pass.misses.pageWalksPerQuery,
                                pass.misses.replayAccessesPerSecond / 1e6))
            }
            runs.append(run)
        }
        let residency = try? placed?.file?.file.mapping?.residency()
        // In RAM: how much of the index's own arrays ended up resident and
        // in 2 MiB pages (what the huge-page policy achieved).
        let inRAM = placed?.file == nil
        let arrays = inRAM ? Self.coverage(of: index) : nil
        let placedBytes = placed!.bytes, saveSeconds = placed!.saveSeconds, openSeconds = placed!.openSeconds
        let vectors = vectorSummary(index: index, quantized: searcher.quantized, quantizeSeconds: quantizeSeconds,
                                    placedBytes: placedBytes, mapped: !inRAM)
        placed = nil  // unmaps and removes a temporary index file
        let result = AnnResult(
            context: RunContextProbe.current(),
            dataset: .init(base: c.basePath, queries: input.queriesName, groundtruth: input.truthName,
                           count: base.count, dimension: base.dimension, queryCount: queries.count, metric: metric.rawValue,
                           groundTruthSource: input.truthSource),
            build: .init(m: c.parameters.m, m0: c.parameters.m0, efConstruction: c.parameters.efConstruction,
                         threads: c.threads, seconds: buildSeconds, storage: c.storage.name, advice: c.storage.adviceName,
                         indexBytes: placedBytes, saveSeconds: saveSeconds, openSeconds: openSeconds,
                         maxLevel: index.maxLevel,
                         mappedResidentBytes: residency?.residentBytes ?? arrays.map { Int($0.rss) },
                         mappedHugePageBytes: residency?.hugePageBytes ?? arrays.map { Int($0.anonHugePages) },
                         hugePages: inRAM ? c.hugePages.rawValue : nil),
            k: c.k, repeat: c.repeat, peakRSSBytes: RunContextProbe.peakRSSBytes(), runs: runs, model: modelSummary,
            vectors: vectors)
        if let minimum = c.minimumRecall, result.bestRecall < minimum {
            throw AnnBenchmarkError.recallTooLow(best: result.bestRecall, minimum: minimum)
        }
        return result
    }

    /// Residency and huge-page bytes of the mappings behind an in-RAM
    /// index's arrays (heap-allocated small arrays are summed in whole).
    static func coverage(of index: HNSWIndex) -> (rss: UInt64, anonHugePages: UInt64)? {
        var rss: UInt64 = 0, huge: UInt64 = 0
        for range in index.arrayRanges {
            guard case .available(let coverage) = MappingCoverage.read(
                .addressRange(lower: UInt64(range.lowerBound), upper: UInt64(range.upperBound))) else { return nil }
            rss += coverage.rss
            huge += coverage.anonHugePages
        }
        return (rss, huge)
    }

    /// One `ef`: the run, and how many queries found a point nearer than the
    /// ground truth's nearest (which exact ground truth makes impossible).
    private func measure(
        _ searcher: Searcher, queries: DenseMatrix<Float>, truth: DenseMatrix<Int32>,
        truthDistances: [(first: Float, kth: Float)], recall: TieAwareRecall, ef: Int
    ) -> (AnnResult.EfRun, beaten: Int) {
        let k = configuration.k
        // Statistics pass: exact counters, recall, and a warm cache.
        var statistics = SearchStatistics()
        var hits = 0, beaten = 0
        let statisticsStart = MonotonicClock.nanoseconds()
        for q in 0..<queries.count {
            var found = queries.withRow(q) { searcher.search($0, k: k, ef: ef, statistics: &statistics) }
            // Without rescoring the distances are the codes' own; recall's
            // tie rule and the ground-truth check need exact ones.
            if searcher.returnsCodeDistances { found = searcher.exactDistances(found, query: queries.row(q)) }
            let truthRow = truth.withRow(q) { row in row.prefix(k).map { UInt64(UInt32(bitPattern: $0)) } }
            hits += recall.hits(results: found.lazy.map { (id: $0.id, distance: $0.distance) },
                                truth: truthRow, kthTrueDistance: truthDistances[q].kth)
            if let nearest = found.first, recall.isClearlyNearer(nearest.distance, than: truthDistances[q].first) {
                beaten += 1
            }
        }
        let statisticsNanoseconds = MonotonicClock.nanoseconds() - statisticsStart

        // Timed passes: no statistics, every query timed on its own.
        var latencies = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
        latencies.autoResize = true
        var passNanoseconds: [UInt64] = []
        var sink = 0
        for _ in 0..<configuration.repeat {
            let passStart = MonotonicClock.nanoseconds()
            for q in 0..<queries.count {
                let start = MonotonicClock.nanoseconds()
                let found = queries.withRow(q) { searcher.search($0, k: k, ef: ef) }
                _ = latencies.record(MonotonicClock.nanoseconds() - start)
                sink &+= found.count
            }
            passNanoseconds.append(MonotonicClock.nanoseconds() - passStart)
        }
        precondition(sink >= 0)
        let qpsSamples = passNanoseconds.map { Double(queries.count) / (Double($0) / 1e9) }
        let medianPass = passNanoseconds.sorted()[passNanoseconds.count / 2]
        let n = Double(queries.count)
        let run = AnnResult.EfRun(
            ef: ef,
            recall: Double(hits) / (n * Double(k)),
            qps: n / (Double(medianPass) / 1e9),
            qpsSamples: qpsSamples,
            meanLatencyMicroseconds: latencies.mean / 1000,
            p50LatencyMicroseconds: Double(latencies.valueAtPercentile(50)) / 1000,
            p99LatencyMicroseconds: Double(latencies.valueAtPercentile(99)) / 1000,
            maxLatencyMicroseconds: Double(latencies.max) / 1000,
            meanDistanceEvaluations: statistics.perQuery(\.distanceEvaluations) ?? 0,
            meanVisitedNodes: statistics.perQuery(\.visitedNodes) ?? 0,
            meanPagesTouched4K: statistics.perQuery(\.pagesTouched4K) ?? 0,
            meanPagesTouched2M: statistics.perQuery(\.pagesTouched2M) ?? 0,
            meanVectorPages4K: statistics.perQuery(\.vectorPages4K) ?? 0,
            meanLinkPages4K: statistics.perQuery(\.linkPages4K) ?? 0,
            statisticsOverhead: Double(statisticsNanoseconds) / Double(max(medianPass, 1)))
        return (run, beaten)
    }

    /// The distance from each query to its first and k-th ground-truth
    /// neighbours, computed with the index's own kernel over the index's
    /// stored vectors (normalised for cosine), so they compare exactly with
    /// result distances.
    static func trueDistances(index: HNSWIndex, queries: DenseMatrix<Float>, truth: DenseMatrix<Int32>, k: Int) -> [(first: Float, kth: Float)] {
        (0..<queries.count).map { q in
            var query = queries.row(q)
            if index.metric.normalizesVectors { query = Distance.normalized(query) }
            func distance(toColumn column: Int) -> Float {
                let id = UInt64(truth.withRow(q) { $0[column] })
                guard let stored = index.vector(of: id) else { return -.infinity }
                return index.metric.distance(query, stored)
            }
            return (distance(toColumn: 0), distance(toColumn: k - 1))
        }
    }

    static func check(_ input: Input, configuration c: AnnBenchmarkConfiguration) throws(AnnBenchmarkError) {
        let base = input.base, queries = input.queries, truth = input.truth
        guard base.count > 0 else { throw .emptyFile(path: c.basePath) }
        guard queries.count > 0 else { throw .emptyFile(path: input.queriesName) }
        guard base.dimension == queries.dimension else {
            throw .dimensionMismatch(base: c.basePath, baseDimension: base.dimension,
                                     queries: input.queriesName, queryDimension: queries.dimension)
        }
        guard truth.count >= queries.count else {
            throw .groundTruthTooShort(path: input.truthName, rows: truth.count, queries: queries.count)
        }
        guard truth.dimension >= c.k else {
            throw .groundTruthTooNarrow(path: input.truthName, columns: truth.dimension, k: c.k)
        }
        for row in 0..<queries.count {
            for column in 0..<c.k {
                let id = truth.withRow(row) { $0[column] }
                if id < 0 || Int(id) >= base.count {
                    throw .groundTruthIDOutOfRange(path: input.truthName, row: row, column: column, id: id, baseCount: base.count)
                }
            }
        }
    }
}
