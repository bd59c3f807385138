public struct RecallSummary: Codable, Sendable, Equatable {
    public var k: Int
    public var samples: Int
    public var mean: Double
    public var minimum: Double
    /// Share of sampled queries with recall below 0.5 (a broken tenant shows here).
    public var belowHalf: Double

    public init(k: Int, samples: Int, mean: Double, minimum: Double, belowHalf: Double) {
        self.k = k
        self.samples = samples
        self.mean = mean
        self.minimum = minimum
        self.belowHalf = belowHalf
    }
}
