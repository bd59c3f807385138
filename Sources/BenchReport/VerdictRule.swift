/// The one rule every verdict in the reports follows (run reports' verdict
/// sections and `compare`'s "better" column): is a candidate's figure better
/// than a reference's, worse, or not different — and on what evidence.
///
/// The ratio is candidate ÷ reference (medians over repetitions). Its
/// interval comes from, in order of preference:
///
/// | basis | when | interval |
/// |---|---|---|
/// | `exact` | deterministic figures (`MetricClass`) | none needed: they repeat exactly for a seed, so any difference is real |
/// | `repetitions` | both sides have ≥ 2 repetitions | seeded bootstrap of the ratio of medians (`Statistics`) |
/// | `percentileIntervals` | a latency percentile of one run per side, both with recorded intervals | [cand.low ÷ ref.high, cand.high ÷ ref.low] (a side unbounded above makes the ratio unbounded) |
/// | `none` | anything else | none: the difference is *unconfirmed* |
///
/// An interval that contains 1 is "no difference"; so is a change smaller
/// than `negligibleChange`, which a percentage printed to one decimal
/// would show as ±0.0 %.
public enum VerdictRule {
    public enum Basis: Sendable, Equatable {
        case exact
        case repetitions(reference: Int, candidate: Int)
        case percentileIntervals
        case none
    }

    public enum Outcome: String, Sendable, Equatable {
        /// The candidate is better than the reference, beyond the interval.
        case better
        case worse
        /// The interval spans 1, the change is negligible, or both are equal.
        case noDifference
        /// The values differ, but nothing bounds the noise: one run per
        /// side and no recorded interval.
        case unconfirmed
    }

    public struct Judgement: Sendable, Equatable {
        /// candidate ÷ reference; nil when the reference is 0 and the
        /// candidate is not.
        public var ratio: Double?
        /// The ratio's interval; nil for `exact` and `none`. `high` may be
        /// infinite (a side the samples could not bound from above).
        public var interval: ClosedRange<Double>?
        public var basis: Basis
        public var outcome: Outcome
    }

    /// One side of a comparison: its repetitions' values and, for a latency
    /// percentile, each repetition's recorded interval.
    public struct Side: Sendable {
        public var samples: [Double]
        public var percentileIntervals: [[Double]?]

        public init(samples: [Double], percentileIntervals: [[Double]?] = []) {
            self.samples = samples
            self.percentileIntervals = percentileIntervals
        }

        init(_ entry: MeasurementSet.Entry) {
            self.init(samples: entry.samples, percentileIntervals: entry.percentileIntervals)
        }

        var median: Double? { Statistics.median(samples) }
    }

    /// Relative changes below this are reported as no difference: below the
    /// one-decimal percentage the tables print, a winner could not be read
    /// off the numbers beside it.
    public static let negligibleChange = 0.001

    /// Judges `candidate` against `reference` for `metric`; nil when the
    /// metric has no better direction or a side has no value.
    public static func judge(_ metric: MetricDefinition, reference: Side, candidate: Side) -> Judgement? {
        guard metric.direction != .neutral, let before = reference.median, let now = candidate.median else { return nil }
        let ratio: Double? = before != 0 ? now / before : (now == 0 ? 1 : nil)
        let basis = self.basis(metric, reference, candidate)
        var judgement = Judgement(ratio: ratio, interval: nil, basis: basis, outcome: .noDifference)
        if now == before || ratio.map({ abs($0 - 1) < negligibleChange }) == true { return judgement }
        let lower: Bool
        switch basis {
        case .exact:
            lower = now < before
        case .repetitions:
            if let interval = Statistics.bootstrapRatioInterval(baseline: reference.samples, current: candidate.samples) {
                judgement.interval = interval.low...interval.high
                guard let side = side(of: judgement.interval!) else { return judgement }
                lower = side
            } else {
                // A zero reference: fall back to whether the repetitions overlap at all.
                if Statistics.rangesOverlap(reference.samples, candidate.samples) { return judgement }
                lower = now < before
            }
        case .percentileIntervals:
            let interval = percentileRatioInterval(reference.percentileIntervals[0]!, candidate.percentileIntervals[0]!)
            judgement.interval = interval
            guard let side = side(of: interval) else { return judgement }
            lower = side
        case .none:
            judgement.outcome = .unconfirmed
            return judgement
        }
        let better = metric.direction == .lowerIsBetter ? lower : !lower
        judgement.outcome = better ? .better : .worse
        return judgement
    }

    /// Which evidence the two sides allow (see the table on the type).
    static func basis(_ metric: MetricDefinition, _ reference: Side, _ candidate: Side) -> Basis {
        if MetricClass.of(metric.id) == .deterministic { return .exact }
        if reference.samples.count > 1, candidate.samples.count > 1 {
            return .repetitions(reference: reference.samples.count, candidate: candidate.samples.count)
        }
        if reference.samples.count == 1, candidate.samples.count == 1,
           let before = reference.percentileIntervals.first ?? nil, let now = candidate.percentileIntervals.first ?? nil,
           !before.isEmpty, !now.isEmpty {
            return .percentileIntervals
        }
        return .none
    }

    /// The interval of candidate ÷ reference from each side's percentile
    /// interval: the smallest candidate over the largest reference, and the
    /// reverse. Both are 95 % intervals, so the ratio's is wider than 95 %:
    /// the rule errs towards "no difference".
    static func percentileRatioInterval(_ reference: [Double], _ candidate: [Double]) -> ClosedRange<Double> {
        let referenceHigh = reference.count > 1 ? reference[1] : .infinity
        let low = referenceHigh.isFinite && referenceHigh > 0 ? candidate[0] / referenceHigh : 0
        let candidateHigh = candidate.count > 1 ? candidate[1] : .infinity
        let high = reference[0] > 0 ? candidateHigh / reference[0] : .infinity
        return low...max(low, high)
    }

    /// true when the whole interval lies below 1, false above, nil when it spans 1.
    static func side(of interval: ClosedRange<Double>) -> Bool? {
        if interval.upperBound < 1 { return true }
        if interval.lowerBound > 1 { return false }
        return nil
    }
}
