import BenchModel
import Testing
@testable import BenchReport

@Suite("Counter writers")
struct CounterWritersTests {
    static func entry(_ name: String, _ status: CounterStatusCode, label: String, value: Double?, reason: String?,
                      runningPercent: Double? = nil) -> CounterEventEntry {
        CounterEventEntry(name: name, status: status, label: label, reason: reason, errno: nil, paranoid: nil, value: value,
                          rawValue: value.map { UInt64($0) }, perSecond: nil, runningPercent: runningPercent,
                          enabledNanos: 1_000, runningNanos: 1_000, group: 0, encoding: nil)
    }

    @Test("stat: counted values with rates, a scaled share, and one footnote per distinct reason")
    func stat() {
        let noPMU = "no CPU PMU is exposed to this virtual machine"
        let document = CounterStatDocument(
            command: ["true"], exitStatus: 0, signal: nil, elapsedNanos: 2_000_000_000, userMicros: 1_000, systemMicros: 2_000,
            usageUnavailable: nil, notes: ["split into 2 groups"],
            events: [Self.entry("page-faults", .counted, label: "counted", value: 1_234_567, reason: nil),
                     Self.entry("instructions", .scaled, label: "scaled (50.00% running)", value: 10, reason: "multiplexed",
                                runningPercent: 50),
                     Self.entry("cycles", .unsupported, label: "<not supported>", value: nil, reason: noPMU),
                     Self.entry("dTLB-load-misses", .unsupported, label: "<not supported>", value: nil, reason: noPMU)])
        let text = CounterStatTextWriter.render(document)
        #expect(text.contains("1,234,567      page-faults"))
        #expect(text.contains("(50.00%)"))
        #expect(text.contains("<not supported>      cycles"))
        #expect(text.components(separatedBy: noPMU).count == 2, "the shared reason is printed once:\n\(text)")
        #expect(text.contains("note: split into 2 groups"))
    }

    @Test("counters: the self-test verdict and each event's status come from the document alone")
    func counters() {
        let document = CountersDocument(
            libpfmAPIVersion: "4", environment: CounterEnvironment(paranoid: 2, eventSources: ["software"], cpuPMU: nil,
                                                                   hypervisor: "KVM", isPrivileged: false, kernelRelease: "6.1"),
            pmuSummary: "no CPU PMU", libpfmPMUs: [CounterPMU(name: "perf", description: "", kind: "osGeneric", eventCount: 1,
                                                               genericCounters: 0, fixedCounters: 0)],
            pagesTouched: 512, sleeps: 20, selfTestPassed: false,
            selfTest: [.init(event: "page-faults", expectation: "≥ 512", observed: nil, status: .notCounted,
                             label: "<not counted>", reason: "never ran", passed: false)],
            notes: [], events: [Self.entry("page-faults", .notCounted, label: "<not counted>", value: nil, reason: "never ran")])
        let text = CountersTextWriter.render(document)
        #expect(text.contains("perf_event_paranoid 2, unprivileged"))
        #expect(text.contains("Self-test (512 fresh pages, 20 sleeps, pointer chase):"))
        #expect(text.contains("FAIL page-faults"))
        #expect(text.hasSuffix("self-test FAILED: the counters above cannot be trusted"))
    }
}
