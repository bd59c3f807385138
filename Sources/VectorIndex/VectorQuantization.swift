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
