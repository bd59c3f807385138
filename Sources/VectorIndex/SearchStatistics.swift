/// What one search (or the sum of many) cost, counted exactly.
///
/// `distanceEvaluations` and `visitedNodes` are hnswlib's `metric_distance_computations`
/// and `metric_hops`-style counters. The page counters are the distinct 4 KiB
/// and 2 MiB pages of the vector and level-0 link regions that the search
/// read — the working set a TLB has to cover, measured without a PMU. They are
/// counted by address, so a mapped index reports the pages of its mapping.
public struct SearchStatistics: Sendable, Codable, Equatable {
    public var queries: Int = 0
    public var distanceEvaluations: Int = 0
    public var visitedNodes: Int = 0
    public var expandedNodes: Int = 0
    public var vectorPages4K: Int = 0
    public var vectorPages2M: Int = 0
    public var linkPages4K: Int = 0
    public var linkPages2M: Int = 0
    /// f32 vectors read to rescore a quantized search's candidates (not in
    /// `distanceEvaluations`, which counts the traversal's, nor in the page
    /// counts, which are those of the traversed region).
    public var rescoredVectors: Int = 0

    public init() {}

    public var pagesTouched4K: Int { vectorPages4K + linkPages4K }
    public var pagesTouched2M: Int { vectorPages2M + linkPages2M }

    public static func += (lhs: inout SearchStatistics, rhs: SearchStatistics) {
        lhs.queries += rhs.queries
        lhs.distanceEvaluations += rhs.distanceEvaluations
        lhs.visitedNodes += rhs.visitedNodes
        lhs.expandedNodes += rhs.expandedNodes
        lhs.vectorPages4K += rhs.vectorPages4K
        lhs.vectorPages2M += rhs.vectorPages2M
        lhs.linkPages4K += rhs.linkPages4K
        lhs.linkPages2M += rhs.linkPages2M
        lhs.rescoredVectors += rhs.rescoredVectors
    }

    /// Mean of each counter per query (0 queries gives nil, not zero).
    public func perQuery(_ keyPath: KeyPath<SearchStatistics, Int>) -> Double? {
        queries > 0 ? Double(self[keyPath: keyPath]) / Double(queries) : nil
    }
}
