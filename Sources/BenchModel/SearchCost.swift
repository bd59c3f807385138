/// Mean counted costs of one unit of search work: a whole query, or the
/// search of one segment. Counted by the index itself, so exact on any
/// machine and the same for every rerun of a seed.
public struct SearchCost: Codable, Sendable, Equatable {
    public var distanceEvaluations: Double
    /// Nodes whose visited mark was set; nil in documents that predate it.
    public var visitedNodes: Double?
    /// Distinct 4 KiB and 2 MiB pages of vectors and level-0 links read,
    /// summed over the segments searched.
    public var pagesTouched4K: Double
    public var pagesTouched2M: Double

    public init(distanceEvaluations: Double, visitedNodes: Double?, pagesTouched4K: Double, pagesTouched2M: Double) {
        self.distanceEvaluations = distanceEvaluations
        self.visitedNodes = visitedNodes
        self.pagesTouched4K = pagesTouched4K
        self.pagesTouched2M = pagesTouched2M
    }
}
