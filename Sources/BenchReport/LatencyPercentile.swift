import BenchModel

/// The percentiles every latency is reported at: the suffix of its metric
/// id (`search.p99`), its title, and where a `LatencySummary` keeps it.
public enum LatencyPercentile: String, Sendable, CaseIterable {
    case p50, p90, p99, p999, max

    public var title: String { self == .p999 ? "p99.9" : rawValue }

    public func read(_ summary: LatencySummary) -> Double {
        switch self {
        case .p50: summary.p50
        case .p90: summary.p90
        case .p99: summary.p99
        case .p999: summary.p999
        case .max: summary.max
        }
    }

    /// The recorded confidence interval of this percentile; nil for the
    /// maximum (one sample) and in documents written before intervals.
    public func interval(_ summary: LatencySummary) -> [Double]? {
        switch self {
        case .p50: summary.p50Interval
        case .p90: summary.p90Interval
        case .p99: summary.p99Interval
        case .p999: summary.p999Interval
        case .max: nil
        }
    }
}
