import Foundation

/// Maps data values onto a pixel range, and chooses the ticks of its axis.
struct ChartScale {
    enum Kind {
        case linear
        /// Powers of ten apart equally; for latencies spanning decades.
        case logarithmic
        /// Percentiles on "nines": 0, 90, 99, 99.9, 99.99 equally spaced,
        /// then 100 (the maximum) half a step further — the HdrHistogram
        /// percentile-distribution axis, where tails are visible.
        case nines
    }

    let kind: Kind
    let low: Double
    let high: Double
    let start: Double
    let end: Double

    /// A scale spanning `values` (padded to nice bounds) onto start…end.
    /// `possible` is the range the quantity can take (recall: 0…1): the
    /// padding never carries an axis past it, so a recall of exactly 1 is
    /// drawn on 0.9–1, not on 1–1.1. Values outside it (a malformed
    /// document) still fit on the axis: nothing is hidden.
    init(kind: Kind, values: [Double], start: Double, end: Double, includeZero: Bool = false,
         possible: ClosedRange<Double>? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
        let finite = values.filter { $0.isFinite }
        switch kind {
        case .nines:
            low = 0
            high = Self.ninesMaximum
        case .logarithmic:
            // Whole decades, kept where 10^exponent is a normal finite number.
            let positive = finite.filter { $0 > 0 }
            let minimum = positive.min() ?? 1, maximum = positive.max() ?? 10
            let bottom = Self.decade(floor(log10(minimum)))
            low = pow(10, bottom)
            high = pow(10, max(Self.decade(ceil(log10(maximum))), bottom + 1))
        case .linear:
            var minimum = finite.min() ?? 0, maximum = finite.max() ?? 1
            if includeZero { minimum = Swift.min(minimum, 0); maximum = Swift.max(maximum, 0) }
            // The widest the axis may go: the possible range, widened to the data.
            let floorBound = Swift.min(possible?.lowerBound ?? -.infinity, minimum)
            let ceilingBound = Swift.max(possible?.upperBound ?? .infinity, maximum)
            if maximum == minimum {
                // One value: give it room on the side the possible range allows.
                let room = minimum == 0 ? 1 : abs(minimum) * 0.1
                if minimum + room <= ceilingBound { maximum = minimum + room } else { minimum -= room }
                minimum = Swift.max(minimum, floorBound)
            }
            let step = Self.niceStep((maximum - minimum) / 5)
            var low = floor(minimum / step) * step, high = ceil(maximum / step) * step
            low = Swift.max(low, floorBound)
            high = Swift.min(high, ceilingBound)
            if !(high > low) { high = low + 1 }
            self.low = low
            self.high = high
        }
    }

    /// A linear scale over exactly low…high (a timeline's seconds).
    init(linearFrom low: Double, to high: Double, start: Double, end: Double) {
        kind = .linear
        self.low = low
        self.high = high > low ? high : low + 1
        self.start = start
        self.end = end
    }

    static let ninesMaximum = 4.5

    /// Position of a percentile (0…100) on the nines axis.
    static func nines(_ percentile: Double) -> Double {
        if percentile >= 100 { return ninesMaximum }
        return min(-log10(1 - max(0, percentile) / 100), 4)
    }

    func position(_ value: Double) -> Double {
        let fraction: Double
        switch kind {
        case .linear: fraction = (value - low) / (high - low)
        case .logarithmic:
            let clamped = max(value, low)
            fraction = (log10(clamped) - log10(low)) / (log10(high) - log10(low))
        case .nines: fraction = Self.nines(value) / Self.ninesMaximum
        }
        return start + (end - start) * fraction
    }

    /// At most this many ticks on an axis, whatever its span: a document's
    /// values are input, and a span of 10^308 or one a step cannot cross
    /// (10^17 + 16 in steps of 5) must not turn into a loop.
    static let maximumTicks = 16

    /// Exponents of ten whose power is a normal, finite `Double`.
    static func decade(_ exponent: Double) -> Double {
        guard exponent.isFinite else { return exponent > 0 ? 307 : -307 }
        return min(max(exponent, -307), 307)
    }

    /// Tick values with labels made by `label`; at most `maximumTicks`.
    func ticks(_ label: (Double) -> String) -> [(value: Double, label: String)] {
        switch kind {
        case .nines:
            return [(0, "0"), (90, "90"), (99, "99"), (99.9, "99.9"), (99.99, "99.99"), (100, "max")]
        case .logarithmic:
            let bottom = Self.decade(log10(low).rounded()), top = Self.decade(log10(high).rounded())
            let decades = max(top - bottom, 1)
            // Every decade when they fit, else every k-th.
            let stride = max(1, (decades / Double(Self.maximumTicks - 1)).rounded(.up))
            var out: [(Double, String)] = []
            var exponent = bottom
            while exponent <= top, out.count < Self.maximumTicks {
                let decade = pow(10, exponent)
                out.append((decade, label(decade)))
                if decades <= 2 {
                    for multiple in [2.0, 5.0] where decade * multiple < high { out.append((decade * multiple, label(decade * multiple))) }
                }
                exponent += stride
            }
            return out.sorted { $0.0 < $1.0 }
        case .linear:
            let step = Self.niceStep((high - low) / 5)
            let steps = ((high - low) / step + 0.001).rounded(.down)
            guard steps.isFinite, steps >= 0, steps < Double(Self.maximumTicks), low.isFinite, high.isFinite else {
                // A span no nice step divides into few ticks: its ends.
                let ends = [low, high].filter(\.isFinite)
                return (ends.first == ends.last ? Array(ends.prefix(1)) : ends).map { ($0, label($0)) }
            }
            return (0...Int(steps)).map { index in
                let value = low + Double(index) * step
                let shown = abs(value) < step / 1e6 ? 0 : value
                return (shown, label(shown))
            }
        }
    }

    /// 1, 2 or 5 times a power of ten, at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let power = pow(10, floor(log10(rough)))
        for multiple in [1.0, 2.0, 5.0, 10.0] where multiple * power >= rough { return multiple * power }
        return 10 * power
    }
}
