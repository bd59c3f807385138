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
    init(kind: Kind, values: [Double], start: Double, end: Double, includeZero: Bool = false) {
        self.kind = kind
        self.start = start
        self.end = end
        let finite = values.filter { $0.isFinite }
        switch kind {
        case .nines:
            low = 0
            high = Self.ninesMaximum
        case .logarithmic:
            let positive = finite.filter { $0 > 0 }
            let minimum = positive.min() ?? 1, maximum = positive.max() ?? 10
            low = pow(10, floor(log10(minimum)))
            let top = pow(10, ceil(log10(maximum)))
            high = top > low ? top : low * 10
        case .linear:
            var minimum = finite.min() ?? 0, maximum = finite.max() ?? 1
            if includeZero { minimum = Swift.min(minimum, 0); maximum = Swift.max(maximum, 0) }
            if maximum == minimum { maximum = minimum + (minimum == 0 ? 1 : abs(minimum) * 0.1) }
            let step = Self.niceStep((maximum - minimum) / 5)
            low = floor(minimum / step) * step
            high = ceil(maximum / step) * step
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

    /// Tick values with labels made by `label`.
    func ticks(_ label: (Double) -> String) -> [(value: Double, label: String)] {
        switch kind {
        case .nines:
            return [(0, "0"), (90, "90"), (99, "99"), (99.9, "99.9"), (99.99, "99.99"), (100, "max")]
        case .logarithmic:
            var out: [(Double, String)] = []
            var decade = low
            let decades = log10(high / low)
            while decade <= high * 1.0001 {
                out.append((decade, label(decade)))
                if decades <= 2 {
                    for multiple in [2.0, 5.0] where decade * multiple < high { out.append((decade * multiple, label(decade * multiple))) }
                }
                decade *= 10
            }
            return out.sorted { $0.0 < $1.0 }
        case .linear:
            let step = Self.niceStep((high - low) / 5)
            var out: [(Double, String)] = []
            var value = low
            while value <= high + step / 1000 {
                out.append((abs(value) < step / 1e6 ? 0 : value, label(abs(value) < step / 1e6 ? 0 : value)))
                value += step
            }
            return out
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
