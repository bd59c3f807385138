import BenchModel
import Foundation
import Histogram
import Testing
import Workloads
@testable import BenchRunner

@Suite("Engine figures per phase")
struct EngineDeltaTests {
    static func latencies(_ values: [(milliseconds: UInt64, count: UInt64)]) -> Histogram<UInt64> {
        // The WAL's own layout: 1 ns to 100 s, two significant digits.
        var histogram = Histogram<UInt64>(
            lowestDiscernibleValue: 1, highestTrackableValue: 100_000_000_000, numberOfSignificantValueDigits: .two)
        for (milliseconds, count) in values { _ = histogram.record(milliseconds * 1_000_000, count: count) }
        return histogram
    }

    @Test("the difference of two cumulative histograms holds only what was recorded in between")
    func histogramDifference() {
        // The issue's case: the load's fsyncs were slow, the phase's 1,089 fast.
        let load = Self.latencies([(36, 1_000), (1, 4_000)])
        var end = load
        end.add(Self.latencies([(2, 1_089)]))
        let (phase, shrank) = end.subtracting(load)
        #expect(!shrank)
        #expect(phase.totalCount == 1_089)
        #expect(phase.milliseconds(atPercentile: 99) < 2.1)
        // What the report showed before: the cumulative p99, i.e. the load's.
        #expect(end.milliseconds(atPercentile: 99) > 35)
        // Nothing in between: an empty difference, and a zero percentile the count explains.
        let (none, _) = load.subtracting(load)
        #expect(none.totalCount == 0 && none.milliseconds(atPercentile: 99) == 0)
    }

    @Test("a recorder replaced in between cannot go negative; the difference says it shrank")
    func shrinkingHistogram() {
        let before = Self.latencies([(5, 10)])
        let after = Self.latencies([(5, 4), (7, 3)])
        let (difference, shrank) = after.subtracting(before)
        #expect(shrank)
        #expect(difference.totalCount == 3)
    }

    @Test("a phase's engine summary shows the phase's fsync, seal-wait and seal p99, not the load's")
    func summaryOverThePhase() {
        var start = EngineSnapshot()
        start.fsyncs = 5_000
        start.fsyncLatency = Self.latencies([(36, 1_000), (1, 4_000)])
        start.seals = 100
        start.sealQueueWaits = Self.latencies([(1_300, 100)])
        start.sealDurations = Self.latencies([(800, 100)])
        var end = start
        end.fsyncs += 1_089
        end.fsyncLatency!.add(Self.latencies([(2, 1_089)]))
        end.seals += 27
        end.sealQueueWaits!.add(Self.latencies([(3, 27)]))
        end.sealDurations!.add(Self.latencies([(40, 27)]))
        let summary = end.delta(since: start).summary
        #expect(summary.fsyncs == 1_089)
        #expect(summary.fsyncP99Milliseconds > 1.9 && summary.fsyncP99Milliseconds < 2.1)
        #expect(summary.seals == 27)
        #expect(summary.sealQueueWaitP99Milliseconds < 3.1)
        #expect(summary.sealDurationP99Milliseconds > 39 && summary.sealDurationP99Milliseconds < 41)
        #expect(summary.incomplete == nil)
        // A phase without fsyncs or seals shows zeros beside zero counts.
        let idle = start.delta(since: start).summary
        #expect(idle.fsyncs == 0 && idle.fsyncP99Milliseconds == 0 && idle.sealQueueWaitP99Milliseconds == 0)
    }

    @Test("collections closed during the phase make the summary say its WAL figures are incomplete")
    func evictionsAreNamed() {
        let start = EngineSnapshot()
        var end = start
        end.evictions = 3
        // An engine without running WAL totals (older): only open collections are summed.
        end.withoutWALTotals = 1
        let summary = end.delta(since: start).summary
        #expect(summary.incomplete?.contains("3 collection(s) closed") == true, "\(summary.incomplete ?? "nil")")
    }

    @Test("embedded engine: the histogram behind a phase's fsync p99 holds exactly the phase's fsyncs")
    func embeddedPhaseHistogram() throws {
        let workload = try RunnerFixtures.workload()
        var settings = workload.base
        settings.fsync = .always
        let directory = RunnerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let backend = try EmbeddedBackend(directory: directory, settings: settings, data: workload.data)
        defer { try? backend.close() }
        func write(_ tenant: Int, _ ids: Range<UInt64>) throws {
            for id in ids { try backend.upsert(tenant: tenant, ids: [id], vectors: [[Float](repeating: Float(id), count: 8)]) }
        }
        let beforeLoad = backend.engineSnapshot()
        try write(0, 0..<150)
        backend.waitForSeals()
        let afterLoad = backend.engineSnapshot()
        try write(1, 0..<40)
        let afterPhase = backend.engineSnapshot()
        let load = afterLoad.delta(since: beforeLoad), phase = afterPhase.delta(since: afterLoad)
        // Every acknowledged write under fsync=always is covered by an fsync.
        #expect(load.fsyncs >= 150 / 16 && phase.fsyncs >= 1, "load \(load.fsyncs), phase \(phase.fsyncs)")
        #expect(phase.fsyncs != load.fsyncs)
        #expect(load.seals >= 1, "the load crossed the indexing threshold")
        #expect(phase.fsyncLatency?.totalCount == UInt64(phase.fsyncs), "phase histogram vs phase fsyncs")
        #expect(load.fsyncLatency?.totalCount == UInt64(load.fsyncs))
        #expect(afterPhase.fsyncLatency?.totalCount == UInt64(afterPhase.fsyncs), "the cumulative one holds both")
        #expect(phase.seals == 0 && phase.sealDurations?.totalCount == 0)
        #expect(phase.summary.sealDurationP99Milliseconds == 0, "no seal in the phase: not the load's seal p99")
        #expect(load.summary.sealDurationP99Milliseconds > 0)
    }
}
