import BenchModel
import VectorCore
import VectorIndex

extension AnnBenchmark {
    /// The base, queries and ground truth a run measures, and the metric.
    struct Input {
        var base: DenseMatrix<Float>
        var queries: DenseMatrix<Float>
        var truth: DenseMatrix<Int32>
        var metric: Metric
        /// `file`, `hdf5` or `computed` (`AnnResult.DatasetSummary.groundTruthSource`).
        var truthSource: String
        var queriesName: String
        var truthName: String
    }

    /// Separate files (.fvecs/.fbin/… with an .ivecs/.ibin ground truth), or
    /// one ann-benchmarks HDF5 file named as the base.
    func readInput(progress: Progress) throws -> Input {
        let c = configuration
        guard c.readsHDF5 else {
            let base = try DatasetReader.readFloats(c.basePath, options: .init(limit: c.baseLimit))
            let queries = try DatasetReader.readFloats(c.queriesPath, options: .init(limit: c.queryLimit))
            let truth = try DatasetReader.readInt32s(c.groundTruthPath, options: .init(limit: queries.count))
            return Input(base: base, queries: queries, truth: truth, metric: c.metric, truthSource: "file",
                         queriesName: c.queriesPath, truthName: c.groundTruthPath)
        }
        return try readHDF5(progress: progress)
    }

    /// An ann-benchmarks file: `train` is the base, `test` the queries, the
    /// `distance` attribute the metric, and `neighbors` the ground truth —
    /// unless `--limit` cuts the base (the file's neighbours then name
    /// points that are not there), in which case it is computed exactly.
    private func readHDF5(progress: Progress) throws -> Input {
        let c = configuration
        guard c.queriesPath.isEmpty, c.groundTruthPath.isEmpty else {
            throw AnnBenchmarkError.invalidOption(
                "\(c.basePath) is an HDF5 file with its own test queries and neighbors; drop --queries and --groundtruth")
        }
        let dataset = try HDF5File(path: c.basePath).matrixShape("neighbors") == nil
            ? try Self.readWithoutNeighbors(c.basePath) : try ANNBenchmarksDataset.read(c.basePath)
        if c.metricIsExplicit, c.metric != dataset.metric {
            throw AnnBenchmarkError.metricMismatch(path: c.basePath, fileMetric: dataset.metric.rawValue,
                                                   asked: c.metric.rawValue)
        }
        if case .binary = c.quantization, dataset.metric == .l2 {
            throw AnnBenchmarkError.invalidOption(
                "--quantization binary needs metric ip or cosine; \(c.basePath) says euclidean (l2)")
        }
        var base = dataset.base, queries = dataset.queries
        if let limit = c.queryLimit, limit < queries.count { queries = Self.prefix(queries, limit) }
        var truth = dataset.neighbors, source = "hdf5"
        let cut = c.baseLimit.map { $0 < base.count } ?? false
        if cut || truth.count == 0 {
            if let limit = c.baseLimit, cut { base = Self.prefix(base, limit) }
            progress(cut ? "--limit cuts \(c.basePath)'s train set: computing exact ground truth instead of its neighbors"
                         : "\(c.basePath) has no neighbors dataset: computing exact ground truth")
            let computed = try GroundTruth.compute(base: base, queries: queries, k: c.k, metric: dataset.metric,
                                                   threads: c.threads)
            truth = computed.ids
            source = "computed"
        } else if truth.dimension < c.k {
            throw AnnBenchmarkError.groundTruthTooNarrow(path: c.basePath + "#neighbors", columns: truth.dimension, k: c.k)
        } else if queries.count < truth.count {
            truth = Self.prefix(truth, queries.count)
        }
        return Input(base: base, queries: queries, truth: truth, metric: dataset.metric, truthSource: source,
                     queriesName: c.basePath + "#test", truthName: source == "hdf5" ? c.basePath + "#neighbors" : "computed")
    }

    /// A file without `neighbors`: train, test and the metric, read and
    /// checked as `ANNBenchmarksDataset.read` does, with an empty ground
    /// truth that the caller then computes.
    private static func readWithoutNeighbors(_ path: String) throws(HDF5Error) -> ANNBenchmarksDataset {
        let file = try HDF5File(path: path)
        guard let distance = try file.stringAttribute("distance") else {
            throw .inconsistent(path: path, detail: "no 'distance' attribute: the metric is unknown")
        }
        guard let metric = ANNBenchmarksDataset.metric(distance: distance) else {
            throw .unknownDistance(path: path, value: distance)
        }
        let base = try file.floatMatrix("train"), queries = try file.floatMatrix("test")
        guard InputLimit.dimension.range.contains(base.dimension) else {
            throw .wrongShape(path: path, dataset: "train", found: "dimension \(base.dimension)",
                              expected: "dimension in \(InputLimit.dimension.range)")
        }
        guard queries.dimension == base.dimension else {
            throw .inconsistent(path: path, detail: "test has dimension \(queries.dimension), train \(base.dimension)")
        }
        return ANNBenchmarksDataset(base: base, queries: queries, neighbors: DenseMatrix(count: 0, dimension: 0, elements: []),
                                    distances: nil, metric: metric)
    }

    static func prefix<Element>(_ matrix: DenseMatrix<Element>, _ rows: Int) -> DenseMatrix<Element> {
        DenseMatrix(count: rows, dimension: matrix.dimension) { (target: UnsafeMutableBufferPointer<Element>) in
            for row in 0..<rows {
                matrix.withRow(row) { source in
                    _ = UnsafeMutableBufferPointer(rebasing: target[row * matrix.dimension..<(row + 1) * matrix.dimension])
                        .initialize(from: source)
                }
            }
        }
    }
}
