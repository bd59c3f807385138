import BenchModel
import VectorCore

/// How many points each tenant starts with.
public enum SizeDistribution: Sendable, Equatable, Codable {
    case fixed(Int)
    /// Sizes proportional to 1/rank^exponent, scaled so they sum to `total`,
    /// each clamped to `minimum`…`maximum`; ranks shuffled over tenants.
    case zipf(total: Int, exponent: Double, minimum: Int, maximum: Int)
    /// Sizes drawn from a lognormal with this median and sigma, clamped.
    case lognormal(median: Int, sigma: Double, minimum: Int, maximum: Int)
}
