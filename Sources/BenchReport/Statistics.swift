/// The few order statistics the reports need, over small samples
/// (repetitions of a run), exact.
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
}
