import Foundation
import Testing
import VectorCore
@testable import HardwareCounters

/// Software counters over every thread of the process: threads that existed
/// before the counters opened and threads started afterwards both count,
/// while they are still alive, and task-clock agrees with the CPU time the
/// kernel accounts to the same threads by another path.
@Suite struct ProcessThreadCounterTests {
    /// A thread that parks until told to work, then parks again until told
    /// to exit: work and exit happen at chosen points of a measurement.
    final class ParkedWorker: @unchecked Sendable {
        let pages: Int
        let spinSteps: Int
        private let go = DispatchSemaphore(value: 0)
        private let worked = DispatchSemaphore(value: 0)
        private let leave = DispatchSemaphore(value: 0)
        private let exited = DispatchSemaphore(value: 0)
        /// CPU time of the work alone, from CLOCK_THREAD_CPUTIME_ID in the thread.
        private(set) var workCPUNanos: UInt64 = 0
        private(set) var failure: String?

        init(pages: Int, spinSteps: Int) {
            self.pages = pages
            self.spinSteps = spinSteps
        }

        func start() {
            let thread = Thread { [self] in
                go.wait()
                let before = Self.threadCPUNanos()
                do { try CounterWorkload.touchFreshPages(pages) } catch { failure = "\(error)" }
                let sink = CounterWorkload.chasePointers(bytes: 1 << 20, steps: spinSteps)
                workCPUNanos = Self.threadCPUNanos() - before
                withExtendedLifetime(sink) {}
                worked.signal()
                leave.wait()
                exited.signal()
            }
            thread.start()
        }

        func work() {
            go.signal()
            worked.wait()
        }

        func finish() {
            leave.signal()
            exited.wait()
        }

        static func threadCPUNanos() -> UInt64 {
            var now = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
            return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
        }
    }

    static func processCPUNanos() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    /// The case a counter set on the calling thread misses: the work runs on
    /// a thread that was started before the counters were opened.
    @Test func aThreadStartedBeforeOpeningIsCounted() throws {
        let pages = 300
        let worker = ParkedWorker(pages: pages, spinSteps: 1 << 21)
        worker.start()
        let counters = try ProcessThreadCounters(events: ["task-clock", "page-faults"])
        let callerOnly = try CounterSet(events: ["page-faults"], target: .currentThread)
        try counters.enable()
        try callerOnly.enable()
        let processStart = Self.processCPUNanos()
        let start = try counters.snapshot()
        let callerStart = try callerOnly.snapshot()
        worker.work()
        let reading = counters.delta(from: start, to: try counters.snapshot())
        let processCPU = Self.processCPUNanos() - processStart
        let callerReading = callerOnly.delta(from: callerStart, to: try callerOnly.snapshot())
        worker.finish()
        #expect(worker.failure == nil)

        let faults = try #require(reading["page-faults"])
        #expect(faults.status == .counted, "\(faults.status)")
        #expect((faults.value ?? 0) >= Double(pages), "page-faults = \(String(describing: faults.value))")
        let clock = try #require(reading["task-clock"])
        #expect(clock.status == .counted, "\(clock.status)")
        let taskClock = clock.value ?? 0
        // Independent counts of the same CPU time: the worker's own clock is
        // a floor, the whole process's clock over an enclosing interval a
        // ceiling (other tests' threads run in both).
        #expect(taskClock >= 0.9 * Double(worker.workCPUNanos), "task-clock \(taskClock) ns, worker \(worker.workCPUNanos) ns")
        #expect(taskClock <= 1.1 * Double(processCPU) + 5_000_000, "task-clock \(taskClock) ns, process \(processCPU) ns")
        // Why the type exists: the calling thread's set does not see it.
        #expect((callerReading["page-faults"]?.value ?? 0) < Double(pages))
    }

    /// inherit: a thread started after opening is counted while it is still
    /// alive, not only once it has exited.
    @Test func aThreadStartedAfterOpeningCountsWhileAlive() throws {
        let pages = 200
        let counters = try ProcessThreadCounters(events: ["page-faults", "task-clock"], options: CounterOptions(groupReads: .perEvent))
        try counters.enable()
        let start = try counters.snapshot()
        let worker = ParkedWorker(pages: pages, spinSteps: 1 << 20)
        worker.start()
        worker.work()
        let reading = counters.delta(from: start, to: try counters.snapshot())
        worker.finish()
        #expect((reading["page-faults"]?.value ?? 0) >= Double(pages))
        #expect((reading["task-clock"]?.value ?? 0) >= 0.9 * Double(worker.workCPUNanos))
    }

    /// Every thread alive before and after opening has a set of its own.
    @Test func everyThreadOfTheProcessIsCounted() throws {
        let before = try ProcessThreadCounters.threadIDs()
        let counters = try ProcessThreadCounters(events: ["task-clock"])
        let stillAlive = Set(before).intersection(try ProcessThreadCounters.threadIDs())
        #expect(stillAlive.isSubset(of: Set(counters.threads)), "missing: \(stillAlive.subtracting(counters.threads).sorted())")
        #expect(counters.eventStatuses.allSatisfy { $0.failure == nil })
    }

    @Test func theThreadBoundIsSaidNotHidden() throws {
        let worker = ParkedWorker(pages: 1, spinSteps: 1)
        worker.start()
        defer {
            worker.work()
            worker.finish()
        }
        let counters = try ProcessThreadCounters(events: ["task-clock"], maximumThreads: 1)
        #expect(counters.threads.count == 1)
        #expect(counters.notes.contains { $0.contains("not counted") && $0.contains("at most 1 threads") }, "\(counters.notes)")
    }

    /// Summing follows perf: counts and times add up, and an event no part
    /// opened keeps its failure.
    @Test func snapshotsSumPerPosition() {
        let refused = CounterStatus.unsupported(errno: 2, reason: "no PMU")
        func part(_ value: UInt64, enabled: UInt64, running: UInt64, at nanos: UInt64) -> CounterSnapshot {
            CounterSnapshot(monotonicNanos: nanos, samples: [
                CounterSample(name: "cycles", encoding: nil, group: nil, raw: nil, failure: refused),
                CounterSample(name: "task-clock", encoding: nil, group: 0,
                              raw: .init(value: value, enabledNanos: enabled, runningNanos: running), failure: nil),
            ])
        }
        let sum = ProcessThreadCounters.sum([part(10, enabled: 100, running: 50, at: 7), part(5, enabled: 300, running: 150, at: 9)])
        #expect(sum.monotonicNanos == 9)
        #expect(sum.samples[0].failure == refused)
        #expect(sum.samples[1].raw == .init(value: 15, enabledNanos: 400, runningNanos: 200))
    }

    /// Hardware and software events are grouped apart on every thread, so
    /// software events count whether or not a hardware leader opened (on a
    /// virtual machine without a PMU it does not; on bare metal it does).
    @Test func softwareEventsCountWhateverTheHardwareLeaderDid() throws {
        let counters = try ProcessThreadCounters(events: ["cycles", "instructions", "page-faults"],
                                                 options: CounterOptions(unknownEvents: .report))
        try counters.enable()
        let start = try counters.snapshot()
        try CounterWorkload.touchFreshPages(128)
        let reading = counters.delta(from: start, to: try counters.snapshot())
        #expect(reading["page-faults"]?.status == .counted)
        #expect((reading["page-faults"]?.value ?? 0) >= 128)
        for name in ["cycles", "instructions"] {
            let value = try #require(reading[name])
            // Counted (or scaled) with a PMU, else a status that says why — never a silent zero.
            #expect(value.value != nil || value.status.reason != nil, "\(name): \(value.status)")
        }
    }

    #if DEBUG
    /// A PMU that cannot fit a group splits it on the thread where that
    /// happened; the sum still counts the event on every thread, and the
    /// note is said once.
    @Test func aSplitGroupOnOneThreadStillSums() throws {
        let member = "perf::cs"
        FaultInjection.install(.init(operation: "perf_event_open", pathSuffix: member, errno: EINVAL, times: 1))
        let counters = try ProcessThreadCounters(events: ["perf::migrations", member, "perf::faults"])
        #expect(counters.notes.filter { $0.contains("split into 2 groups") }.count == 1, "\(counters.notes)")
        #expect(counters.eventStatuses.allSatisfy { $0.failure == nil })
        try counters.enable()
        let start = try counters.snapshot()
        try CounterWorkload.touchFreshPages(64)
        let reading = counters.delta(from: start, to: try counters.snapshot())
        #expect(reading[member]?.status == .counted)
        #expect((reading["perf::faults"]?.value ?? 0) >= 64)
    }
    #endif
}
