/// Percentiles of an HdrHistogram, in microseconds, with a curve for CDFs.
///
/// Each percentile may carry a 95 % confidence interval `[low, high]` from
/// order statistics (distribution-free: the binomial ranks around q·count,
/// read from the histogram). A side the samples cannot bound is absent:
/// `[low]` alone means "at least low, no upper bound from `count` samples";
/// nil when the samples cannot bound it from below either.
/// Documents written before the intervals existed decode with them nil.
public struct LatencySummary: Codable, Sendable, Equatable {
    public var count: Int
    public var mean: Double
    public var p50: Double
    public var p90: Double
    public var p99: Double
    public var p999: Double
    public var max: Double
    /// (percentile, microseconds) at 0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100.
    public var curve: [[Double]]
    public var p50Interval: [Double]?
    public var p90Interval: [Double]?
    public var p99Interval: [Double]?
    public var p999Interval: [Double]?
    /// The unit of every figure above, spelled out in the document so a
    /// reader needs no schema: always `"us"` (microseconds) when written by
    /// this build; absent in older documents, which used the same unit.
    public var unit: String? = LatencySummary.unitName

    public static let unitName = "us"

    public init(count: Int, mean: Double, p50: Double, p90: Double, p99: Double, p999: Double, max: Double, curve: [[Double]],
                p50Interval: [Double]? = nil, p90Interval: [Double]? = nil, p99Interval: [Double]? = nil,
                p999Interval: [Double]? = nil) {
        self.count = count
        self.mean = mean
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.max = max
        self.curve = curve
        self.p50Interval = p50Interval
        self.p90Interval = p90Interval
        self.p99Interval = p99Interval
        self.p999Interval = p999Interval
    }

    public static let empty = LatencySummary(count: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, curve: [])

    /// The confidence interval of percentile `percentile` (50, 90, 99, 99.9), if recorded.
    public func interval(atPercentile percentile: Double) -> [Double]? {
        switch percentile {
        case 50: p50Interval
        case 90: p90Interval
        case 99: p99Interval
        case 99.9: p999Interval
        default: nil
        }
    }

    /// Samples needed beyond a percentile before a gate may judge it: with
    /// fewer, the percentile rests on a handful of the slowest operations and
    /// moves by chance alone.
    public static let samplesBeyondPercentileToGate = 10

    /// The smallest count at which `percentile` (0…100) has
    /// `samplesBeyondPercentileToGate` samples beyond it: count·(1 − q) ≥ 10,
    /// so 20 for p50, 100 for p90, 1,000 for p99, 10,000 for p99.9; nil for
    /// the maximum, which is always one sample.
    public static func samplesNeededToGate(percentile: Double) -> Int? {
        let beyond = (100 - percentile) / 100
        guard beyond > 0 else { return nil }
        return Int((Double(samplesBeyondPercentileToGate) / beyond - 1e-9).rounded(.up))
    }
}
