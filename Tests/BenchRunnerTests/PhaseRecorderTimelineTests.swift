import BenchModel
import Testing
import Workloads
@testable import BenchRunner

/// The per-second timeline and the tenancy summary a phase recorder makes
/// (built from recorded operations, never timed).
@Suite("phase recorder: timeline buckets and tenancy")
struct PhaseRecorderTimelineTests {
    static func recorder(completionSeconds: [Int], phaseSeconds: Double?) -> PhaseRecorder {
        var recorder = PhaseRecorder()
        for second in completionSeconds {
            recorder.record(.search, points: 0, latency: 1_000, service: 900, second: second, error: nil)
        }
        recorder.phaseSeconds = phaseSeconds
        return recorder
    }

    @Test("the last bucket is as long as the phase ran past its start")
    func lastBucketIsPartial() throws {
        let timeline = Self.recorder(completionSeconds: [0, 1, 2, 2], phaseSeconds: 2.25).timeline()
        #expect(timeline.map(\.second) == [0, 1, 2])
        #expect(timeline.map(\.seconds) == [1, 1, 0.25])
        #expect(timeline.map(\.completed) == [1, 1, 2])
    }

    @Test("a phase that ends on a whole second has no empty trailing bucket")
    func wholeSeconds() {
        let timeline = Self.recorder(completionSeconds: [0, 1], phaseSeconds: 2).timeline()
        #expect(timeline.map(\.seconds) == [1, 1])
    }

    @Test("quiet seconds up to the phase's end are buckets of their own")
    func quietTail() {
        let timeline = Self.recorder(completionSeconds: [0], phaseSeconds: 3.5).timeline()
        #expect(timeline.map(\.second) == [0, 1, 2, 3])
        #expect(timeline.map(\.completed) == [1, 0, 0, 0])
        #expect(timeline.last?.seconds == 0.5)
    }

    @Test("without a phase length the buckets carry no length (read as 1)")
    func unknownLength() {
        let timeline = Self.recorder(completionSeconds: [0, 1], phaseSeconds: nil).timeline()
        #expect(timeline.map(\.seconds) == [nil, nil])
    }

    @Test("cold opens are counted, timed apart and rated over the phase; tenants open come from the last sample")
    func tenancySummary() throws {
        var recorder = Self.recorder(completionSeconds: [0, 0, 1, 1], phaseSeconds: 2)
        recorder.recordOpen(true, latency: 5_000_000)
        recorder.recordOpen(true, latency: 7_000_000)
        recorder.recordOpen(false, latency: 1_000)
        recorder.recordOpen(false, latency: 1_000)
        recorder.samples = [0: TenancySample(tenantsOpen: 40, openFiles: 90), 1: TenancySample(tenantsOpen: 30, openFiles: 70)]
        let summary = try #require(recorder.tenancySummary())
        #expect(summary.coldOpens == 2)
        #expect(summary.coldOpenRate == 1)
        #expect(summary.coldOpenLatency?.count == 2)
        #expect((summary.coldOpenLatency?.max ?? 0) >= 7_000)
        #expect(summary.tenantsOpen == 30)
        #expect(summary.peakTenantsOpen == 40)
        let timeline = recorder.timeline()
        #expect(timeline.map(\.tenantsOpen) == [40, 30])
        #expect(timeline.map(\.openFiles) == [90, 70])
    }

    @Test("merged recorders add their cold opens")
    func mergedColdOpens() throws {
        var first = Self.recorder(completionSeconds: [0], phaseSeconds: nil)
        first.recordOpen(true, latency: 2_000)
        var second = Self.recorder(completionSeconds: [0], phaseSeconds: nil)
        second.recordOpen(true, latency: 3_000)
        first.merge(second)
        first.phaseSeconds = 4
        let summary = try #require(first.tenancySummary())
        #expect(summary.coldOpens == 2)
        #expect(summary.coldOpenRate == 0.5)
        #expect(summary.tenantsOpen == nil)
    }

    @Test("a backend that cannot tell about opens, and no samples, gives no summary")
    func unknownOpens() {
        var recorder = Self.recorder(completionSeconds: [0], phaseSeconds: 1)
        recorder.recordOpen(nil, latency: 1_000)
        #expect(recorder.tenancySummary() == nil)
    }
}
