/// What searches cost in a phase, counted by the index (exact on any
/// machine). A query searches every segment of its tenant (a sealed graph
/// each, plus the appendable segment), so there are two denominators, and
/// they are kept apart: `perQuery` divides by search operations, which is
/// what a user pays; `perSegmentSearch` divides by segment searches.
///
/// Documents before `vecbench.run/2` stored only the per-segment-search
/// figures (under `searches`, `distanceEvaluations`, …); they decode with
/// `queries` and `perQuery` nil, never with a guess.
public struct SearchCostSummary: Codable, Sendable, Equatable {
    /// Search operations the per-query figures are divided by.
    public var queries: Int?
    /// Segment searches the per-segment figures are divided by.
    public var segmentSearches: Int
    public var perQuery: SearchCost?
    public var perSegmentSearch: SearchCost

    public init(queries: Int?, segmentSearches: Int, perQuery: SearchCost?, perSegmentSearch: SearchCost) {
        self.queries = queries
        self.segmentSearches = segmentSearches
        self.perQuery = perQuery
        self.perSegmentSearch = perSegmentSearch
    }

    enum CodingKeys: String, CodingKey {
        case queries, segmentSearches, perQuery, perSegmentSearch
        // vecbench.run/1
        case searches, distanceEvaluations, pagesTouched4K, pagesTouched2M
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let perSegmentSearch = try container.decodeIfPresent(SearchCost.self, forKey: .perSegmentSearch) {
            self.perSegmentSearch = perSegmentSearch
            segmentSearches = try container.decode(Int.self, forKey: .segmentSearches)
            queries = try container.decodeIfPresent(Int.self, forKey: .queries)
            perQuery = try container.decodeIfPresent(SearchCost.self, forKey: .perQuery)
            return
        }
        segmentSearches = try container.decode(Int.self, forKey: .searches)
        perSegmentSearch = SearchCost(
            distanceEvaluations: try container.decode(Double.self, forKey: .distanceEvaluations), visitedNodes: nil,
            pagesTouched4K: try container.decode(Double.self, forKey: .pagesTouched4K),
            pagesTouched2M: try container.decode(Double.self, forKey: .pagesTouched2M))
        queries = nil
        perQuery = nil
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(queries, forKey: .queries)
        try container.encode(segmentSearches, forKey: .segmentSearches)
        try container.encodeIfPresent(perQuery, forKey: .perQuery)
        try container.encode(perSegmentSearch, forKey: .perSegmentSearch)
    }
}
