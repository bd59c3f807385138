import Foundation

/// The few statistics the reports need, over small samples (repetitions of
/// a run): exact order statistics, and a seeded two-level bootstrap for `check`.
enum Statistics {
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Whether the closed ranges [min, max] of two samples overlap: when they
    /// do, repetitions cannot tell the two apart.
    static func rangesOverlap(_ a: [Double], _ b: [Double]) -> Bool {
        guard let aLow = a.min(), let aHigh = a.max(), let bLow = b.min(), let bHigh = b.max() else { return true }
        return aLow <= bHigh && bLow <= aHigh
    }

    /// One run's value of a figure, with what the run itself says about how
    /// far that value could have moved by chance: the 95 % interval of a
    /// latency percentile from order statistics (`LatencySummary`), nil when
    /// the run records none (throughput, RSS, counters).
    struct RunSample: Sendable, Equatable {
        var value: Double
        var low: Double?
        var high: Double?

        init(_ value: Double, interval: [Double]? = nil) {
            self.value = value
            low = interval.flatMap { $0.first }
            high = interval.flatMap { $0.count > 1 ? $0[1] : nil }
        }
    }

    /// A two-level percentile-bootstrap confidence interval of
    /// median(current) / median(baseline). Level one resamples whole runs
    /// (with replacement, both sides independently): the run-to-run spread.
    /// Level two redraws each drawn run's value within that run's own
    /// interval: the spread of the samples inside one run, approximated as a
    /// normal distribution whose 1.96σ reaches the interval's end on that side
    /// (an interval bounded on one side only is mirrored). A run without an
    /// interval contributes its value as is. Seeded, so the same documents
    /// give the same verdict. Nil when a side is empty or a resampled
    /// baseline median is 0.
    ///
    /// With one run per side and no intervals the interval is the point
    /// ratio: the gate then knows nothing of the noise, which is why `check`
    /// warns below `minimumRepetitions`.
    static func bootstrapRatioInterval(baseline: [RunSample], current: [RunSample], confidence: Double = 0.95,
                                       resamples: Int = 2_000, seed: UInt64 = 0x5eed_c0de) -> (low: Double, high: Double)? {
        guard !baseline.isEmpty, !current.isEmpty else { return nil }
        var generator = SplitMix64(state: seed)
        func resampledMedian(_ runs: [RunSample]) -> Double {
            var draw = [Double]()
            draw.reserveCapacity(runs.count)
            for _ in runs { draw.append(redraw(runs[Int(generator.next() % UInt64(runs.count))], &generator)) }
            return median(draw)!
        }
        var ratios: [Double] = []
        ratios.reserveCapacity(resamples)
        for _ in 0..<resamples {
            let before = resampledMedian(baseline), now = resampledMedian(current)
            guard before != 0 else { return nil }
            ratios.append(now / before)
        }
        return percentileInterval(&ratios, confidence: confidence)
    }

    /// A run's value drawn again within its own interval: a normal whose
    /// 1.96σ reaches the interval's end on that side (mirrored when bounded
    /// on one side only); the value as is when the run has no interval.
    static func redraw(_ sample: RunSample, _ generator: inout SplitMix64) -> Double {
        guard sample.low != nil || sample.high != nil else { return sample.value }
        let below = sample.low.map { sample.value - $0 } ?? (sample.high! - sample.value)
        let above = sample.high.map { $0 - sample.value } ?? below
        let z = generator.nextGaussian()
        return sample.value + z * (z < 0 ? below : above) / 1.959_964
    }

    /// The central `confidence` share of bootstrap replicates (sorted in place).
    static func percentileInterval(_ replicates: inout [Double], confidence: Double) -> (low: Double, high: Double) {
        replicates.sort()
        let count = replicates.count
        let tail = (1 - confidence) / 2
        let lowIndex = Swift.max(0, Int((tail * Double(count)).rounded(.down)))
        let highIndex = Swift.min(count - 1, Int(((1 - tail) * Double(count)).rounded(.up)) - 1)
        return (replicates[lowIndex], replicates[highIndex])
    }

    /// The one-level interval: runs without intervals of their own.
    static func bootstrapRatioInterval(baseline: [Double], current: [Double], confidence: Double = 0.95,
                                       resamples: Int = 2_000, seed: UInt64 = 0x5eed_c0de) -> (low: Double, high: Double)? {
        bootstrapRatioInterval(baseline: baseline.map { RunSample($0) }, current: current.map { RunSample($0) },
                               confidence: confidence, resamples: resamples, seed: seed)
    }
}

/// Steele, Lea and Flood's SplitMix64: a small, fast, seedable generator, so
/// bootstrap verdicts are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A standard normal draw (Box–Muller), for the within-run level of the bootstrap.
    mutating func nextGaussian() -> Double {
        // 53 random bits in (0, 1]: the logarithm never sees 0.
        let u1 = (Double(next() >> 11) + 1) / 9_007_199_254_740_992
        let u2 = Double(next() >> 11) / 9_007_199_254_740_992
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }
}
