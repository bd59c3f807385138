import VectorCore

/// Exact k-nearest neighbours of a query set over a base set: the answer key
/// recall is measured against.
///
/// `ids[q]` lists base row indices nearest first, ties broken by the smaller
/// index; `distances[q]` the matching distances in the metric's own terms
/// (`Metric`: squared L2, or 1 − dot product) — the same numbers the indexes
/// report, so tie-aware recall can compare them directly.
///
/// On disk: ids as `.ivecs`, distances as `.fvecs`, one row per query.
public struct GroundTruth: Sendable {
    public let metric: Metric
    public let ids: DenseMatrix<Int32>
    public let distances: DenseMatrix<Float>

    public init(metric: Metric, ids: DenseMatrix<Int32>, distances: DenseMatrix<Float>) {
        precondition(ids.count == distances.count && ids.dimension == distances.dimension,
                     "ground truth ids \(ids.count) × \(ids.dimension) vs distances \(distances.count) × \(distances.dimension)")
        self.metric = metric
        self.ids = ids
        self.distances = distances
    }

    /// Neighbours per query (min(k, base count) as computed).
    public var k: Int { ids.dimension }
    public var queryCount: Int { ids.count }

    /// The exact `k` nearest base rows of every query row, over `threads`
    /// workers. Cosine normalises copies of both sets first. `k` is clamped
    /// to the base count. Throws for a dimension mismatch or a non-finite
    /// component in either set.
    public static func compute(
        base: DenseMatrix<Float>, queries: DenseMatrix<Float>, k: Int, metric: Metric, threads: Int = 1
    ) throws(VectorValidationError) -> GroundTruth {
        guard queries.dimension == base.dimension else {
            throw .wrongDimension(expected: base.dimension, actual: queries.dimension)
        }
        precondition(base.count <= Int(Int32.max), "ground truth ids are int32; base has \(base.count) rows")
        precondition(k >= 0, "k must be ≥ 0, got \(k)")
        let keep = min(k, base.count)
        let dimension = base.dimension
        let preparedQueries = try BruteForceIndex.ExactScan.prepareQueries(queries, metric: metric)
        let preparedBase: [Float]? = metric.normalizesVectors
            ? try BruteForceIndex.ExactScan.prepareQueries(base, metric: metric)
            : nil
        if preparedBase == nil {
            try base.withUnsafeBufferPointer { (all: UnsafeBufferPointer<Float>) throws(VectorValidationError) in
                for index in 0..<all.count where !all[index].isFinite {
                    throw .nonFinite(index: index % dimension, value: all[index])
                }
            }
        }

        let results: [[Neighbor<UInt64>]]
        if keep == 0 {
            results = Array(repeating: [], count: queries.count)
        } else {
            results = preparedQueries.withUnsafeBufferPointer { queryBuffer in
                func scan(_ baseBuffer: UnsafeBufferPointer<Float>) -> [[Neighbor<UInt64>]] {
                    BruteForceIndex.ExactScan(base: baseBuffer.baseAddress!, count: base.count, ids: nil, dimension: dimension)
                        .nearest(metric: metric, queries: queryBuffer.baseAddress!, queryCount: queries.count,
                                 k: keep, threads: threads)
                }
                if let preparedBase { return preparedBase.withUnsafeBufferPointer(scan) }
                return base.withUnsafeBufferPointer(scan)
            }
        }

        let ids = DenseMatrix<Int32>(count: queries.count, dimension: keep) { (table: UnsafeMutableBufferPointer<Int32>) in
            for (q, neighbors) in results.enumerated() {
                for (rank, neighbor) in neighbors.enumerated() { table[q * keep + rank] = Int32(neighbor.id) }
            }
        }
        let distances = DenseMatrix<Float>(count: queries.count, dimension: keep) { (table: UnsafeMutableBufferPointer<Float>) in
            for (q, neighbors) in results.enumerated() {
                for (rank, neighbor) in neighbors.enumerated() { table[q * keep + rank] = neighbor.distance }
            }
        }
        return GroundTruth(metric: metric, ids: ids, distances: distances)
    }

    /// Query `index`'s neighbours, nearest first.
    public func neighbors(ofQuery index: Int) -> [Neighbor<UInt64>] {
        let rowIDs = ids.row(index), rowDistances = distances.row(index)
        return zip(rowIDs, rowDistances).map { Neighbor(distance: $1, id: UInt64($0)) }
    }

    /// Writes the ids (ivecs/ibin by extension) and, when a path is given,
    /// the distances (fvecs/fbin), each atomically.
    public func write(idsTo idsPath: String, distancesTo distancesPath: String?) throws(DatasetError) {
        try DatasetWriter.write(ids, to: idsPath)
        if let distancesPath { try DatasetWriter.write(distances, to: distancesPath) }
    }
}
