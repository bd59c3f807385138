import Testing
@testable import BenchReport

@Suite("two-level bootstrap interval of a ratio of medians: runs, then samples within runs")
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

    @Test("zero-width within-run intervals change nothing; wide ones widen the interval around the same ratio")
    func secondLevel() throws {
        let baseline = [98.0, 100, 104, 101, 99], current = [103.0, 105, 109, 106, 104]
        let plain = try #require(Statistics.bootstrapRatioInterval(baseline: baseline, current: current))
        func samples(_ values: [Double], _ halfWidth: Double) -> [Statistics.RunSample] {
            values.map { Statistics.RunSample($0, interval: [$0 * (1 - halfWidth), $0 * (1 + halfWidth)]) }
        }
        let exact = try #require(Statistics.bootstrapRatioInterval(baseline: samples(baseline, 0), current: samples(current, 0)))
        #expect(exact == plain)
        let wide = try #require(Statistics.bootstrapRatioInterval(baseline: samples(baseline, 0.08), current: samples(current, 0.08)))
        #expect(wide.low < plain.low && wide.high > plain.high)
        #expect(wide.low < 105.0 / 100 && 105.0 / 100 < wide.high)
        let again = try #require(Statistics.bootstrapRatioInterval(baseline: samples(baseline, 0.08), current: samples(current, 0.08)))
        #expect(again == wide)
    }

    @Test("identical runs with within-run intervals give an interval around 1 that is no longer a point")
    func identicalRunsWithIntervals() throws {
        let runs = [Statistics.RunSample(100, interval: [96, 104]), Statistics.RunSample(100, interval: [96, 104]),
                    Statistics.RunSample(100, interval: [96, 104])]
        let interval = try #require(Statistics.bootstrapRatioInterval(baseline: runs, current: runs))
        #expect(interval.low < 1 && interval.high > 1)
        #expect(interval.low > 0.9 && interval.high < 1.1)
    }

    @Test("an interval bounded on one side is mirrored; none leaves the value as is")
    func oneSided() {
        let lowerOnly = Statistics.RunSample(100, interval: [90])
        #expect(lowerOnly.low == 90 && lowerOnly.high == nil)
        let none = Statistics.RunSample(100, interval: nil)
        #expect(none.low == nil && none.high == nil)
        let interval = Statistics.bootstrapRatioInterval(baseline: [lowerOnly, lowerOnly, lowerOnly], current: [none, none, none])
        // The baseline's runs spread both ways from the lower side alone.
        #expect((interval?.low ?? 1) < 1 && (interval?.high ?? 1) > 1)
    }
}

@Suite("paired bootstrap: interleaved runs judged on the ratio within each pair")
struct PairedStatisticsTests {
    @Test("drift that moves both runs of a pair cancels: +8 % in every pair is +8 % exactly, where the unpaired interval spans 1")
    func driftCancels() throws {
        let baseline = [100.0, 150, 110], current = [108.0, 162, 118.8]
        let paired = try #require(Statistics.pairedBootstrapRatioInterval(
            baseline: baseline.map { Statistics.RunSample($0) }, current: current.map { Statistics.RunSample($0) }))
        #expect(abs(paired.low - 1.08) < 1e-12 && abs(paired.high - 1.08) < 1e-12)
        #expect(abs((Statistics.medianPairRatio(baseline: baseline, current: current) ?? 0) - 1.08) < 1e-12)
        let unpaired = try #require(Statistics.bootstrapRatioInterval(baseline: baseline, current: current))
        #expect(unpaired.low < 1 && unpaired.high > 1.3)
    }

    @Test("pairs that disagree give an interval within the extreme pair ratios; within-run intervals widen a point into an interval")
    func spread() throws {
        let baseline = [100.0, 100, 100, 100, 100], current = [97.0, 103, 110, 101, 104]
        let runs = { (values: [Double], halfWidth: Double) in
            values.map { Statistics.RunSample($0, interval: [$0 * (1 - halfWidth), $0 * (1 + halfWidth)]) }
        }
        let plain = try #require(Statistics.pairedBootstrapRatioInterval(baseline: runs(baseline, 0), current: runs(current, 0)))
        #expect(plain.low >= 0.97 && plain.high <= 1.10 && plain.low < 1.03 && 1.03 < plain.high)
        // Pairs that agree (+3 % each): a point without within-run intervals, an interval around it with them.
        let steady = baseline.map { $0 * 1.03 }
        let point = try #require(Statistics.pairedBootstrapRatioInterval(baseline: runs(baseline, 0), current: runs(steady, 0)))
        #expect(abs(point.low - 1.03) < 1e-12 && abs(point.high - 1.03) < 1e-12)
        let wide = try #require(Statistics.pairedBootstrapRatioInterval(baseline: runs(baseline, 0.05), current: runs(steady, 0.05)))
        #expect(wide.low < 1.03 && wide.high > 1.03 && wide.low > 0.97 && wide.high < 1.09)
    }

    @Test("unequal sides, no runs, or a zero baseline pair nothing")
    func refusals() {
        #expect(Statistics.pairedBootstrapRatioInterval(baseline: [Statistics.RunSample(1)], current: []) == nil)
        #expect(Statistics.pairedBootstrapRatioInterval(baseline: [], current: []) == nil)
        #expect(Statistics.medianPairRatio(baseline: [0, 1], current: [1, 1]) == nil)
    }
}
