/// The spread of a median over repetitions, printed beside it: the largest
/// distance of one repetition from the median, relative to the median —
/// `1.25 ms ±4.0 %`. A median alone hides whether the runs agreed.
enum Spread {
    /// " ±4.0 %", or "" for one run, a zero median, or a figure that did
    /// not vary (deterministic costs repeat exactly; saying ±0 there is noise).
    static func suffix(_ entry: MeasurementSet.Entry?) -> String {
        guard let entry, entry.samples.count > 1, let median = Statistics.median(entry.samples), median != 0,
              let low = entry.samples.min(), let high = entry.samples.max(), low != high else { return "" }
        let relative = max(high - median, median - low) / abs(median)
        return " ±" + NumberFormatting.percent(relative, decimals: relative >= 0.1 ? 0 : 1)
    }

    /// What the suffix means, for a table's legend.
    static let legend = "±: the largest distance of one run from the median, relative to it"
}
