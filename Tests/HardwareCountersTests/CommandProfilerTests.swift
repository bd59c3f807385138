import Testing
@testable import HardwareCounters

/// `vecbench stat`'s engine: the spawned command is counted, vecbench is not.
@Suite struct CommandProfilerTests {
    @Test func spawnedCommandIsCountedFromExec() throws {
        let profiler = CommandProfiler(events: ["page-faults", "task-clock", "cycles"])
        let profile = try profiler.run(["/bin/sh", "-c", "exit 0"])
        #expect(profile.termination == .exited(code: 0))
        let faults = try #require(profile.reading["page-faults"])
        #expect(faults.status == .counted)
        // Any exec'd program faults in its text and stack.
        #expect((faults.value ?? 0) > 0)
        #expect((profile.reading["task-clock"]?.value ?? 0) > 0)
        let cycles = try #require(profile.reading["cycles"])
        #expect(cycles.status.hasValue == (cycles.value != nil))
        if !cycles.status.hasValue { #expect(cycles.status.reason != nil) }
    }

    /// The counters follow the command's children: a shell that runs a
    /// child touching memory counts more faults than one that does not.
    @Test func descendantsOfTheCommandAreCounted() throws {
        let profiler = CommandProfiler(events: ["page-faults"])
        let alone = try profiler.run(["/bin/sh", "-c", "exit 0"])
        let withChild = try profiler.run(["/bin/sh", "-c", "/bin/sh -c 'exit 0'; exit 0"])
        let aloneFaults = try #require(alone.reading["page-faults"]?.value)
        let childFaults = try #require(withChild.reading["page-faults"]?.value)
        #expect(childFaults > aloneFaults)
    }

    @Test func exitStatusAndSignalsAreReported() throws {
        let profiler = CommandProfiler(events: ["task-clock"])
        #expect(try profiler.run(["/bin/sh", "-c", "exit 3"]).termination == .exited(code: 3))
        let killed = try profiler.run(["/bin/sh", "-c", "kill -TERM $$"])
        #expect(killed.termination == .signaled(signal: 15))
        #expect(killed.termination.shellStatus == 143)
    }

    @Test func missingCommandFailsToSpawn() {
        #expect(throws: (any Error).self) {
            _ = try CommandProfiler(events: ["task-clock"]).run(["/definitely/not/a/command"])
        }
    }

    @Test func waitStatusDecoding() {
        #expect(CommandProfiler.termination(0x0300) == .exited(code: 3))
        #expect(CommandProfiler.termination(0x0009) == .signaled(signal: 9))
    }
}

/// The self-test behind `vecbench counters` must pass on any Linux machine.
@Suite struct CounterSelfTestTests {
    @Test func selfTestPassesAndCoversEveryRequestedEvent() throws {
        let report = try CounterSelfTest(pages: 128, sleeps: 10, chaseBytes: 1 << 20).run(events: EventCatalog.defaultEvents)
        #expect(report.passed, "\(report.checks)")
        #expect(report.reading.values.map(\.name) == EventCatalog.defaultEvents)
        for value in report.reading.values {
            #expect(value.status.hasValue == (value.value != nil), "\(value.name): \(value.status)")
        }
    }
}
