import BenchModel
import Foundation
import Testing
@testable import BenchReport

@Suite("vecbench calibrate and ab: merged runs, tolerances from spread")
struct CalibrationTests {
    /// Three single-repetition runs, as `calibrate` and `ab` collect them.
    static func separateRuns(_ jitters: [Double]) -> [RunResult] {
        jitters.map { RunFixtures.repeatedOnVirtualMachine(jitters: [$0]) }
    }

    @Test("merging separate runs gives one document with the repetitions renumbered")
    func merge() throws {
        let merged = try #require(RunMerge.merge(Self.separateRuns([1.0, 1.04, 0.98]), runID: "merged"))
        #expect(merged.runID == "merged")
        #expect(merged.configurations.map(\.repetition) == [1, 2, 3])
        #expect(MeasurementSet(run: merged).repetitions["shared-process"] == 3)
        #expect(RunMerge.merge([]) == nil)
    }

    @Test("tolerance is 1.5 × the relative range in half-percent steps, with a floor per class; deterministic first")
    func tolerances() throws {
        // Latency scales with the jitter: range (1.10 − 0.98) / 1.0 = 12 % → 18 %.
        let merged = try #require(RunMerge.merge(Self.separateRuns([1.0, 1.10, 0.98])))
        let tolerances = ThresholdCalibration.tolerances(MeasurementSet(run: merged))
        let p50 = try #require(tolerances.first { $0.subject.phase == "steady" && $0.metricID == "search.p50" })
        #expect(abs(p50.spread - 0.12) < 1e-9)
        #expect(p50.relative == 18)
        #expect(p50.metricClass == .statistical)
        // Distance evaluations do not move with the jitter: the deterministic floor.
        let distance = try #require(tolerances.first { $0.subject.phase == "steady" && $0.metricID == "distance-evaluations" })
        #expect(distance.spread == 0 && distance.relative == ThresholdCalibration.deterministicFloor)
        let firstStatistical = try #require(tolerances.firstIndex { $0.metricClass == .statistical })
        #expect(tolerances[firstStatistical...].allSatisfy { $0.metricClass == .statistical })
        // A steady statistical figure still gets the statistical floor.
        let throughput = try #require(tolerances.first { $0.subject.phase == "steady" && $0.metricID == "throughput" })
        #expect(throughput.relative == ThresholdCalibration.statisticalFloor)
    }

    @Test("the thresholds file is read back by check as the same rules, replacing the defaults")
    func fileRoundTrip() throws {
        let merged = try #require(RunMerge.merge(Self.separateRuns([1.0, 1.10, 0.98])))
        let tolerances = ThresholdCalibration.tolerances(MeasurementSet(run: merged))
        let parsed = try CheckThresholds.parse(Data(ThresholdCalibration.file(tolerances).utf8), source: "calibrated.json")
        #expect(parsed == ThresholdCalibration.thresholds(tolerances))
        #expect(parsed.rules.count == tolerances.count)
        // Calibrated on these runs, an A/A check of them against a rerun of the same spread passes…
        let rerun = try #require(RunMerge.merge(Self.separateRuns([1.05, 0.99, 1.02])))
        let aa = try RegressionCheck.evaluate(baseline: .run(merged), current: .run(rerun), thresholds: parsed)
        #expect(aa.exitCode == .pass)
        // …and a 40 % slowdown of every run is caught.
        let slow = try #require(RunMerge.merge(Self.separateRuns([1.4, 1.45, 1.42])))
        let ab = try RegressionCheck.evaluate(baseline: .run(merged), current: .run(slow), thresholds: parsed)
        #expect(ab.exitCode == .regression)
    }
}

@Suite("vecbench calibrate --method pairs: the spread of back-to-back runs")
struct PairedCalibrationTests {
    @Test("drift between pairs does not count; the widest gap within a pair does")
    func pairs() throws {
        // Pairs (1.0, 1.02) and (1.5, 1.47): within a pair at most 2 %; over all runs a 50 % range.
        let merged = try #require(RunMerge.merge(CalibrationTests.separateRuns([1.0, 1.02, 1.5, 1.47])))
        let set = MeasurementSet(run: merged)
        let paired = try #require(ThresholdCalibration.tolerances(set, method: .pairs)
            .first { $0.subject.phase == "steady" && $0.metricID == "search.p50" })
        #expect(abs(paired.spread - 0.02) < 1e-9)
        #expect(paired.relative == ThresholdCalibration.statisticalFloor)
        let ranged = try #require(ThresholdCalibration.tolerances(set, method: .range)
            .first { $0.subject.phase == "steady" && $0.metricID == "search.p50" })
        #expect(ranged.relative > 60)
        // Three runs make one pair only: not enough to calibrate by pairs.
        let three = try #require(RunMerge.merge(CalibrationTests.separateRuns([1.0, 1.02, 1.5])))
        #expect(ThresholdCalibration.tolerances(MeasurementSet(run: three), method: .pairs).isEmpty)
    }
}
