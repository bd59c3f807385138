import Foundation

/// A distribution-free confidence interval for a quantile, from order
/// statistics: of n independent samples, the number at or below the true
/// q-quantile is Binomial(n, q), so the true quantile lies between the l-th
/// and u-th smallest samples with probability P(l ≤ B < u). The ranks are
/// chosen equal-tailed (each tail at most (1 − confidence) / 2), the
/// textbook construction (Conover, *Practical Nonparametric Statistics*,
/// §3.2), which for the median of 100 samples gives ranks 40 and 61.
///
/// No assumption about the shape of the latency distribution is made, which
/// is why it is used for tail percentiles: their distribution is what is
/// unknown.
enum PercentileInterval {
    /// 1-based ranks of the order statistics bounding the `quantile`
    /// (0 < quantile < 1) of `count` samples at `confidence`. A side is nil
    /// when even the extreme sample does not bound it at that confidence
    /// (p99.9 of 300 samples has no upper bound: the maximum is below the
    /// true p99.9 more often than 2.5 % of the time).
    static func ranks(count: Int, quantile: Double, confidence: Double = 0.95) -> (lower: Int?, upper: Int?) {
        guard count > 0, quantile > 0, quantile < 1, confidence > 0, confidence < 1 else { return (nil, nil) }
        let tail = (1 - confidence) / 2
        let pmf = BinomialMass(count: count, probability: quantile)
        // lower: the largest l ≥ 1 with P(B ≤ l − 1) ≤ tail.
        // Mass further than 40 standard deviations from the mean is below
        // what a Double can add to the tail, so the sums start there: the
        // cost follows the spread, not the count.
        let mean = Double(count) * quantile, spread = (mean * (1 - quantile)).squareRoot()
        let first = max(0, Int((mean - 40 * spread).rounded(.down)) - 10)
        let last = min(count, Int((mean + 40 * spread).rounded(.up)) + 10)
        var lower: Int? = first > 0 ? first : nil
        var cumulative = 0.0
        for k in first..<count {
            cumulative += pmf[k]
            // cumulative is P(B ≤ k); rank k + 1 is a lower bound while it stays within the tail.
            if cumulative > tail { break }
            lower = k + 1
        }
        // upper: the smallest u ≤ n with P(B ≥ u) ≤ tail.
        var upper: Int? = last < count ? last + 1 : nil
        cumulative = 0
        for k in stride(from: last, through: 1, by: -1) {
            cumulative += pmf[k]
            if cumulative > tail { break }
            upper = k
        }
        return (lower, upper)
    }
}

/// Binomial probabilities in log space (lgamma), so that counts in the
/// millions neither overflow nor underflow before they matter.
struct BinomialMass {
    let count: Int
    let probability: Double
    private let logChooseBase: Double

    init(count: Int, probability: Double) {
        self.count = count
        self.probability = probability
        logChooseBase = lgamma(Double(count) + 1)
    }

    subscript(k: Int) -> Double {
        guard k >= 0, k <= count else { return 0 }
        let n = Double(count), i = Double(k)
        let logMass = logChooseBase - lgamma(i + 1) - lgamma(n - i + 1) + i * log(probability) + (n - i) * log1p(-probability)
        return exp(logMass)
    }
}
