import Foundation
import VectorCore

/// Any row of `ClusteredDatasetGenerator`'s base stream, by index, without
/// generating the rows before it.
///
/// Why it exists: upserted points must come from the same distribution as
/// a tenant's initial points, and the natural choice — rows size, size+1, …
/// of the tenant's own generator, exactly what a larger `count` would have
/// produced — is only reachable through VectorCore's public API by
/// regenerating the whole prefix. This is the generator's model and row
/// sampler restated (same seeds, same draws, same arithmetic order), so its
/// rows are bit-identical to the generator's; `ClusteredRowSamplerTests`
/// pins that, and fails if the two drift apart. If VectorCore ever exposes
/// per-row sampling, this type should go.
struct ClusteredRowSampler: Sendable {
    let dimension: Int
    let latent: Int
    let noise: Float
    let seed: UInt64
    let centroids: [Float]
    let directions: [Float]
    let cumulativeWeights: [Double]

    /// The substream tags and seed mixing of `ClusteredDatasetGenerator`.
    enum Stream {
        static let model: UInt64 = 1
        static let base: UInt64 = 2
        static let queries: UInt64 = 3
    }

    init(_ generator: ClusteredDatasetGenerator) {
        let dimension = generator.dimension, clusters = generator.clusters
        var random = SeededGenerator(seed: Self.substreamSeed(generator.seed, Stream.model, 0))
        let latent = max(0, min(generator.latentDimension, dimension))
        var centroids = [Float](repeating: 0, count: clusters * dimension)
        var directions = [Float](repeating: 0, count: clusters * latent * dimension)
        var cumulativeWeights = [Double](repeating: 0, count: clusters)
        var total = 0.0
        let directionScale = 1 / Double(dimension).squareRoot()
        for cluster in 0..<clusters {
            for d in 0..<dimension {
                centroids[cluster * dimension + d] = Float(random.nextGaussian() * generator.centroidSpread)
            }
            let spread = generator.clusterSpread * (1 + generator.spreadVariation * (2 * random.nextUnitDouble() - 1))
            var lambda = spread
            for j in 0..<latent {
                let row = (cluster * latent + j) * dimension
                for d in 0..<dimension {
                    directions[row + d] = Float(random.nextGaussian() * directionScale * lambda)
                }
                lambda *= generator.spectrumDecay
            }
            total += Foundation.exp(generator.sizeSkew * random.nextGaussian())
            cumulativeWeights[cluster] = total
        }
        self.dimension = dimension
        self.latent = latent
        self.noise = Float(generator.noise)
        self.seed = generator.seed
        self.centroids = centroids
        self.directions = directions
        self.cumulativeWeights = cumulativeWeights.map { $0 / total }
    }

    static func substreamSeed(_ seed: UInt64, _ stream: UInt64, _ index: UInt64) -> UInt64 {
        SeedDerivation.mix(SeedDerivation.mix(SeedDerivation.mix(seed) ^ stream) ^ index)
    }

    /// Rows `rows` of `stream` (base by default), as a matrix.
    func rows(_ rows: Range<UInt64>, stream: UInt64 = Stream.base) -> DenseMatrix<Float> {
        DenseMatrix<Float>(count: rows.count, dimension: dimension) { (destination: UnsafeMutableBufferPointer<Float>) in
            var latentDraw = [Float](repeating: 0, count: latent)
            for (offset, row) in rows.enumerated() {
                drawPoint(into: destination.baseAddress! + offset * dimension, stream: stream, row: row, latentDraw: &latentDraw)
            }
        }
    }

    private func drawPoint(into point: UnsafeMutablePointer<Float>, stream: UInt64, row: UInt64, latentDraw: inout [Float]) {
        var random = PolarGaussian(seed: Self.substreamSeed(seed, stream, row))
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
    }

    private func pickCluster(_ u: Double) -> Int {
        var low = 0, high = cumulativeWeights.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativeWeights[middle] > u { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Marsaglia's polar method, both deviates of a pair used, as the
    /// generator's own source.
    private struct PolarGaussian {
        var random: SeededGenerator
        var spare: Double?

        init(seed: UInt64) { random = SeededGenerator(seed: seed) }

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
                let scale = (-2 * Foundation.log(s) / s).squareRoot()
                spare = v * scale
                return u * scale
            }
        }
    }
}
