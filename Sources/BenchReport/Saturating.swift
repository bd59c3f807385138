/// Conversions from figures computed in `Double` (out of documents and
/// flags, so possibly huge, infinite or NaN) to the integers reports print,
/// without a trap: out-of-range values saturate, NaN becomes the minimum.
enum Saturating {
    /// The largest `Double` below `Int.max` (2^63 − 1024): `Int(_:)` of it
    /// cannot trap.
    static let largestCount = Double(Int.max).nextDown

    /// `value` rounded towards zero, clamped to `minimum…Int.max`.
    static func count(_ value: Double, minimum: Int = 0) -> Int {
        guard !value.isNaN else { return minimum }
        if value >= largestCount { return Int.max }
        if value <= Double(minimum) { return minimum }
        return Int(value)
    }

    /// ⌈value⌉, clamped to `minimum…Int.max`.
    static func ceiling(_ value: Double, minimum: Int = 0) -> Int {
        count(value.rounded(.up), minimum: minimum)
    }

    /// `a + b` for counts, saturating at `Int.max` (and `Int.min`).
    static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard overflow else { return sum }
        return b > 0 ? Int.max : Int.min
    }
}
