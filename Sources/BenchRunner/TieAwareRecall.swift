/// Recall@k that does not punish an index for returning a different point at
/// the same distance as the k-th true neighbour (big-ann-benchmarks' rule):
/// a returned id counts when it is among the ground truth's first k, or when
/// its distance is no greater than the k-th true distance (within a relative
/// tolerance for float rounding).
public struct TieAwareRecall: Sendable {
    public let k: Int
    public let relativeTolerance: Float

    public init(k: Int, relativeTolerance: Float = 1e-5) {
        self.k = k
        self.relativeTolerance = relativeTolerance
    }

    /// Hits among `results` (ids with their distances) against the first `k`
    /// ground-truth ids, whose k-th distance is `kthTrueDistance`.
    public func hits<S: Sequence>(
        results: S, truth: some Collection<UInt64>, kthTrueDistance: Float
    ) -> Int where S.Element == (id: UInt64, distance: Float) {
        let truthSet = Set(truth.prefix(k))
        let cut = kthTrueDistance + relativeTolerance * max(1, abs(kthTrueDistance))
        var hits = 0
        for (index, result) in results.enumerated() where index < k {
            if truthSet.contains(result.id) || result.distance <= cut { hits += 1 }
        }
        return min(hits, k)
    }

    /// Whether `distance` is nearer than `reference` by more than float
    /// rounding — a result that beats exact ground truth this way means the
    /// ground truth is for other data.
    public func isClearlyNearer(_ distance: Float, than reference: Float) -> Bool {
        distance < reference - relativeTolerance * max(1, abs(reference))
    }
}
