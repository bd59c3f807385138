import BenchModel
import Foundation
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

    /// The phase's work runs on a thread of its own, as the executor's do:
    /// software counters must count it (they once stayed disabled and read
    /// "not enabled during this interval" on every phase), and task-clock
    /// must agree with the thread's own CPU clock and the OS CPU time.
    @Test("software counters count work on a thread started during the phase")
    func softwareCountersCountThePhase() throws {
        let pages = 256
        let probe = PhaseProbe(events: ["task-clock", "page-faults", "context-switches"], workerCounters: nil,
                               workerProcessIDs: [], dataPaths: [])
        probe.begin()
        let threadCPU = Mutex<UInt64>(0)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            var start = timespec(), end = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
            try? CounterWorkload.touchFreshPages(pages)
            let sink = CounterWorkload.chasePointers(bytes: 1 << 20, steps: 1 << 21)
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
            withExtendedLifetime(sink) {}
            threadCPU.withLock { $0 = UInt64(end.tv_sec - start.tv_sec) * 1_000_000_000 &+ UInt64(bitPattern: Int64(end.tv_nsec - start.tv_nsec)) }
            done.signal()
        }
        thread.start()
        done.wait()
        let (counters, os, _) = probe.end(operations: 10)
        for name in ["task-clock", "page-faults", "context-switches"] {
            let counter = try #require(counters.first { $0.name == name })
            #expect(counter.status == .counted, "\(name): \(counter.status) — \(counter.reason ?? "")")
        }
        let faults = try #require(counters.first { $0.name == "page-faults" })
        #expect((faults.value ?? 0) >= Double(pages))
        #expect(faults.perOperation == faults.value.map { $0 / 10 })
        let taskClock = try #require(counters.first { $0.name == "task-clock" }?.value)
        let worked = Double(threadCPU.withLock { $0 })
        #expect(taskClock >= 0.9 * worked, "task-clock \(taskClock) ns, the thread's CPU clock \(worked) ns")
        // The OS's CPU time of the process covers the same threads and more.
        let cpuMicros = try #require(os.userCPUMicros?.value) + (try #require(os.systemCPUMicros?.value))
        #expect(taskClock / 1000 <= 1.2 * cpuMicros + 20_000, "task-clock \(taskClock) ns, rusage \(cpuMicros) µs")
    }
}
