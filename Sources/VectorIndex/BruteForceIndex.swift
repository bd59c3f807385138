import VectorCore

/// A flat exact index: every search compares the query with every stored
/// vector. It is the reference HNSW is measured against (ground truth, tests)
/// and the search structure of small appendable segments.
///
/// Vectors are kept in one dense row-major array beside their external ids;
/// cosine vectors are normalised on insert and queries before searching, so
/// all three metrics share one kernel-generic scan. Results are nearest
/// first, ties broken by the smaller id (the order `Neighbor` defines), so
/// the answer does not depend on insertion order.
///
/// A value type: copies are independent; a `let` index can be searched from
/// many threads at once. Ids are not deduplicated: adding an id twice stores
/// two points.
public struct BruteForceIndex: Sendable {
    public let dimension: Int
    public let metric: Metric
    /// Row-major stored vectors (normalised for cosine).
    @usableFromInline var vectors: [Float]
    @usableFromInline var ids: [UInt64]

    public init(dimension: Int, metric: Metric, reservingCapacity capacity: Int = 0) {
        precondition(dimension > 0, "dimension must be ≥ 1, got \(dimension)")
        self.dimension = dimension
        self.metric = metric
        vectors = []
        ids = []
        vectors.reserveCapacity(capacity * dimension)
        ids.reserveCapacity(capacity)
    }

    /// Number of stored vectors.
    public var count: Int { ids.count }

    public var isEmpty: Bool { ids.isEmpty }

    /// Stores `vector` under `id`. Refuses a wrong dimension or a NaN/infinite
    /// component (nothing is stored then).
    public mutating func add(_ vector: UnsafeBufferPointer<Float>, id: UInt64) throws(VectorValidationError) {
        try VectorValidation.check(vector, dimension: dimension)
        let start = vectors.count
        vectors.append(contentsOf: vector)
        if metric.normalizesVectors {
            vectors.withUnsafeMutableBufferPointer { Distance.normalize($0.baseAddress! + start, dimension) }
        }
        ids.append(id)
    }

    public mutating func add(_ vector: [Float], id: UInt64) throws(VectorValidationError) {
        try vector.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<Float>) throws(VectorValidationError) in
            try add(buffer, id: id)
        }
    }

    /// Stores every row of `matrix`, row r under id `firstID + r`. Validation
    /// happens first, so either all rows are stored or none.
    public mutating func add(contentsOf matrix: DenseMatrix<Float>, firstID: UInt64 = 0) throws(VectorValidationError) {
        guard matrix.dimension == dimension else {
            throw .wrongDimension(expected: dimension, actual: matrix.dimension)
        }
        try matrix.withUnsafeBufferPointer { (all: UnsafeBufferPointer<Float>) throws(VectorValidationError) in
            for index in 0..<all.count where !all[index].isFinite {
                throw .nonFinite(index: index % dimension, value: all[index])
            }
            let start = vectors.count
            vectors.append(contentsOf: all)
            if metric.normalizesVectors {
                vectors.withUnsafeMutableBufferPointer { stored in
                    for row in 0..<matrix.count { Distance.normalize(stored.baseAddress! + start + row * dimension, dimension) }
                }
            }
        }
        ids.append(contentsOf: (0..<UInt64(matrix.count)).map { firstID &+ $0 })
    }

    /// The external id of row `index` (insertion order).
    public func id(at index: Int) -> UInt64 { ids[index] }

    /// A copy of the stored vector at row `index` (normalised for cosine).
    public func vector(at index: Int) -> [Float] {
        Array(vectors[(index * dimension)..<((index + 1) * dimension)])
    }

    /// The `k` nearest stored vectors to `query`, nearest first.
    public func search(_ query: UnsafeBufferPointer<Float>, k: Int) throws(VectorValidationError) -> [Neighbor<UInt64>] {
        try VectorValidation.check(query, dimension: dimension)
        guard k > 0, !ids.isEmpty else { return [] }
        var prepared = Array(query)
        if metric.normalizesVectors {
            prepared.withUnsafeMutableBufferPointer { Distance.normalize($0.baseAddress!, dimension) }
        }
        return prepared.withUnsafeBufferPointer { queryBuffer in
            vectors.withUnsafeBufferPointer { base in
                ids.withUnsafeBufferPointer { idBuffer in
                    let scan = ExactScan(base: base.baseAddress!, count: ids.count, ids: idBuffer.baseAddress,
                                         dimension: dimension)
                    switch metric {
                    case .l2: return scan.nearest(L2Kernel.self, to: queryBuffer.baseAddress!, k: k)
                    case .innerProduct: return scan.nearest(InnerProductKernel.self, to: queryBuffer.baseAddress!, k: k)
                    case .cosine: return scan.nearest(CosineKernel.self, to: queryBuffer.baseAddress!, k: k)
                    }
                }
            }
        }
    }

    /// The `k` nearest stored vectors to `query`, reporting every stored
    /// vector read (and each id read) to `accesses`, in scan order.
    public func search<Accesses: MemoryAccessRecorder>(
        _ query: UnsafeBufferPointer<Float>, k: Int, accesses: inout Accesses
    ) throws(VectorValidationError) -> [Neighbor<UInt64>] {
        try VectorValidation.check(query, dimension: dimension)
        guard k > 0, !ids.isEmpty else { return [] }
        var prepared = Array(query)
        if metric.normalizesVectors {
            prepared.withUnsafeMutableBufferPointer { Distance.normalize($0.baseAddress!, dimension) }
        }
        return prepared.withUnsafeBufferPointer { queryBuffer in
            vectors.withUnsafeBufferPointer { base in
                ids.withUnsafeBufferPointer { idBuffer in
                    let scan = ExactScan(base: base.baseAddress!, count: ids.count, ids: idBuffer.baseAddress,
                                         dimension: dimension)
                    let q = queryBuffer.baseAddress!
                    switch metric {
                    case .l2: return scan.nearest(L2Kernel.self, to: q, k: k, accesses: &accesses)
                    case .innerProduct: return scan.nearest(InnerProductKernel.self, to: q, k: k, accesses: &accesses)
                    case .cosine: return scan.nearest(CosineKernel.self, to: q, k: k, accesses: &accesses)
                    }
                }
            }
        }
    }

    public func search(_ query: [Float], k: Int) throws(VectorValidationError) -> [Neighbor<UInt64>] {
        try query.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<Float>) throws(VectorValidationError) in
            try search(buffer, k: k)
        }
    }

    /// The `k` nearest neighbours of every row of `queries`, over `threads`
    /// workers; element q answers query row q.
    public func search(queries: DenseMatrix<Float>, k: Int, threads: Int = 1) throws(VectorValidationError) -> [[Neighbor<UInt64>]] {
        guard queries.dimension == dimension else {
            throw .wrongDimension(expected: dimension, actual: queries.dimension)
        }
        let prepared = try ExactScan.prepareQueries(queries, metric: metric)
        guard k > 0, !ids.isEmpty else { return Array(repeating: [], count: queries.count) }
        return prepared.withUnsafeBufferPointer { queryBuffer in
            vectors.withUnsafeBufferPointer { base in
                ids.withUnsafeBufferPointer { idBuffer in
                    let scan = ExactScan(base: base.baseAddress!, count: ids.count, ids: idBuffer.baseAddress,
                                         dimension: dimension)
                    return scan.nearest(metric: metric, queries: queryBuffer.baseAddress!, queryCount: queries.count,
                                        k: k, threads: threads)
                }
            }
        }
    }
}
