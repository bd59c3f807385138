import HardwareCounters

/// The JSON of `vecbench counters`.
struct CountersDocument: Encodable {
    struct Check: Encodable {
        var event: String
        var expectation: String
        var observed: Double?
        var status: String
        var reason: String?
        var passed: Bool
    }

    var libpfmAPIVersion: String
    var environment: PerfEventEnvironment
    var pmuSummary: String
    var libpfmPMUs: [DetectedPMU]
    var selfTestPassed: Bool
    var selfTest: [Check]
    var notes: [String]
    var events: [CounterEventEntry]

    init(report: CounterSelfTest.Report, environment: PerfEventEnvironment, pmus: [DetectedPMU]) {
        libpfmAPIVersion = EventEncoder.apiVersion
        self.environment = environment
        pmuSummary = environment.pmuSummary
        libpfmPMUs = pmus
        selfTestPassed = report.passed
        selfTest = report.checks.map {
            Check(
                event: $0.event, expectation: $0.expectation, observed: $0.observed, status: $0.status.code,
                reason: $0.status.reason, passed: $0.passed)
        }
        notes = report.notes
        events = report.reading.values.map { CounterEventEntry($0, intervalNanos: report.reading.intervalNanos) }
    }
}
