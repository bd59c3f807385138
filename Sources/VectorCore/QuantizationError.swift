/// Why a quantizer could not be made: names the parameter and its value.
public enum QuantizationError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidParameter(String)
    /// The quantization does not estimate this metric (binary and l2).
    case unsupportedMetric(quantization: String, metric: Metric)

    public var description: String {
        switch self {
        case .invalidParameter(let text): return "invalid quantization parameter: \(text)"
        case .unsupportedMetric(let quantization, let metric):
            return "\(quantization) quantization does not support the \(metric) metric"
        }
    }
}
