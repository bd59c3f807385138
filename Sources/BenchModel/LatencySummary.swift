/// Percentiles of an HdrHistogram, in microseconds, with a curve for CDFs.
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

    public init(count: Int, mean: Double, p50: Double, p90: Double, p99: Double, p999: Double, max: Double, curve: [[Double]]) {
        self.count = count
        self.mean = mean
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.max = max
        self.curve = curve
    }

    public static let empty = LatencySummary(count: 0, mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, curve: [])
}
