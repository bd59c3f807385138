import VectorCore

/// How a quantized search turns its traversal into results.
///
/// `ef` alone sets how far the graph walk over the quantized rows goes: it
/// keeps `max(ef, k)` candidates by quantized distance. With `rescore`, the
/// best `⌈k × oversampling⌉` of those (all of them when `ef` is smaller) are
/// re-ranked by their exact f32 distances (read from the index's vectors, in
/// RAM or on its mapping) and cut to `k`. Without `rescore` the first `k`
/// come back in quantized order, with quantized distances.
///
/// Oversampling never widens the walk: if it raised the walk's `ef` to
/// `k × oversampling`, every `ef` below that would run the same search, and
/// the recall–speed curve would be flat there with no setting that is
/// cheaper. To rescore more candidates, raise `ef` as well.
public struct QuantizedSearchOptions: Sendable, Equatable, Codable {
    /// Candidates rescored per result, ≥ 1.
    public var oversampling: Double
    public var rescore: Bool

    public init(oversampling: Double = 1, rescore: Bool = true) {
        self.oversampling = oversampling
        self.rescore = rescore
    }

    /// Refuses oversampling below 1, not finite, or above 1,000.
    public func validate() throws(HNSWError) {
        guard oversampling.isFinite, (1...1_000).contains(oversampling) else {
            throw .invalidParameter("oversampling must be in 1…1000, got \(oversampling)")
        }
    }

    /// Candidates rescored for `k` results (at most the walk's `max(ef, k)`).
    func candidates(k: Int) -> Int {
        max(k, Int((Double(k) * min(max(oversampling, 1), 1_000)).rounded(.up)))
    }
}
