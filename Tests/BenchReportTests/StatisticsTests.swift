import Testing
@testable import BenchReport

@Suite("bootstrap interval of a ratio of medians over runs")
struct StatisticsTests {
    @Test("identical runs give exactly 1; one run per side gives the point ratio")
    func degenerate() throws {
        let same = try #require(Statistics.bootstrapRatioInterval(baseline: [5, 5, 5], current: [5, 5, 5]))
        #expect(same.low == 1 && same.high == 1)
        let single = try #require(Statistics.bootstrapRatioInterval(baseline: [4], current: [5]))
        #expect(single.low == 1.25 && single.high == 1.25)
        #expect(Statistics.bootstrapRatioInterval(baseline: [], current: [1]) == nil)
        #expect(Statistics.bootstrapRatioInterval(baseline: [0], current: [1]) == nil)
    }

    @Test("the interval lies within the extreme ratios the runs allow, holds the ratio of medians, and repeats for a seed")
    func bounds() throws {
        let baseline = [98.0, 100, 104, 101, 99], current = [95.0, 113, 145, 120, 110]
        let interval = try #require(Statistics.bootstrapRatioInterval(baseline: baseline, current: current))
        #expect(interval.low >= 95.0 / 104 && interval.high <= 145.0 / 98)
        #expect(interval.low <= 113.0 / 100 && 113.0 / 100 <= interval.high)
        #expect(interval.low < interval.high)
        let again = try #require(Statistics.bootstrapRatioInterval(baseline: baseline, current: current))
        #expect(again == interval)
    }
}
