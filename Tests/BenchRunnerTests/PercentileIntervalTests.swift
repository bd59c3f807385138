import BenchModel
import Foundation
import Testing
import Workloads
@testable import BenchRunner

@Suite("percentile confidence intervals from order statistics")
struct PercentileIntervalTests {
    // Expected ranks are the equal-tailed binomial ones, as scipy.stats.binom
    // gives them (largest l with cdf(l − 1) ≤ 0.025, smallest u with
    // sf(u − 1) ≤ 0.025); n = 10 and 100 for the median are textbook tables.
    @Test("binomial ranks match known answers", arguments: [
        (10, 0.5, 2, 9), (100, 0.5, 40, 61), (1_000, 0.9, 881, 919), (1_000, 0.99, 983, 997),
        (10_000, 0.999, 9_983, 9_997), (20_000, 0.99, 19_772, 19_828),
    ])
    func knownRanks(count: Int, quantile: Double, lower: Int, upper: Int) {
        let ranks = PercentileInterval.ranks(count: count, quantile: quantile)
        #expect(ranks.lower == lower)
        #expect(ranks.upper == upper)
    }

    @Test("too few samples leave the upper side unbounded: p99 of 300 and of 367, p99.9 of 300")
    func unbounded() {
        #expect(PercentileInterval.ranks(count: 300, quantile: 0.99).upper == nil)
        #expect(PercentileInterval.ranks(count: 300, quantile: 0.99).lower == 293)
        #expect(PercentileInterval.ranks(count: 367, quantile: 0.99).upper == nil)
        #expect(PercentileInterval.ranks(count: 368, quantile: 0.99).upper == 368)
        #expect(PercentileInterval.ranks(count: 3, quantile: 0.5) == (nil, nil))
    }

    @Test("millions of samples: ranks stay near q·n and the interval narrows")
    func large() throws {
        let ranks = PercentileInterval.ranks(count: 5_000_000, quantile: 0.99)
        let lower = try #require(ranks.lower), upper = try #require(ranks.upper)
        #expect(lower < 4_950_000 && upper > 4_950_000)
        #expect(upper - lower < 1_000)
    }

    @Test("the summary reads the interval at the bounding ranks from the histogram")
    func summaryIntervals() throws {
        var recorder = PhaseRecorder()
        // 1 … 1,000 µs, once each: the r-th smallest sample is r µs.
        for micros in 1...1_000 {
            recorder.record(.search, points: 0, latency: UInt64(micros) * 1_000, service: UInt64(micros) * 1_000, second: 0, error: nil)
        }
        let summary = try #require(recorder.operationResults().first?.latency)
        let p99 = try #require(summary.p99Interval)
        #expect(p99.count == 2)
        #expect(abs(p99[0] - 983) < 1 && abs(p99[1] - 997) < 1)
        let p90 = try #require(summary.p90Interval)
        #expect(abs(p90[0] - 881) < 1 && abs(p90[1] - 919) < 1)
        #expect(p90[0] <= summary.p90 && summary.p90 <= p90[1])
        // p99.9 of 1,000 samples: the maximum does not bound it from above.
        #expect(summary.p999Interval?.count == 1)
    }

    @Test("a document without intervals decodes, and intervals round-trip")
    func decoding() throws {
        let old = #"{"count":5,"mean":1,"p50":1,"p90":1,"p99":1,"p999":1,"max":1,"curve":[]}"#
        let summary = try JSONDecoder().decode(LatencySummary.self, from: Data(old.utf8))
        #expect(summary.p99Interval == nil && summary.count == 5)
        var with = summary
        with.p99Interval = [0.5, 2]
        let again = try JSONDecoder().decode(LatencySummary.self, from: JSONEncoder().encode(with))
        #expect(again.p99Interval == [0.5, 2])
    }

    @Test("samples needed to gate a percentile: ten beyond it")
    func needed() {
        #expect(LatencySummary.samplesNeededToGate(percentile: 50) == 20)
        #expect(LatencySummary.samplesNeededToGate(percentile: 90) == 100)
        #expect(LatencySummary.samplesNeededToGate(percentile: 99) == 1_000)
        #expect(LatencySummary.samplesNeededToGate(percentile: 99.9) == 10_000)
        #expect(LatencySummary.samplesNeededToGate(percentile: 100) == nil)
    }
}
