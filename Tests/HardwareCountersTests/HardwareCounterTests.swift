import Testing
@testable import HardwareCounters

/// Hardware events count where a PMU exists and say why not where it does
/// not. Either way there is no zero without a status.
@Suite struct HardwareCounterTests {
    let environment = PerfEventEnvironment.current()

    @Test func hardwareEventsCountOrSayWhyNot() throws {
        let set = try CounterSet(events: EventCatalog.genericHardware, environment: environment)
        try set.enable()
        let (sink, reading) = try set.measure {
            CounterWorkload.chasePointers(bytes: 16 << 20, steps: 1 << 19)
        }
        try set.disable()
        withExtendedLifetime(sink) {}
        #expect(reading.values.count == EventCatalog.genericHardware.count)
        for value in reading.values {
            switch value.status {
            case .counted, .scaled:
                #expect(value.value != nil, "\(value.name) has a counted status but no value")
            case .notCounted(let reason), .unsupported(_, let reason), .permissionDenied(_, let reason):
                #expect(value.value == nil, "\(value.name) reports a value without counting")
                #expect(!reason.isEmpty)
            case .unknownEvent:
                Issue.record("\(value.name) is a generic perf event and must encode")
            }
        }
        // Work was done, so a counting CPU PMU must see cycles and instructions.
        for name in ["cycles", "instructions"] {
            let value = try #require(reading[name])
            if value.status.hasValue {
                #expect((value.value ?? 0) > 0, "\(name) counted zero for real work")
            }
        }
    }

    /// Without a CPU PMU in sysfs every hardware event must be unsupported,
    /// and the reason must say it is the missing PMU (not a typo, not
    /// permissions). With one, they must not claim the PMU is missing.
    @Test func missingPMUIsDiagnosedAsSuch() throws {
        let set = try CounterSet(events: ["cycles", "dTLB-load-misses"], environment: environment)
        for event in set.events {
            if environment.cpuPMU == nil {
                guard case .unsupported(let errno, let reason) = event.failure else {
                    Issue.record("\(event.name) opened although no CPU PMU is exposed: \(String(describing: event.failure))")
                    continue
                }
                #expect(errno == 2)  // ENOENT: no PMU accepts the type
                #expect(reason.contains("no CPU PMU exposed"))
                if environment.hypervisor != nil { #expect(reason.contains("virtual machine")) }
            } else if case .unsupported(_, let reason) = event.failure {
                #expect(!reason.contains("no CPU PMU exposed"))
            }
        }
    }

    @Test func hardwareAndSoftwareEventsOpenInSeparateGroups() throws {
        let set = try CounterSet(events: ["cycles", "page-faults", "instructions", "context-switches"], environment: environment)
        let software = set.events.filter { $0.encoding?.isSoftware == true }.compactMap(\.group)
        let hardware = set.events.filter { $0.encoding?.isSoftware == false }.compactMap(\.group)
        #expect(software.count == 2)
        #expect(Set(software).count == 1)
        #expect(Set(software).isDisjoint(with: Set(hardware)))
        // Software counts whether or not hardware could open.
        try set.enable()
        let (_, reading) = try set.measure { try CounterWorkload.touchFreshPages(64) }
        #expect((reading["page-faults"]?.value ?? 0) >= 64)
    }

    @Test func errnoDiagnosisNamesTheCause() throws {
        let cycles = try EventEncoder.encode("cycles", scope: .user, environment: environment)
        let pageFaults = try EventEncoder.encode("page-faults", scope: .user, environment: environment)
        let vm = PerfEventEnvironment(
            paranoid: 2, eventSources: ["software", "tracepoint"], cpuPMU: nil, hypervisor: "KVM",
            isPrivileged: false, kernelRelease: "6.1")
        let metal = PerfEventEnvironment(
            paranoid: 3, eventSources: ["cpu", "software"], cpuPMU: "cpu", hypervisor: nil,
            isPrivileged: false, kernelRelease: "6.1")
        #expect(vm.status(forOpenErrno: 2, encoding: cycles).reason?.contains("no CPU PMU exposed — virtual machine (KVM)") == true)
        #expect(metal.status(forOpenErrno: 2, encoding: cycles).reason?.contains("has no mapping") == true)
        #expect(vm.status(forOpenErrno: 2, encoding: pageFaults).reason?.contains("software event") == true)
        guard case .permissionDenied(let paranoid, let reason) = metal.status(forOpenErrno: 13, encoding: cycles) else {
            Issue.record("EACCES must be permissionDenied")
            return
        }
        #expect(paranoid == 3)
        #expect(reason.contains("perf_event_paranoid is 3"))
        guard case .permissionDenied(let two, _) = vm.status(forOpenErrno: 1, encoding: cycles) else {
            Issue.record("EPERM must be permissionDenied")
            return
        }
        #expect(two == 2)
    }
}
