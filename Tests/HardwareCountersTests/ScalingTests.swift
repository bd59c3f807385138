import Testing
import Foundation
@testable import HardwareCounters

/// Multiplexing arithmetic on synthetic read buffers, where the right answer
/// is known exactly.
@Suite struct ScalingTests {
    @Test func fullyScheduledCounterIsExact() {
        let outcome = CounterScaling.evaluate(raw: 1234, enabledNanos: 5_000, runningNanos: 5_000)
        #expect(outcome.status == .counted)
        #expect(outcome.value == 1234)
    }

    @Test func multiplexedCounterIsScaledAndKeepsItsShare() {
        let outcome = CounterScaling.evaluate(raw: 1000, enabledNanos: 8_000, runningNanos: 2_000)
        #expect(outcome.status == .scaled(runningPercent: 25))
        #expect(outcome.value == 4000)
    }

    @Test func neverScheduledCounterHasNoValue() {
        let outcome = CounterScaling.evaluate(raw: 0, enabledNanos: 8_000, runningNanos: 0)
        #expect(outcome.value == nil)
        guard case .notCounted(let reason) = outcome.status else {
            Issue.record("running = 0 must be notCounted, got \(outcome.status)")
            return
        }
        #expect(reason.contains("never scheduled"))
    }

    @Test func neverEnabledCounterHasNoValue() {
        let outcome = CounterScaling.evaluate(raw: 0, enabledNanos: 0, runningNanos: 0)
        #expect(outcome.value == nil)
        #expect(outcome.status.code == "not-counted")
    }

    @Test func groupReadBufferDecodes() throws {
        // nr=2, enabled=1000, running=250, {value 10, id 7}, {value 20, id 8}
        let entries = try CounterReadFormat.parseGroup([2, 1000, 250, 10, 7, 20, 8], event: "g")
        #expect(entries == [
            .init(id: 7, value: 10, enabledNanos: 1000, runningNanos: 250),
            .init(id: 8, value: 20, enabledNanos: 1000, runningNanos: 250),
        ])
    }

    @Test func shortGroupReadIsRejected() {
        #expect(throws: CounterError.self) { _ = try CounterReadFormat.parseGroup([3, 1000, 250, 10, 7], event: "g") }
        #expect(throws: CounterError.self) { _ = try CounterReadFormat.parseGroup([1, 2], event: "g") }
        #expect(throws: CounterError.self) { _ = try CounterReadFormat.parseSingle([1, 2, 3], event: "s") }
    }

    @Test func singleReadBufferDecodes() throws {
        let entry = try CounterReadFormat.parseSingle([42, 900, 300, 5], event: "s")
        #expect(entry == .init(id: 5, value: 42, enabledNanos: 900, runningNanos: 300))
    }

    /// Scaling uses the times of the interval, not the cumulative ones: a
    /// phase the PMU fully scheduled is exact even after a multiplexed one.
    @Test func deltaScalesByTheIntervalsOwnTimes() {
        let start = snapshot(at: 0, [sample("cycles", value: 100, enabled: 1_000, running: 500)])
        let middle = snapshot(at: 2_000, [sample("cycles", value: 300, enabled: 3_000, running: 1_000)])
        let end = snapshot(at: 4_000, [sample("cycles", value: 700, enabled: 5_000, running: 3_000)])
        let first = CounterDelta.delta(from: start, to: middle)["cycles"]
        #expect(first?.rawValue == 200)
        #expect(first?.status == .scaled(runningPercent: 25))
        #expect(first?.value == 800)
        #expect(first?.runningPercent == 25)
        let second = CounterDelta.delta(from: middle, to: end)["cycles"]
        #expect(second?.status == .counted)
        #expect(second?.value == 400)
        #expect(CounterDelta.delta(from: start, to: end).intervalNanos == 4_000)
    }

    @Test func deltaWithZeroRunningIsNotCounted() {
        let start = snapshot(at: 0, [sample("LLC-load-misses", value: 0, enabled: 0, running: 0)])
        let end = snapshot(at: 10, [sample("LLC-load-misses", value: 0, enabled: 10_000, running: 0)])
        let value = CounterDelta.delta(from: start, to: end)["LLC-load-misses"]
        #expect(value?.value == nil)
        #expect(value?.status.code == "not-counted")
    }

    @Test func failedCountersStayFailedThroughDeltas() {
        let refused = CounterStatus.unsupported(errno: 2, reason: "no CPU PMU exposed — virtual machine")
        let failed = CounterSample(name: "cycles", encoding: nil, group: nil, raw: nil, failure: refused)
        let value = CounterDelta.delta(from: snapshot(at: 0, [failed]), to: snapshot(at: 1, [failed]))["cycles"]
        #expect(value?.status == refused)
        #expect(value?.value == nil)
        #expect(value?.rawValue == nil)
    }

    @Test func countersGoingBackwardsAreNotCounted() {
        let start = snapshot(at: 0, [sample("cycles", value: 500, enabled: 10, running: 10)])
        let end = snapshot(at: 1, [sample("cycles", value: 100, enabled: 20, running: 20)])
        #expect(CounterDelta.delta(from: start, to: end)["cycles"]?.value == nil)
    }

    /// Worker processes: raw counts and times summed, then scaled once.
    @Test func workerReadingsSumLikePerfAggregation() {
        let a = CounterDelta(intervalNanos: 100, values: [
            .evaluating(name: "cycles", raw: 100, enabledNanos: 1_000, runningNanos: 500, group: 0, encoding: nil),
        ])
        let b = CounterDelta(intervalNanos: 120, values: [
            .evaluating(name: "cycles", raw: 300, enabledNanos: 1_000, runningNanos: 1_000, group: 0, encoding: nil),
        ])
        let total = CounterDelta.sum([a, b])["cycles"]
        #expect(total?.rawValue == 400)
        #expect(total?.status == .scaled(runningPercent: 75))
        #expect(abs((total?.value ?? 0) - 400.0 / 0.75) < 1e-9)
        #expect(CounterDelta.sum([a, b]).intervalNanos == 120)
    }

    @Test func derivedMetricsNeedCountedInputs() throws {
        let reading = CounterDelta(intervalNanos: 2_000_000_000, values: [
            .evaluating(name: "instructions", raw: 2_000_000, enabledNanos: 10, runningNanos: 10, group: 0, encoding: nil),
            .evaluating(name: "dTLB-load-misses", raw: 5_000, enabledNanos: 10, runningNanos: 10, group: 0, encoding: nil),
            .failed(name: "LLC-load-misses", status: .unsupported(errno: 2, reason: "no CPU PMU"), encoding: nil),
        ])
        let metrics = reading.derived(operations: 1_000)
        let mpki = try #require(metrics.first { $0.counter == "dTLB-load-misses" && $0.kind == .perThousandInstructions })
        #expect(mpki.value == 2.5)
        #expect(!mpki.isEstimate)
        let perOp = try #require(metrics.first { $0.counter == "dTLB-load-misses" && $0.kind == .perOperation })
        #expect(perOp.value == 5)
        let perSecond = try #require(metrics.first { $0.counter == "instructions" && $0.kind == .perSecond })
        #expect(perSecond.value == 1_000_000)
        let missing = try #require(metrics.first { $0.counter == "LLC-load-misses" && $0.kind == .perThousandInstructions })
        #expect(missing.value == nil)
        #expect(missing.reason?.contains("no CPU PMU") == true)
    }

    @Test func mpkiWithoutInstructionsSaysWhy() throws {
        let reading = CounterDelta(intervalNanos: 1, values: [
            .failed(name: "instructions", status: .unsupported(errno: 2, reason: "no CPU PMU exposed"), encoding: nil),
            .evaluating(name: "page-faults", raw: 7, enabledNanos: 1, runningNanos: 1, group: 1, encoding: nil),
            .evaluating(name: "cache-misses", raw: 7, enabledNanos: 4, runningNanos: 1, group: 0, encoding: nil),
        ])
        let mpki = try #require(reading.derived().first { $0.kind == .perThousandInstructions })
        #expect(mpki.counter == "cache-misses")
        #expect(mpki.value == nil)
        #expect(mpki.reason?.contains("instructions not counted") == true)
        let perOp = reading.derived(operations: 0).first { $0.counter == "page-faults" && $0.kind == .perOperation }
        #expect(perOp?.value == nil)
        #expect(perOp?.reason != nil)
    }

    @Test(arguments: [
        CounterStatus.counted, .scaled(runningPercent: 62.5), .notCounted(reason: "never scheduled"),
        .unsupported(errno: 2, reason: "no CPU PMU exposed — virtual machine"),
        .permissionDenied(paranoid: 2, reason: "perf_event_paranoid is 2"), .permissionDenied(paranoid: nil, reason: "x"),
        .unknownEvent(name: "bogus", reason: "libpfm4 finds no such event"),
    ])
    func statusRoundTripsThroughJSON(_ status: CounterStatus) throws {
        let data = try JSONEncoder().encode(status)
        #expect(try JSONDecoder().decode(CounterStatus.self, from: data) == status)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["status"] as? String == status.code)
        if status != .counted && status.code != "scaled" { #expect(object["reason"] is String) }
    }

    private func sample(_ name: String, value: UInt64, enabled: UInt64, running: UInt64) -> CounterSample {
        CounterSample(
            name: name, encoding: nil, group: 0,
            raw: .init(value: value, enabledNanos: enabled, runningNanos: running), failure: nil)
    }

    private func snapshot(at nanos: UInt64, _ samples: [CounterSample]) -> CounterSnapshot {
        CounterSnapshot(monotonicNanos: nanos, samples: samples)
    }
}
