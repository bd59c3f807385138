import Testing
import Foundation
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
