/// A dataset in ann-benchmarks' HDF5 layout: `train` (base vectors), `test`
/// (queries), `neighbors` (exact ids per query), `distances` (their
/// distances), and the root attribute `distance`.
///
/// | item | kind | meaning |
/// |---|---|---|
/// | `train` | float, n × d | the base vectors; row i has id i |
/// | `test` | float, q × d | the queries |
/// | `neighbors` | int, q × k | exact neighbour ids per query, nearest first |
/// | `distances` | float, q × k | their distances (optional here) |
/// | `distance` | string attribute | `euclidean` → l2, `angular` → cosine, `dot` → ip |
/// | `dimension` | int attribute | d (optional; checked when present) |
/// | `point_type` | string attribute | `float` (optional; others are refused) |
public struct ANNBenchmarksDataset: Sendable {
    public var base: DenseMatrix<Float>
    public var queries: DenseMatrix<Float>
    public var neighbors: DenseMatrix<Int32>
    public var distances: DenseMatrix<Float>?
    public var metric: Metric

    public init(base: DenseMatrix<Float>, queries: DenseMatrix<Float>, neighbors: DenseMatrix<Int32>,
                distances: DenseMatrix<Float>?, metric: Metric) {
        self.base = base
        self.queries = queries
        self.neighbors = neighbors
        self.distances = distances
        self.metric = metric
    }

    /// Whether a path names an HDF5 file by its extension.
    public static func isHDF5(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".hdf5") || lower.hasSuffix(".h5")
    }

    /// The metric a `distance` attribute names.
    public static func metric(distance: String) -> Metric? {
        switch distance.lowercased() {
        case "euclidean", "l2": .l2
        case "angular", "cosine": .cosine
        case "dot", "ip", "inner_product", "innerproduct": .innerProduct
        default: nil
        }
    }

    public static func read(_ path: String) throws(HDF5Error) -> ANNBenchmarksDataset {
        let file = try HDF5File(path: path)
        guard let distance = try file.stringAttribute("distance") else {
            throw .inconsistent(path: path, detail: "no 'distance' attribute: the metric is unknown")
        }
        guard let metric = metric(distance: distance) else { throw .unknownDistance(path: path, value: distance) }
        if let pointType = try file.stringAttribute("point_type"), pointType != "float" {
            throw .inconsistent(path: path, detail: "point_type '\(pointType)' is not supported (only float)")
        }
        let base = try file.floatMatrix("train")
        let queries = try file.floatMatrix("test")
        let neighbors = try file.int32Matrix("neighbors")
        let distances = try file.matrixShape("distances") == nil ? nil : try file.floatMatrix("distances")
        guard InputLimit.dimension.range.contains(base.dimension) else {
            throw .wrongShape(path: path, dataset: "train", found: "dimension \(base.dimension)",
                              expected: "dimension in \(InputLimit.dimension.range)")
        }
        guard queries.dimension == base.dimension else {
            throw .inconsistent(path: path, detail: "test has dimension \(queries.dimension), train \(base.dimension)")
        }
        if let declared = try file.integerAttribute("dimension"), declared != Int64(base.dimension) {
            throw .inconsistent(path: path, detail: "the dimension attribute says \(declared), train has \(base.dimension)")
        }
        guard neighbors.count == queries.count else {
            throw .inconsistent(path: path, detail: "neighbors has \(neighbors.count) rows for \(queries.count) test queries")
        }
        if let distances, distances.count != neighbors.count || distances.dimension != neighbors.dimension {
            throw .inconsistent(path: path, detail: "distances is \(distances.count) × \(distances.dimension), "
                                + "neighbors \(neighbors.count) × \(neighbors.dimension)")
        }
        if let bad = neighbors.elements.first(where: { $0 < 0 || Int($0) >= base.count }) {
            throw .inconsistent(path: path, detail: "neighbors holds id \(bad), outside train's 0..<\(base.count)")
        }
        return ANNBenchmarksDataset(base: base, queries: queries, neighbors: neighbors, distances: distances, metric: metric)
    }
}
