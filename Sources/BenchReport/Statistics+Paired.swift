/// The bootstrap of `check` for runs that ran in interleaved pairs (`vecbench
/// ab`): repetition k of the baseline and of the candidate ran back to back,
/// so drift of the machine over minutes (another build starting, a co-tenant
/// of the VM) moves both, and their ratio keeps the change while the drift
/// cancels. Resampling the two sides independently, as the unpaired interval
/// does, counts that drift as noise twice over.
extension Statistics {
    /// The median over pairs of current_k / baseline_k; nil when the sides
    /// differ in length, are empty, or a baseline value is 0.
    static func medianPairRatio(baseline: [Double], current: [Double]) -> Double? {
        guard baseline.count == current.count, !baseline.isEmpty, !baseline.contains(0) else { return nil }
        return median(zip(current, baseline).map { $0 / $1 })
    }

    /// A two-level percentile-bootstrap interval of the median pair ratio.
    /// Level one resamples whole pairs with replacement (the pair-to-pair
    /// spread: what drift did not cancel); level two redraws both runs of a
    /// drawn pair within their own intervals (`redraw`). Seeded, so the same
    /// documents give the same verdict. Nil when `medianPairRatio` is nil or
    /// a redrawn baseline value reaches 0.
    static func pairedBootstrapRatioInterval(baseline: [RunSample], current: [RunSample], confidence: Double = 0.95,
                                             resamples: Int = 2_000, seed: UInt64 = 0x5eed_c0de) -> (low: Double, high: Double)? {
        guard medianPairRatio(baseline: baseline.map(\.value), current: current.map(\.value)) != nil else { return nil }
        var generator = SplitMix64(state: seed)
        let pairs = baseline.count
        var ratios: [Double] = []
        ratios.reserveCapacity(resamples)
        var draw = [Double](repeating: 0, count: pairs)
        for _ in 0..<resamples {
            for slot in 0..<pairs {
                let pair = Int(generator.next() % UInt64(pairs))
                let before = redraw(baseline[pair], &generator), now = redraw(current[pair], &generator)
                guard before != 0 else { return nil }
                draw[slot] = now / before
            }
            ratios.append(median(draw)!)
        }
        return percentileInterval(&ratios, confidence: confidence)
    }
}
