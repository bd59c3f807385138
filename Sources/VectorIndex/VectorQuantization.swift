import VectorCore

/// Which quantized form of its vectors a search traverses the graph with
/// (`QuantizedVectors`); the graph itself is always built with f32
/// distances.
public enum VectorQuantization: Sendable, Equatable, Codable, CustomStringConvertible {
    /// int8 codes, one byte per dimension (`ScalarQuantizer`), ranges
    /// covering the central `quantile` share of the training values.
    case scalar(quantile: Double = 0.99, range: ScalarQuantizer.Range = .global)
    /// One bit per dimension (`BinaryQuantizer`), for ip and cosine.
    case binary(centered: Bool = true)

    public var description: String {
        switch self {
        case .scalar(let quantile, let range): "sq8(quantile \(quantile), \(range.rawValue))"
        case .binary(let centered): centered ? "binary(centered)" : "binary"
        }
    }

    /// Bytes one vector takes in this form, for a given dimension and metric.
    public func bytesPerVector(dimension: Int, metric: Metric) -> Int {
        switch self {
        case .scalar(_, let range):
            range == .perDimension && metric == .l2 ? QuantizedVectors.alignedCodes(dimension) + 4 : dimension
        case .binary:
            (dimension + 63) / 64 * 8
        }
    }
}

/// How a quantized search turns its traversal into results.
///
/// The traversal keeps `max(ef, ⌈k × oversampling⌉)` candidates by quantized
/// distance; the best `⌈k × oversampling⌉` of them are then, with `rescore`,
/// re-ranked by their exact f32 distances (read from the index's vectors, in
/// RAM or on its mapping) and cut to `k`. Without `rescore` the first `k`
/// come back in quantized order, with quantized distances.
public struct QuantizedSearchOptions: Sendable, Equatable, Codable {
    /// Candidates rescored per result, ≥ 1.
    public var oversampling: Double
    public var rescore: Bool

    public init(oversampling: Double = 1, rescore: Bool = true) {
        self.oversampling = oversampling
        self.rescore = rescore
    }

    /// Refuses oversampling below 1, not finite, or above 1,000.
    public func validate() throws(HNSWError) {
        guard oversampling.isFinite, (1...1_000).contains(oversampling) else {
            throw .invalidParameter("oversampling must be in 1…1000, got \(oversampling)")
        }
    }

    /// Candidates kept for `k` results.
    func candidates(k: Int) -> Int {
        max(k, Int((Double(k) * min(max(oversampling, 1), 1_000)).rounded(.up)))
    }
}
