/// The few statistics the reports need, over small samples (repetitions of
/// a run): exact order statistics, and a seeded bootstrap for `check`.
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

    /// A percentile-bootstrap confidence interval of
    /// median(current) / median(baseline), resampling whole runs (each
    /// repetition is one sample) on both sides independently. Seeded, so the
    /// same documents give the same verdict. Nil when a side is empty or a
    /// resampled baseline median is 0.
    ///
    /// With one run per side the interval is the point ratio: the gate then
    /// knows nothing of the noise, which is why `check` warns below
    /// `minimumRepetitions`.
    static func bootstrapRatioInterval(baseline: [Double], current: [Double], confidence: Double = 0.95,
                                       resamples: Int = 2_000, seed: UInt64 = 0x5eed_c0de) -> (low: Double, high: Double)? {
        guard !baseline.isEmpty, !current.isEmpty else { return nil }
        var generator = SplitMix64(state: seed)
        func resampledMedian(_ values: [Double]) -> Double {
            var draw = [Double]()
            draw.reserveCapacity(values.count)
            for _ in values { draw.append(values[Int(generator.next() % UInt64(values.count))]) }
            return median(draw)!
        }
        var ratios: [Double] = []
        ratios.reserveCapacity(resamples)
        for _ in 0..<resamples {
            let before = resampledMedian(baseline), now = resampledMedian(current)
            guard before != 0 else { return nil }
            ratios.append(now / before)
        }
        ratios.sort()
        let tail = (1 - confidence) / 2
        let lowIndex = Swift.max(0, Int((tail * Double(resamples)).rounded(.down)))
        let highIndex = Swift.min(resamples - 1, Int(((1 - tail) * Double(resamples)).rounded(.up)) - 1)
        return (ratios[lowIndex], ratios[highIndex])
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
}
