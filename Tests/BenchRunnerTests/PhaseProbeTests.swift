import BenchModel
import HardwareCounters
import Synchronization
import Testing
@testable import BenchRunner

/// A counter source whose snapshots fail on demand and whose opening left notes.
final class ScriptedCounterSource: PhaseCounterSource, @unchecked Sendable {
    let notes: [String]
    let failures: Mutex<[Bool]>

    init(notes: [String], failures: [Bool]) {
        self.notes = notes
        self.failures = Mutex(failures)
    }

    struct Unreadable: Error, CustomStringConvertible {
        var description: String { "read of the group leader failed (EBADF)" }
    }

    func snapshot() throws -> CounterSnapshot {
        let fail = failures.withLock { $0.isEmpty ? false : $0.removeFirst() }
        if fail { throw Unreadable() }
        return CounterSnapshot(monotonicNanos: 0, samples: [])
    }

    func delta(from start: CounterSnapshot, to end: CounterSnapshot) -> CounterDelta {
        CounterDelta.delta(from: start, to: end)
    }
}

@Suite("Phase probe")
struct PhaseProbeTests {
    @Test("a counter group split and a failed start snapshot reach the phase's notes, and the counters say why")
    func notesAreKept() {
        let split = "the PMU cannot schedule all hardware events in one group: split into 2 groups"
        let local = ScriptedCounterSource(notes: [split], failures: [true])
        let worker = ScriptedCounterSource(notes: [split], failures: [false, false])
        let probe = PhaseProbe(events: ["dTLB-load-misses"], local: local, workers: [worker], openFailure: nil,
                               workerProcessIDs: [], dataPaths: [])
        probe.begin()
        let (counters, _, notes) = probe.end(operations: 10)
        #expect(notes.first == split, "the split is said once though both sets report it: \(notes)")
        #expect(notes.filter { $0 == split }.count == 1)
        #expect(notes.contains { $0.contains("not read at the start of the phase") && $0.contains("EBADF") }, "\(notes)")
        #expect(counters.count == 0 || counters.allSatisfy { $0.value != nil || $0.reason != nil })
    }

    @Test("when no reading survives, every counter carries the start failure as its reason")
    func startFailureIsTheReason() {
        let local = ScriptedCounterSource(notes: [], failures: [true])
        let probe = PhaseProbe(events: ["page-faults"], local: local, workers: [], openFailure: nil,
                               workerProcessIDs: [], dataPaths: [])
        probe.begin()
        let (counters, _, notes) = probe.end(operations: 1)
        #expect(counters.map(\.name) == ["page-faults"])
        #expect(counters.first?.status == .notCounted)
        #expect(counters.first?.reason?.contains("EBADF") == true, "\(counters.first?.reason ?? "nil")")
        #expect(notes.count == 1)
    }
}
