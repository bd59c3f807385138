import Dispatch

/// A seeded generator of clustered float vectors for ANN benchmarks: a base
/// set and a query set drawn from the same mixture, a pure function of the
/// parameters (and independent of `threads`).
///
/// The mixture: `clusters` centroids with coordinates ~ N(0, centroidSpread²),
/// cluster weights log-normal (`sizeSkew`), and within cluster c
///
///     x = centroid_c + s_c · Σⱼ zⱼ · λⱼ · u_cⱼ + noise · ε,   zⱼ, ε ~ N(0, 1)
///
/// where u_c₁…u_cL are random directions (L = `latentDimension`), λⱼ a
/// decaying spectrum and s_c = `clusterSpread` × U(1 − v, 1 + v) the
/// cluster's own spread (v = `spreadVariation`).
///
/// Why not isotropic noise around each centroid: in 128 dimensions isotropic
/// Gaussian points are all nearly equidistant, which makes every graph index
/// look far worse than on real descriptors, whose local intrinsic dimension
/// is low (SIFT's is around 10–20). A low-dimensional, anisotropic spread
/// plus a little full-dimensional noise gives SIFT-like difficulty; the
/// defaults are tuned so that HNSW (m = 16, efConstruction = 100) on
/// 100,000 × 128 with 100 clusters reaches recall@10 ≈ 0.9 at ef = 16 and
/// > 0.99 at ef = 128 (hnswlib measured 0.917 / 0.993 for seed 42 and
/// 0.920 / 0.994 for seed 7). A larger `clusterSpread` or `latentDimension`
/// makes the set harder, more clusters make it easier.
///
/// Every point is generated from its own generator, seeded from (`seed`,
/// stream, row), so rows can be produced in parallel, a larger `count`
/// extends a smaller one (same prefix), and queries — a separate stream —
/// are fresh draws, never copies of base points.
public struct ClusteredDatasetGenerator: Sendable {
    public var count: Int
    public var dimension: Int
    public var clusters: Int
    public var queries: Int
    public var seed: UInt64
    /// Directions each cluster spreads along (its intrinsic dimension);
    /// clamped to `dimension`.
    public var latentDimension: Int = 12
    /// Standard deviation of centroid coordinates.
    public var centroidSpread: Double = 1.0
    /// Standard deviation along a cluster's strongest direction.
    public var clusterSpread: Double = 3.0
    /// Per-cluster spread multiplier is drawn from U(1 − v, 1 + v).
    public var spreadVariation: Double = 0.5
    /// Ratio between consecutive latent standard deviations (λⱼ = decayʲ).
    public var spectrumDecay: Double = 0.9
    /// Standard deviation of the isotropic, full-dimensional noise.
    public var noise: Double = 0.3
    /// Standard deviation of log cluster weight (0: equal-sized clusters).
    public var sizeSkew: Double = 0.5

    public init(count: Int, dimension: Int, clusters: Int, queries: Int, seed: UInt64) {
        self.count = count
        self.dimension = dimension
        self.clusters = clusters
        self.queries = queries
        self.seed = seed
    }

    /// Base and query vectors, and the cluster each was drawn from.
    public struct Output: Sendable {
        public var base: DenseMatrix<Float>
        public var queries: DenseMatrix<Float>
        public var baseClusters: [Int32]
        public var queryClusters: [Int32]
    }

    /// Generates both sets, spreading rows over `threads` workers.
    public func generate(threads: Int = 1) -> Output {
        precondition(count >= 0 && queries >= 0, "negative count (\(count)) or queries (\(queries))")
        precondition(dimension > 0, "dimension must be positive, got \(dimension)")
        precondition(clusters > 0, "clusters must be positive, got \(clusters)")
        let model = makeModel()
        let (base, baseClusters) = model.sample(rows: count, stream: Stream.base, threads: threads)
        let (queryRows, queryClusters) = model.sample(rows: queries, stream: Stream.queries, threads: threads)
        return Output(base: base, queries: queryRows, baseClusters: baseClusters, queryClusters: queryClusters)
    }

    /// Any rows of the base (or query) stream by index, without generating
    /// the rows before them: row i is exactly what `generate()` puts at i, so
    /// a dataset can be extended later with points from the same mixture
    /// (a workload's upserts).
    public func rowSampler() -> RowSampler { RowSampler(model: makeModel()) }

    public struct RowSampler: Sendable {
        let model: Model

        public var dimension: Int { model.dimension }

        /// Rows `rows` of the base stream, or of the query stream.
        public func rows(_ rows: Range<UInt64>, queries: Bool = false) -> DenseMatrix<Float> {
            let stream = queries ? Stream.queries : Stream.base
            return DenseMatrix<Float>(count: rows.count, dimension: model.dimension) { (destination: UnsafeMutableBufferPointer<Float>) in
                var latentDraw = [Float](repeating: 0, count: model.latent)
                for (offset, row) in rows.enumerated() {
                    _ = model.drawPoint(into: destination.baseAddress! + offset * model.dimension, stream: stream,
                                        row: Int(row), latentDraw: &latentDraw)
                }
            }
        }
    }

    /// Substream tags: each kind of draw has its own generators.
    enum Stream {
        static let model: UInt64 = 1
        static let base: UInt64 = 2
        static let queries: UInt64 = 3
    }

    /// The seed of row `index` in `stream`: SplitMix64 finalisers over the
    /// three inputs, so neighbouring rows get unrelated generators.
    static func substreamSeed(_ seed: UInt64, _ stream: UInt64, _ index: UInt64) -> UInt64 {
        func mix(_ value: UInt64) -> UInt64 {
            var z = value &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return mix(mix(mix(seed) ^ stream) ^ index)
    }

    func makeModel() -> Model {
        var random = SeededGenerator(seed: Self.substreamSeed(seed, Stream.model, 0))
        let latent = max(0, min(latentDimension, dimension))
        var centroids = [Float](repeating: 0, count: clusters * dimension)
        var directions = [Float](repeating: 0, count: clusters * latent * dimension)
        var cumulativeWeights = [Double](repeating: 0, count: clusters)
        var total = 0.0
        let directionScale = 1 / Double(dimension).squareRoot()
        for cluster in 0..<clusters {
            for d in 0..<dimension {
                centroids[cluster * dimension + d] = Float(random.nextGaussian() * centroidSpread)
            }
            let spread = clusterSpread * (1 + spreadVariation * (2 * random.nextUnitDouble() - 1))
            var lambda = spread
            for j in 0..<latent {
                // A random Gaussian direction has norm ≈ 1 after this scaling;
                // exact orthogonality does not matter for the spread.
                let row = (cluster * latent + j) * dimension
                for d in 0..<dimension {
                    directions[row + d] = Float(random.nextGaussian() * directionScale * lambda)
                }
                lambda *= spectrumDecay
            }
            total += (sizeSkew * random.nextGaussian()).exponential
            cumulativeWeights[cluster] = total
        }
        return Model(seed: seed, dimension: dimension, latent: latent, noise: Float(noise),
                            centroids: centroids, directions: directions,
                            cumulativeWeights: cumulativeWeights.map { $0 / total })
    }
}

extension ClusteredDatasetGenerator {
    /// The drawn mixture (centroids, spread directions, weights), shared
    /// read-only by the sampling workers.
    struct Model: Sendable {
        let seed: UInt64
        let dimension: Int
        let latent: Int
        let noise: Float
        let centroids: [Float]
        let directions: [Float]
        let cumulativeWeights: [Double]

        /// `rows` points of `stream`, row r drawn from its own generator.
        func sample(rows: Int, stream: UInt64, threads: Int) -> (DenseMatrix<Float>, [Int32]) {
            var labels = [Int32](repeating: 0, count: rows)
            let matrix = DenseMatrix<Float>(count: rows, dimension: dimension) { (destination: UnsafeMutableBufferPointer<Float>) in
                labels.withUnsafeMutableBufferPointer { labelBuffer in
                    let sink = SampleSink(values: destination, labels: labelBuffer)
                    let workers = max(1, min(threads, rows / 1024 + 1))
                    DispatchQueue.concurrentPerform(iterations: workers) { worker in
                        let begin = rows * worker / workers, end = rows * (worker + 1) / workers
                        var latentDraw = [Float](repeating: 0, count: latent)
                        for row in begin..<end {
                            sink.labels[row] = drawPoint(
                                into: sink.values.baseAddress! + row * dimension, stream: stream, row: row,
                                latentDraw: &latentDraw)
                        }
                    }
                }
            }
            return (matrix, labels)
        }

        /// Writes one point; returns its cluster.
        func drawPoint(into point: UnsafeMutablePointer<Float>, stream: UInt64, row: Int, latentDraw: inout [Float]) -> Int32 {
            var random = GaussianSource(seed: ClusteredDatasetGenerator.substreamSeed(seed, stream, UInt64(row)))
            let cluster = pickCluster(random.nextUnitDouble())
            centroids.withUnsafeBufferPointer { centroids in
                let centroid = centroids.baseAddress! + cluster * dimension
                for d in 0..<dimension { point[d] = centroid[d] + noise * Float(random.next()) }
            }
            for j in 0..<latent { latentDraw[j] = Float(random.next()) }
            directions.withUnsafeBufferPointer { directions in
                for j in 0..<latent {
                    let z = latentDraw[j]
                    let direction = directions.baseAddress! + (cluster * latent + j) * dimension
                    for d in 0..<dimension { point[d] += z * direction[d] }
                }
            }
            return Int32(cluster)
        }

        /// The cluster whose cumulative-weight interval holds `u` ∈ [0, 1).
        func pickCluster(_ u: Double) -> Int {
            var low = 0, high = cumulativeWeights.count - 1
            while low < high {
                let middle = (low + high) / 2
                if cumulativeWeights[middle] > u { high = middle } else { low = middle + 1 }
            }
            return low
        }
    }
}

extension ClusteredDatasetGenerator {
    /// Standard normal deviates by Marsaglia's polar method, both of each
    /// pair used: one logarithm per two deviates and no trigonometry, about
    /// three times cheaper than Box–Muller with one deviate discarded. Each
    /// point has its own source, so using pairs keeps every point a pure
    /// function of (seed, stream, row).
    struct GaussianSource {
        var random: SeededGenerator
        var spare: Double?

        init(seed: UInt64) {
            random = SeededGenerator(seed: seed)
        }

        mutating func nextUnitDouble() -> Double { random.nextUnitDouble() }

        mutating func next() -> Double {
            if let spare {
                self.spare = nil
                return spare
            }
            while true {
                let u = 2 * random.nextUnitDouble() - 1, v = 2 * random.nextUnitDouble() - 1
                let s = u * u + v * v
                guard s < 1, s > 0 else { continue }
                let scale = (-2 * s.logarithm / s).squareRoot()
                spare = v * scale
                return u * scale
            }
        }
    }
}

/// Output buffers the sampling workers fill, each its own disjoint rows.
private struct SampleSink: @unchecked Sendable {
    let values: UnsafeMutableBufferPointer<Float>
    let labels: UnsafeMutableBufferPointer<Int32>
}

extension Double {
    fileprivate var exponential: Double {
        #if canImport(Glibc)
        return Glibc.exp(self)
        #else
        return Darwin.exp(self)
        #endif
    }

    fileprivate var logarithm: Double {
        #if canImport(Glibc)
        return Glibc.log(self)
        #else
        return Darwin.log(self)
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
