
/// The JSON of `vecbench counters`.
public struct CountersDocument: Codable, Sendable {
    public struct Check: Codable, Sendable {
        public var event: String
        public var expectation: String
        public var observed: Double?
        public var status: String
        public var reason: String?
        public var passed: Bool
    }

    public var libpfmAPIVersion: String
    public var environment: PerfEventEnvironment
    public var pmuSummary: String
    public var libpfmPMUs: [DetectedPMU]
    public var selfTestPassed: Bool
    public var selfTest: [Check]
    public var notes: [String]
    public var events: [CounterEventEntry]

    public init(report: CounterSelfTest.Report, environment: PerfEventEnvironment, pmus: [DetectedPMU]) {
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
