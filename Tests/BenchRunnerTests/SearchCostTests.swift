import BenchModel
import Testing
import VectorIndex
@testable import BenchRunner

@Suite("Search costs per query and per segment search")
struct SearchCostTests {
    /// The figures of issue #10: a shared collection's bursts searched
    /// 121,520 segments for 12,452 queries. Divided by segment searches, a
    /// query looked several times cheaper than it was.
    @Test("per-query costs divide by search operations, per-segment costs by segment searches")
    func denominators() throws {
        var statistics = SearchStatistics()
        statistics.queries = 121_520
        statistics.distanceEvaluations = 8_360_576  // 68.8 per segment search
        statistics.vectorPages4K = 1_215_200
        statistics.linkPages4K = 607_600
        statistics.vectorPages2M = 121_520
        let summary = try #require(WorkloadRunner.searchCosts(statistics, queries: 12_452))
        #expect(summary.queries == 12_452 && summary.segmentSearches == 121_520)
        let perQuery = try #require(summary.perQuery)
        #expect(abs(perQuery.distanceEvaluations - 671.42) < 0.01, "\(perQuery.distanceEvaluations)")
        #expect(abs(summary.perSegmentSearch.distanceEvaluations - 68.8) < 1e-9)
        #expect(abs(perQuery.pagesTouched4K - 1_822_800.0 / 12_452) < 1e-9)
        #expect(abs(summary.perSegmentSearch.pagesTouched4K - 15) < 1e-9)
    }

    @Test("no statistics, no summary; statistics without a query count keep only the per-segment figures")
    func missing() throws {
        #expect(WorkloadRunner.searchCosts(SearchStatistics(), queries: 10) == nil)
        var statistics = SearchStatistics()
        statistics.queries = 4
        statistics.distanceEvaluations = 40
        let summary = try #require(WorkloadRunner.searchCosts(statistics, queries: 0))
        #expect(summary.perQuery == nil && summary.perSegmentSearch.distanceEvaluations == 10)
    }
}
