import Testing
import Foundation
import VectorCore
@testable import HardwareCounters

/// Software counters count on every Linux machine, PMU or not; they must
/// count exactly the work done here, through both read paths.
@Suite struct SoftwareCounterTests {
    static let readPolicies: [CounterOptions.GroupReadPolicy] = [.automatic, .perEvent]

    @Test(arguments: readPolicies)
    func freshPagesCountAtLeastOneFaultEach(_ policy: CounterOptions.GroupReadPolicy) throws {
        let pages = 300
        let set = try CounterSet(
            events: ["page-faults", "minor-faults", "major-faults"], options: CounterOptions(groupReads: policy))
        try set.enable()
        let (_, reading) = try set.measure { try CounterWorkload.touchFreshPages(pages) }
        try set.disable()
        for name in ["page-faults", "minor-faults"] {
            let value = try #require(reading[name])
            #expect(value.status == .counted, "\(name): \(value.status)")
            #expect((value.value ?? 0) >= Double(pages), "\(name) = \(String(describing: value.value))")
        }
        // Anonymous first touches never go to disk.
        #expect(reading["major-faults"]?.value == 0)
        #expect(reading["major-faults"]?.status == .counted)
    }

    @Test(arguments: readPolicies)
    func sleepsCountContextSwitches(_ policy: CounterOptions.GroupReadPolicy) throws {
        let sleeps = 20
        let set = try CounterSet(events: ["context-switches", "task-clock"], options: CounterOptions(groupReads: policy))
        try set.enable()
        let (_, reading) = try set.measure { CounterWorkload.sleepRepeatedly(sleeps) }
        let switches = try #require(reading["context-switches"])
        #expect(switches.status == .counted)
        #expect((switches.value ?? 0) >= Double(sleeps / 2))
        let clock = try #require(reading["task-clock"])
        #expect((clock.value ?? 0) > 0)
    }

    @Test func softwareEventsShareOneGroup() throws {
        let set = try CounterSet(events: EventCatalog.software)
        let groups = Set(set.events.compactMap(\.group))
        #expect(groups.count == 1)
        #expect(set.events.allSatisfy { $0.failure == nil })
    }

    /// inherit: a thread started after the set opened is counted with it.
    @Test func threadsStartedAfterOpeningAreCounted() throws {
        let pages = 200
        let set = try CounterSet(events: ["page-faults"], options: CounterOptions(inherit: true))
        try set.enable()
        let start = try set.snapshot()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            try? CounterWorkload.touchFreshPages(pages)
            done.signal()
        }
        thread.start()
        done.wait()
        // The child's counts fold into ours when it exits; poll until the
        // thread has gone so the assertion does not race its exit.
        var reading = set.delta(from: start, to: try set.snapshot())
        for _ in 0..<200 where (reading["page-faults"]?.value ?? 0) < Double(pages) {
            CounterWorkload.sleepRepeatedly(1, microseconds: 5_000)
            reading = set.delta(from: start, to: try set.snapshot())
        }
        #expect((reading["page-faults"]?.value ?? 0) >= Double(pages))
    }

    @Test func phasesAreDeltasNotTotals() throws {
        let set = try CounterSet(events: ["page-faults"])
        try set.enable()
        let first = try set.snapshot()
        try CounterWorkload.touchFreshPages(400)
        let second = try set.snapshot()
        try CounterWorkload.touchFreshPages(50)
        let third = try set.snapshot()
        let big = try #require(set.delta(from: first, to: second)["page-faults"]?.value)
        let small = try #require(set.delta(from: second, to: third)["page-faults"]?.value)
        let whole = try #require(set.delta(from: first, to: third)["page-faults"]?.value)
        #expect(big >= 400)
        #expect(small >= 50)
        #expect(small < big)
        #expect(whole == big + small)
    }

    @Test func disabledCountersReadAsNotCountedNotZero() throws {
        let set = try CounterSet(events: ["page-faults"])
        let start = try set.snapshot()
        try CounterWorkload.touchFreshPages(10)
        let value = try #require(set.delta(from: start, to: try set.snapshot())["page-faults"])
        #expect(value.value == nil)
        guard case .notCounted(let reason) = value.status else {
            Issue.record("expected notCounted, got \(value.status)")
            return
        }
        #expect(reason.contains("not enabled"))
    }
}

/// The paths a machine with a PMU (or a stricter kernel) takes, driven here
/// through the syscall funnel's fault injection. Each rule matches only an
/// event spelling no other test uses and expires after the calls it is
/// meant for — never `FaultInjection.reset()`, which would also clear rules
/// other suites running in parallel in this process depend on.
@Suite(.serialized) struct OpenFallbackTests {
    #if DEBUG
    @Test func refusedGroupReadsFallBackToPerEventReads() throws {
        let leader = "perf::PERF_COUNT_SW_PAGE_FAULTS_MIN"
        FaultInjection.install(.init(operation: "perf_event_open", pathSuffix: leader, errno: EINVAL, times: 1))
        let set = try CounterSet(events: [leader, "perf::PERF_COUNT_SW_CONTEXT_SWITCHES"])
        #expect(set.notes.contains { $0.contains("refused group reads") })
        #expect(set.groups.count == 1)
        #expect(set.groups.first?.readsAsGroup == false)
        try set.enable()
        let (_, reading) = try set.measure { try CounterWorkload.touchFreshPages(100) }
        #expect((reading[leader]?.value ?? 0) >= 100)
        #expect(reading["perf::PERF_COUNT_SW_CONTEXT_SWITCHES"]?.status == .counted)
    }

    @Test func aGroupThePMUCannotFitIsSplit() throws {
        let member = "perf::PERF_COUNT_SW_CPU_MIGRATIONS"
        FaultInjection.install(.init(operation: "perf_event_open", pathSuffix: member, errno: EINVAL, times: 1))
        let set = try CounterSet(events: ["perf::PERF_COUNT_SW_PAGE_FAULTS_MAJ", member])
        #expect(set.groups.count == 2)
        #expect(set.notes.contains { $0.contains("split into 2 groups") })
        #expect(set.events.allSatisfy { $0.failure == nil })
        try set.enable()
        let (_, reading) = try set.measure { CounterWorkload.sleepRepeatedly(2) }
        #expect(reading[member]?.status == .counted)
    }

    @Test func refusedKernelCountingFallsBackToUserSpace() throws {
        let name = "perf::PERF_COUNT_SW_PAGE_FAULTS"
        FaultInjection.install(.init(operation: "perf_event_open", pathSuffix: name, errno: EACCES, times: 1))
        let set = try CounterSet(events: [name], options: CounterOptions(scope: .automatic))
        let event = try #require(set.events.first)
        guard PerfEventEnvironment.current().mayCountKernel else {
            // Already user-only: nothing to fall back to, so the refusal stands.
            #expect(event.failure?.code == "permission-denied")
            return
        }
        // The first try counted the kernel and was refused; the retry is user-only.
        #expect(event.failure == nil)
        #expect(event.encoding?.excludeKernel == true)
        #expect(set.notes.contains { $0.contains("counting user space only") })
        try set.enable()
        let (_, reading) = try set.measure { try CounterWorkload.touchFreshPages(20) }
        #expect((reading[name]?.value ?? 0) >= 20)
    }

    @Test func persistentRefusalIsPermissionDeniedWithParanoid() throws {
        let name = "perf::PERF_COUNT_SW_TASK_CLOCK"
        // Two refusals: the first attempt and the user-only retry.
        FaultInjection.install(.init(operation: "perf_event_open", pathSuffix: name, errno: EACCES, times: 2))
        let set = try CounterSet(events: [name, "perf::PERF_COUNT_SW_CPU_CLOCK"])
        guard case .permissionDenied(let paranoid, let reason) = set.events[0].failure else {
            Issue.record("expected permissionDenied, got \(String(describing: set.events[0].failure))")
            return
        }
        #expect(paranoid == PerfEventEnvironment.current().paranoid)
        #expect(!reason.isEmpty)
        // The refused event does not take the rest of its group down.
        #expect(set.events[1].failure == nil)
        try set.enable()
        let (_, reading) = try set.measure { CounterWorkload.sleepRepeatedly(1) }
        #expect(reading[name]?.value == nil)
        #expect((reading["perf::PERF_COUNT_SW_CPU_CLOCK"]?.value ?? 0) > 0)
    }
    #endif

    @Test func vanishedTargetProcessIsExplained() throws {
        // Above any pid_max the kernel allows (2^22), so no process has it.
        let set = try CounterSet(events: ["page-faults"], target: .process(Int32.max - 1))
        guard case .unsupported(let errno, let reason) = set.events[0].failure else {
            Issue.record("expected unsupported, got \(String(describing: set.events[0].failure))")
            return
        }
        #expect(errno == ESRCH)
        #expect(reason.contains("no longer exists"))
    }
}
