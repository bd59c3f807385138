import VectorCore

/// How a quantized search turns its traversal into results.
///
/// The traversal keeps `max(ef, ⌈k × oversampling⌉)` candidates by quantized
/// distance; the best `⌈k × oversampling⌉` of them are then, with `rescore`,
/// re-ranked by their exact f32 distances (read from the index's vectors, in
/// RAM or on its mapping) and cut to `k`. Without `rescore` the first `k`
/// come back in quantized order, with quantized distances.
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

    /// Candidates kept for `k` results.
    func candidates(k: Int) -> Int {
        max(k, Int((Double(k) * min(max(oversampling, 1), 1_000)).rounded(.up)))
    }
}
