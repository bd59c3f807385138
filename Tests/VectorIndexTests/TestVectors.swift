import VectorCore

/// Small seeded clustered data for index tests, and an exact scalar reference
/// (double precision, ties by smaller id) to measure recall against.
enum TestVectors {
    /// Base points and queries drawn from the same clusters (queries from
    /// other clusters would make inner-product search pathological, which is
    /// not what these tests are about).
    static func clustered(
        count: Int, queries: Int, dimension: Int, clusters: Int, spread: Double = 0.35, seed: UInt64
    ) -> (base: [[Float]], queries: [[Float]]) {
        var generator = SeededGenerator(seed: seed)
        let centroids = (0..<clusters).map { _ in (0..<dimension).map { _ in Float(generator.nextGaussian()) } }
        let points = (0..<(count + queries)).map { _ in
            let centroid = centroids[Int(generator.next() % UInt64(clusters))]
            return centroid.map { $0 + Float(generator.nextGaussian() * spread) }
        }
        return (Array(points.prefix(count)), Array(points.suffix(queries)))
    }

    static func exactNeighbours(of query: [Float], in base: [[Float]], k: Int, metric: Metric) -> [Int] {
        let q = metric.normalizesVectors ? normalized(query) : query.map(Double.init)
        let scored = base.enumerated().map { (index, vector) -> (Double, Int) in
            let v = metric.normalizesVectors ? normalized(vector) : vector.map(Double.init)
            switch metric {
            case .l2: return (zip(q, v).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }, index)
            case .innerProduct, .cosine: return (1 - zip(q, v).reduce(0) { $0 + $1.0 * $1.1 }, index)
            }
        }
        return scored.sorted { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }.prefix(k).map(\.1)
    }

    static func normalized(_ vector: [Float]) -> [Double] {
        let v = vector.map(Double.init)
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? v.map { $0 / norm } : v
    }

    static func flattened(_ rows: [[Float]]) -> [Float] { rows.flatMap { $0 } }
}
