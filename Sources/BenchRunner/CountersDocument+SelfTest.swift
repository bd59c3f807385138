import BenchModel
import HardwareCounters

extension CountersDocument {
    /// The document of a counters self-test on this machine.
    public init(report: CounterSelfTest.Report, environment: PerfEventEnvironment, pmus: [DetectedPMU]) {
        self.init(
            libpfmAPIVersion: EventEncoder.apiVersion,
            environment: CounterEnvironment(
                paranoid: environment.paranoid, eventSources: environment.eventSources, cpuPMU: environment.cpuPMU,
                hypervisor: environment.hypervisor, isPrivileged: environment.isPrivileged,
                kernelRelease: environment.kernelRelease),
            pmuSummary: environment.pmuSummary,
            libpfmPMUs: pmus.map {
                CounterPMU(name: $0.name, description: $0.description, kind: $0.kind.rawValue, eventCount: $0.eventCount,
                           genericCounters: $0.genericCounters, fixedCounters: $0.fixedCounters)
            },
            pagesTouched: report.pagesTouched, sleeps: report.sleeps, selfTestPassed: report.passed,
            selfTest: report.checks.map {
                Check(event: $0.event, expectation: $0.expectation, observed: $0.observed,
                      status: CounterStatusCode(rawValue: $0.status.code) ?? .notCounted, label: $0.status.label,
                      reason: $0.status.reason, passed: $0.passed)
            },
            notes: report.notes,
            events: report.reading.values.map { CounterEventEntry($0, intervalNanos: report.reading.intervalNanos) })
    }
}
